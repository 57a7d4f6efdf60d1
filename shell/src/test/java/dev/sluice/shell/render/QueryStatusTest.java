package dev.sluice.shell.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.runtime.progress.QueryProgress;
import dev.sluice.runtime.progress.SourceProgress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The status line, fed progress reports by hand on a clock the test moves. */
class QueryStatusTest {
  private static final long SECOND = 1_000_000_000L;

  private final SluiceEngine engine = SluiceEngine.open();
  private final AtomicLong nanos = new AtomicLong();
  private final QueryStatus status;

  QueryStatusTest() {
    engine.execute("CREATE TABLE words (word VARCHAR) WITH ('connector' = 'memory')");
    StreamingQuery query = engine.execute("SELECT word, COUNT(*) AS n FROM words GROUP BY word").query();
    status = new QueryStatus(query, "reads words (memory) from the beginning, its first row", nanos::get);
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void beforeTheFirstBatchTheQueryWaits() {
    nanos.set(SECOND / 2);
    assertEquals("q1 | waiting for data | 0.5s", status.line());
    assertEquals("Query q1 (update mode) reads words (memory) from the beginning, its first row. Waiting for data...", status.waiting());
  }

  @Test
  void theLineHasBatchRatesWatermarkStateLateRowsTimeAndSourceProblems() {
    nanos.set(SECOND / 2);
    status.onProgress(progress(0, 10, 4, null));
    nanos.set(2 * SECOND);
    status.onProgress(progress(1, 0, 0, "directory gone, retrying"));
    assertEquals("q1 | batch 1 | in 5.0 rows/s | out 2.0 rows/s | watermark 2026-01-01 00:00:10.000 | state 3 rows"
        + " | late rows dropped 1 | malformed rows skipped 0 | 2.0s | words: directory gone, retrying", status.line());
    assertEquals("q1 | batch 1 | in 5.0/s | out 2.0/s | watermark 00:00:10.000 | state 3 | late 1 | 2.0s"
        + " | words: directory gone, retrying", status.line(100), "shorter on a narrow screen");
    assertEquals("Query q1 stopped: 2 batches, 0 rows in 2.0s", status.summary("stopped"));
  }

  @Test
  void theFirstBatchDoesNotMakeTheRateJump() {
    nanos.set(SECOND / 100);
    status.onProgress(progress(0, 5, 5, null));
    assertEquals("q1 | batch 0 | in 5.0 rows/s | out 5.0 rows/s | watermark 2026-01-01 00:00:10.000 | state 3 rows"
        + " | late rows dropped 1 | malformed rows skipped 0 | 0.0s", status.line());
  }

  @Test
  void malformedRowsTheSourcesSkippedShowInTheLineAndTheSummary() {
    nanos.set(SECOND);
    status.onProgress(progress(0, 2, 2, 1, null));
    assertEquals("q1 | batch 0 | in 2.0 rows/s | out 2.0 rows/s | watermark 2026-01-01 00:00:10.000 | state 3 rows"
        + " | late rows dropped 1 | malformed rows skipped 1 | 1.0s", status.line());
    assertEquals("q1 | batch 0 | in 2.0/s | out 2.0/s | watermark 00:00:10.000 | state 3 | late 1 | malformed 1 | 1.0s",
        status.line(100), "the short form has them too, when there are some");
    assertEquals("Query q1 finished: 1 batch, 0 rows in 1.0s (1 malformed row skipped)", status.summary("finished"));
    status.onProgress(progress(1, 0, 0, 3, null));
    assertEquals("Query q1 finished: 2 batches, 0 rows in 1.0s (3 malformed rows skipped)", status.summary("finished"),
        "the count is the sources' own, cumulative");
  }

  @Test
  void rowsAnInsertDroppedForANullInANotNullColumnShowInTheLineAndTheSummary() {
    nanos.set(SECOND);
    status.onProgress(progress(0, 2, 1, 0, 1, null));
    assertEquals("q1 | batch 0 | in 2.0 rows/s | out 1.0 rows/s | watermark 2026-01-01 00:00:10.000 | state 3 rows"
        + " | late rows dropped 1 | malformed rows skipped 0 | rows with NULL in a NOT NULL column dropped 1 | 1.0s", status.line());
    assertEquals("q1 | batch 0 | in 2.0/s | out 1.0/s | watermark 00:00:10.000 | state 3 | late 1 | null-dropped 1 | 1.0s",
        status.line(100));
    assertEquals("Query q1 finished: 1 batch, 0 rows in 1.0s (1 row with NULL in a NOT NULL column dropped)", status.summary("finished"));
  }

  private static QueryProgress progress(long batch, long input, long output, String sourceStatus) {
    return progress(batch, input, output, 0, sourceStatus);
  }

  private static QueryProgress progress(long batch, long input, long output, long malformed, String sourceStatus) {
    return progress(batch, input, output, malformed, 0, sourceStatus);
  }

  private static QueryProgress progress(long batch, long input, long output, long malformed, long droppedNull, String sourceStatus) {
    return new QueryProgress("q1", batch, "2026-01-01T00:00:00Z", input, 0, 0, Map.of("total", 1L), 3, "2026-01-01 00:00:10.000", 1, 0,
        malformed, droppedNull, output, 0, 0, List.of(new SourceProgress("words", "0", "10", input, null, malformed, sourceStatus)));
  }
}
