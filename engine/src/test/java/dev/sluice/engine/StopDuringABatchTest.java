package dev.sluice.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code STOP QUERY} while a batch is busy assigning rows to thousands of sliding windows gives the
 * batch up: the query ends without completing the batch (no progress report for it) and without a
 * failure, rather than after the whole batch. No timing is asserted: a batch that ran to its end
 * would leave its progress report behind.
 */
public class StopDuringABatchTest {
  /** Counts down when the first row of a batch passes through it: the batch has started. */
  public static final class SignalsStart {
    static volatile CountDownLatch started = new CountDownLatch(1);

    public Long eval(Long value) {
      started.countDown();
      return value;
    }
  }

  @Test
  void stopGivesUpABatchBusyAssigningWindows() throws Exception {
    SignalsStart.started = new CountDownLatch(1);
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute("CREATE FUNCTION signals_start AS '" + SignalsStart.class.getName() + "'");
      engine.execute("CREATE TABLE bid (price BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) "
          + "WITH ('connector' = 'memory')");
      engine.execute("CREATE VIEW signalled AS SELECT signals_start(price) AS price, ts FROM bid");
      // 50,000 rows in 10,000 windows each: 500 million window updates, far more than a stop needs to wait for.
      List<Object[]> rows = new ArrayList<>();
      for (int i = 0; i < 50_000; i++) rows.add(new Object[] {(long) i, 1_000_000L});
      engine.memoryTables().append("bid", rows);
      StreamingQuery query = engine.query("SELECT window_start, COUNT(*) AS n, SUM(price) AS total FROM TABLE(HOP(TABLE signalled, "
          + "DESCRIPTOR(ts), INTERVAL '0.001' SECOND, INTERVAL '10' SECOND)) GROUP BY window_start, window_end")
          .outputMode("append").onBatch((batch, delivered) -> {}).start();
      assertTrue(SignalsStart.started.await(1, TimeUnit.MINUTES), "the batch started");
      query.stop();
      assertFalse(query.isActive());
      assertNull(query.exception(), "a stop is not a failure");
      assertNull(query.lastProgress(), "the batch was given up, not finished");
    }
  }
}
