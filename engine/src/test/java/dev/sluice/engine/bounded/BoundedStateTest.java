package dev.sluice.engine.bounded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Streams millions of rows with a watermark through stateful operators and checks, by counting
 * rows in state after every batch, that state stays of the order of what is open, not of the
 * input (SEMANTICS.md: state that can no longer change is evicted).
 */
class BoundedStateTest {
  private static final long ROWS = 3_000_000;

  private static String table(String name, long keys, long stepMillis, long keyOffset) {
    return "CREATE TABLE " + name + " (k BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ("
        + "'connector' = 'test-sequence', 'number-of-rows' = '" + ROWS + "', 'keys' = '" + keys + "', 'step-ms' = '" + stepMillis
        + "', 'key-offset' = '" + keyOffset + "')";
  }

  /** Runs the query to the end of its input and returns the largest stateRows any batch reported. */
  private static long maxStateRows(SluiceEngine engine, String sql, String mode, AtomicLong output) throws InterruptedException {
    AtomicLong max = new AtomicLong();
    StreamingQuery query = engine.query(sql).outputMode(mode).trigger("available-now")
        .onBatch((batch, rows) -> output.addAndGet(rows.size())).start();
    query.addProgressListener(p -> max.accumulateAndGet(p.stateRows(), Math::max));
    assertTrue(query.awaitTermination(5, TimeUnit.MINUTES), "query did not finish");
    assertTrue(query.lastProgress().batchId() >= ROWS / 100_000, "the input should take many batches");
    return max.get();
  }

  @Test
  void tumblingWindowStateStaysAtTheOpenWindows() throws Exception {
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute(table("t", 100, 1, 0));
      AtomicLong output = new AtomicLong();
      // 3M rows one millisecond apart: 3,000 one-second windows per key over 100 keys.
      long max = maxStateRows(engine, "SELECT k, window_start, COUNT(*) AS cnt FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), "
          + "INTERVAL '1' SECOND)) GROUP BY k, window_start, window_end", "append", output);
      // A batch spans 100 s of event time and the watermark trails by 1 s: about 101 windows per key are open at once.
      assertTrue(max <= 100 * 103, "stateRows peaked at " + max);
      assertEquals(100 * 2998, output.get(), "every window but the last two per key is closed and emitted once");
    }
  }

  @Test
  void sessionWindowStateStaysAtTheOpenSessions() throws Exception {
    try (SluiceEngine engine = SluiceEngine.open()) {
      // Each key sees a row every 1,000 ms; with a 500 ms gap every row is its own session.
      engine.execute(table("t", 1000, 1, 0));
      AtomicLong output = new AtomicLong();
      long max = maxStateRows(engine, "SELECT k, window_start, window_end, COUNT(*) AS cnt FROM TABLE(SESSION(TABLE t, "
          + "DESCRIPTOR(ts), DESCRIPTOR(k), INTERVAL '0.5' SECOND)) GROUP BY k, window_start, window_end", "append", output);
      assertTrue(max <= 110_000, "stateRows peaked at " + max + " for " + ROWS + " sessions");
      assertTrue(output.get() >= ROWS - 2_000, "closed sessions are emitted: " + output.get());
    }
  }

  @Test
  void timeBoundedJoinStateStaysAtTheRowsInsideTheBound() throws Exception {
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute(table("l", 10_000, 1, 0));
      engine.execute(table("r", 10_000, 1, 0));
      AtomicLong output = new AtomicLong();
      long max = maxStateRows(engine, "SELECT l.k, l.ts, r.ts FROM l JOIN r ON l.k = r.k "
          + "AND l.ts BETWEEN r.ts - INTERVAL '2' SECOND AND r.ts + INTERVAL '2' SECOND", "append", output);
      // Each side's batch spans 100 s; rows stay 2 s past their time plus the 1 s watermark delay.
      assertTrue(max <= 2 * 110_000, "stateRows peaked at " + max + " for " + (2 * ROWS) + " input rows");
      // A key recurs every 10 s, so each left row meets exactly the right row with its own time.
      assertEquals(ROWS, output.get(), "every row matches its twin once");
    }
  }
}
