package dev.sluice.engine.bounded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.connectors.memory.MemorySinkTables;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A datagen table with {@code 'number-of-rows'} is bounded, as in Flink: its end closes every
 * window and ends the query, whatever the trigger.
 */
class BoundedDatagenTest {
  private SluiceEngine engine;
  private MemorySinkTables sinks;

  @BeforeEach
  void openEngine() {
    engine = SluiceEngine.open();
    sinks = engine.connectorServices().get(MemorySinkTables.class, MemorySinkTables::new);
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  private void declare(int rows, int rowsPerSecond) {
    engine.executeScript("""
        CREATE TABLE gen (id BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (
          'connector' = 'datagen', 'number-of-rows' = '%d', 'rows-per-second' = '%d',
          'fields.id.kind' = 'sequence', 'fields.id.start' = '1'
        );
        CREATE TABLE counts (window_start TIMESTAMP(3), rows_in BIGINT) WITH ('connector' = 'memory');
        """.formatted(rows, rowsPerSecond));
  }

  private StreamingQuery startWindowCount(String trigger) {
    engine.execute("SET 'trigger' = '" + trigger + "'");
    return engine.execute("INSERT INTO counts SELECT window_start, COUNT(*) FROM TUMBLE(TABLE gen, DESCRIPTOR(ts), "
        + "INTERVAL '1' SECOND) GROUP BY window_start, window_end").query();
  }

  private long countedRows() {
    long rows = 0;
    for (Object[] row : sinks.contents("counts")) rows += (Long) row[1];
    return rows;
  }

  @Test
  void availableNowReadsEveryRowOfABoundedTableNotOnlyTheRowsDueByTheClock() throws Exception {
    // One row a second: by the wall clock, 30 rows take 30 seconds to fall due.
    declare(30, 1);
    StreamingQuery query = startWindowCount("available-now");
    assertTrue(query.awaitTermination(20, TimeUnit.SECONDS), "an available-now query over a bounded table ends by itself");
    assertEquals(30, countedRows(), "every row is read in the one run, and its end closes the last window");
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "200 ms", "once", "available-now"})
  void theEndOfABoundedTableClosesEveryWindowAndEndsTheQuery(String trigger) throws Exception {
    declare(120, 40);
    StreamingQuery query = startWindowCount(trigger);
    assertTrue(query.awaitTermination(20, TimeUnit.SECONDS), "the query ends with its bounded input under trigger " + trigger);
    assertEquals(120, countedRows(), "every window closed at the end of the input, under trigger " + trigger);
    List<Object[]> windows = sinks.contents("counts");
    assertTrue(windows.size() >= 3, "three seconds of rows span at least three windows: " + windows.size());
  }
}
