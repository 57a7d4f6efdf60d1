package dev.sluice.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.ResultListener;
import dev.sluice.engine.ResultRow;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.runtime.exec.Trigger;
import dev.sluice.runtime.progress.QueryProgress;
import dev.sluice.runtime.spi.OutputMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which changed queries may resume from a checkpoint, what a refusal says, what a damaged
 * checkpoint does, and the checkpoint settings and progress fields, through the embedded API.
 */
class CheckpointCompatibilityTest {
  private static final String COUNT_BY_WORD = "SELECT word, COUNT(*) AS cnt FROM words WHERE n > 0 GROUP BY word";

  @TempDir Path checkpoint;
  private SluiceEngine engine;

  @BeforeEach
  void openEngine() {
    engine = SluiceEngine.open();
    engine.execute("CREATE TABLE words (word VARCHAR, n INT) WITH ('connector' = 'memory')");
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  private void append(Object[]... rows) {
    engine.memoryTables().append("words", Arrays.asList(rows));
  }

  /** The last complete-mode table, word to count. */
  private static final class LastTable implements ResultListener {
    volatile Map<Object, Object> table = Map.of();

    @Override
    public void onBatch(long batchId, List<ResultRow> rows) {
      Map<Object, Object> t = new TreeMap<>();
      for (ResultRow r : rows) t.put(r.values()[0], r.values()[1]);
      table = t;
    }
  }

  private StreamingQuery start(String sql, OutputMode mode, ResultListener listener) {
    return engine.query(sql).outputMode(mode).trigger(new Trigger.Manual()).checkpointLocation(checkpoint).onBatch(listener).start();
  }

  private void runOnce(String sql, OutputMode mode, Object[]... rows) {
    StreamingQuery query = start(sql, mode, new LastTable());
    append(rows);
    query.processAllAvailable();
    query.stop();
  }

  @Test
  void aChangedGroupingKeyIsRefusedSayingWhichOperatorChangedAndHow() {
    runOnce(COUNT_BY_WORD, OutputMode.COMPLETE, new Object[] {"cat", 1});
    String changed = "SELECT n, COUNT(*) AS cnt FROM words WHERE n > 0 GROUP BY n";
    SluiceException e = assertThrows(SluiceException.class, () -> start(changed, OutputMode.COMPLETE, new LastTable()));
    String message = e.getMessage();
    assertTrue(message.contains("stateful operator 1"), message);
    assertTrue(message.contains("was: StreamGroupAggregate(groupBy=[word]"), message);
    assertTrue(message.contains("now: StreamGroupAggregate(groupBy=[n]"), message);
    assertTrue(message.contains(COUNT_BY_WORD) && message.contains(changed) && message.contains("checkpoint.location"), message);
    assertTrue(engine.queries().isEmpty(), "the refused query is not left running");
  }

  @Test
  void anAddedAggregateIsRefused() {
    runOnce(COUNT_BY_WORD, OutputMode.COMPLETE, new Object[] {"cat", 1});
    SluiceException e = assertThrows(SluiceException.class,
        () -> start("SELECT word, COUNT(*) AS cnt, SUM(n) AS total FROM words WHERE n > 0 GROUP BY word", OutputMode.COMPLETE, new LastTable()));
    assertTrue(e.getMessage().contains("was: StreamGroupAggregate(groupBy=[word], select=[") && e.getMessage().contains("SUM"), e.getMessage());
  }

  @Test
  void anotherStateTtlIsRefused() {
    engine.execute("CREATE TABLE timed (word VARCHAR, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'memory')");
    String sql = "SELECT word, COUNT(*) AS cnt FROM timed GROUP BY word";
    StreamingQuery first = engine.query(sql).outputMode(OutputMode.UPDATE).trigger(new Trigger.Manual()).checkpointLocation(checkpoint)
        .stateTtl("1 hour").onBatch(new LastTable()).start();
    engine.memoryTables().append("timed", List.<Object[]>of(new Object[] {"cat", 1_000L}));
    first.processAllAvailable();
    first.stop();
    SluiceException e = assertThrows(SluiceException.class, () -> engine.query(sql).outputMode(OutputMode.UPDATE).trigger(new Trigger.Manual())
        .checkpointLocation(checkpoint).stateTtl("2 hours").onBatch(new LastTable()).start());
    assertTrue(e.getMessage().contains("was: StreamGroupAggregate(groupBy=[word], select=[COUNT(*) AS cnt], stateTtl=3600000 ms)")
        && e.getMessage().contains("now: StreamGroupAggregate(groupBy=[word], select=[COUNT(*) AS cnt], stateTtl=7200000 ms)"), e.getMessage());
  }

  @Test
  void anotherOutputModeIsRefusedSayingSo() {
    runOnce(COUNT_BY_WORD, OutputMode.COMPLETE, new Object[] {"cat", 1});
    SluiceException e = assertThrows(SluiceException.class, () -> start(COUNT_BY_WORD, OutputMode.UPDATE, new LastTable()));
    assertTrue(e.getMessage().contains("the output mode") && e.getMessage().contains("was: output mode complete")
        && e.getMessage().contains("now: output mode update"), e.getMessage());
  }

  @Test
  void aChangedFilterConstantKeepsTheCheckpoint() {
    runOnce(COUNT_BY_WORD, OutputMode.COMPLETE, new Object[] {"cat", 1}, new Object[] {"dog", 7});
    LastTable table = new LastTable();
    StreamingQuery changed = start("SELECT word, COUNT(*) AS cnt FROM words WHERE n > 5 GROUP BY word", OutputMode.COMPLETE, table);
    append(new Object[] {"cat", 2}, new Object[] {"dog", 9}, new Object[] {"owl", 6});
    changed.processAllAvailable();
    assertEquals(Map.of("cat", 1L, "dog", 2L, "owl", 1L), table.table, "the counts continue; new rows pass the new filter");
    changed.stop();

    // A later refusal shows the query that ran last.
    SluiceException e = assertThrows(SluiceException.class,
        () -> start("SELECT n, COUNT(*) AS cnt FROM words GROUP BY n", OutputMode.COMPLETE, new LastTable()));
    assertTrue(e.getMessage().contains("WHERE n > 5"), e.getMessage());
  }

  @Test
  void aDamagedStateFileIsReportedByNameAndTheQueryDoesNotStart() throws IOException {
    runOnce(COUNT_BY_WORD, OutputMode.COMPLETE, new Object[] {"cat", 1}, new Object[] {"dog", 7});
    Path delta = checkpoint.resolve("state").resolve("0.delta");
    byte[] bytes = Files.readAllBytes(delta);
    bytes[20] ^= 0x40;
    Files.write(delta, bytes);
    SluiceException e = assertThrows(SluiceException.class, () -> start(COUNT_BY_WORD, OutputMode.COMPLETE, new LastTable()));
    assertTrue(e.getMessage().contains(delta.toString()) && e.getMessage().contains("corrupt"), e.getMessage());
    assertTrue(engine.queries().isEmpty());
  }

  @Test
  void aTruncatedCommitIsReportedByName() throws IOException {
    runOnce(COUNT_BY_WORD, OutputMode.COMPLETE, new Object[] {"cat", 1});
    Path commit = checkpoint.resolve("commits").resolve("0");
    Files.write(commit, Arrays.copyOf(Files.readAllBytes(commit), 10));
    SluiceException e = assertThrows(SluiceException.class, () -> start(COUNT_BY_WORD, OutputMode.COMPLETE, new LastTable()));
    assertTrue(e.getMessage().contains(commit.toString()) && e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void twoQueriesCannotShareACheckpoint() {
    StreamingQuery first = start(COUNT_BY_WORD, OutputMode.COMPLETE, new LastTable());
    SluiceException e = assertThrows(SluiceException.class, () -> start(COUNT_BY_WORD, OutputMode.COMPLETE, new LastTable()));
    assertTrue(e.getMessage().contains("in use by another running query"), e.getMessage());
    first.stop();
  }

  @Test
  void retentionAndSnapshotIntervalAreSettings() {
    engine.execute("SET 'checkpoint.retained-batches' = '3'");
    engine.execute("SET 'checkpoint.snapshot-interval' = '2'");
    StreamingQuery query = start(COUNT_BY_WORD, OutputMode.UPDATE, (id, rows) -> {});
    for (int i = 0; i < 12; i++) {
      append(new Object[] {"w" + (i % 4), 1});
      query.processAllAvailable();
    }
    QueryProgress progress = query.lastProgress();
    query.stop();
    assertTrue(checkpoint.resolve("commits").toFile().list().length <= 3 + 1, Arrays.toString(checkpoint.resolve("commits").toFile().list()));
    assertTrue(Arrays.stream(checkpoint.resolve("state").toFile().list()).anyMatch(f -> f.endsWith(".snapshot")));
    assertTrue(progress.checkpointBytes() > 0 && progress.checkpointStateBytes() > 0, progress.toJson());
    assertTrue(progress.durationMs().containsKey("checkpoint"), progress.toJson());

    SluiceException bad = assertThrows(SluiceException.class, () -> engine.execute("SET 'checkpoint.snapshot-interval' = '0'"));
    assertTrue(bad.getMessage().contains("at least 1"), bad.getMessage());
  }

  @Test
  void stateOfStatelessOperatorsMovingAroundStillResumes() {
    // Two stateful operators (a join feeding an aggregate) with stateless ones between them that change.
    engine.execute("CREATE TABLE tags (word VARCHAR, tag VARCHAR) WITH ('connector' = 'memory')");
    String before = "SELECT tag, COUNT(*) AS cnt FROM words w JOIN tags t ON w.word = t.word WHERE n > 0 GROUP BY tag";
    StreamingQuery query = start(before, OutputMode.COMPLETE, new LastTable());
    append(new Object[] {"cat", 1});
    engine.memoryTables().append("tags", List.<Object[]>of(new Object[] {"cat", "pet"}));
    query.processAllAvailable();
    query.stop();
    LastTable table = new LastTable();
    StreamingQuery after = start("SELECT tag, COUNT(*) AS cnt FROM words w JOIN tags t ON w.word = t.word WHERE n > 3 GROUP BY tag",
        OutputMode.COMPLETE, table);
    append(new Object[] {"cat", 5});
    after.processAllAvailable();
    assertEquals(Map.of("pet", 2L), table.table, "the join's buffered tag and the count both survived");
    after.stop();
  }
}
