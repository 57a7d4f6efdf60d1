package dev.sluice.engine.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.ResultRow;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.runtime.exec.Trigger;
import dev.sluice.runtime.spi.OutputMode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PROCTIME() is read when a row is processed, and a processing-time window groups by it (Nexmark q12). */
class ProcessingTimeTest {

  private static long nowUtcMillis() {
    return LocalDateTime.now(ZoneOffset.UTC).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  @Test
  void proctimeIsTheWallClockWhenTheRowIsProcessedNotAConstantOfThePlan() throws Exception {
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute("CREATE TABLE t (v BIGINT) WITH ('connector' = 'memory')");
      List<ResultRow> rows = new ArrayList<>();
      StreamingQuery query = engine.query("SELECT v, PROCTIME() AS p FROM t").trigger(new Trigger.Manual()).onBatch((b, r) -> rows.addAll(r)).start();
      Thread.sleep(50);
      long before = nowUtcMillis();
      engine.memoryTables().append("t", List.<Object[]>of(new Object[] {1L}));
      query.processAllAvailable();
      long after = nowUtcMillis();
      long p = (Long) rows.get(0).values()[1];
      assertTrue(p >= before && p <= after, "PROCTIME() " + p + " should fall in [" + before + ", " + after + "]");
      query.stop();
    }
  }

  @Test
  void aProcessingTimeWindowCountsRowsInUpdateMode() {
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute("CREATE TABLE bid (bidder BIGINT) WITH ('connector' = 'memory')");
      engine.execute("CREATE VIEW B AS SELECT *, PROCTIME() AS p_time FROM bid");
      List<ResultRow> rows = new ArrayList<>();
      StreamingQuery query = engine.query("SELECT bidder, COUNT(*) AS bid_count, window_start AS starttime FROM TABLE(TUMBLE(TABLE B, "
          + "DESCRIPTOR(p_time), INTERVAL '1' HOUR)) GROUP BY bidder, window_start, window_end")
          .trigger(new Trigger.Manual()).onBatch((b, r) -> rows.addAll(r)).start();
      assertEquals(OutputMode.UPDATE, query.outputMode(), "without a watermark a processing-time window updates");
      engine.memoryTables().append("bid", List.<Object[]>of(new Object[] {7L}, new Object[] {7L}, new Object[] {8L}));
      query.processAllAvailable();
      // Fold the updates by key (bidder, window): the latest count per window; bidder 7's windows hold both its bids.
      java.util.Map<List<Object>, Long> latest = new java.util.HashMap<>();
      for (ResultRow r : rows) latest.put(List.of(r.values()[0], r.values()[2]), (Long) r.values()[1]);
      long sevens = latest.entrySet().stream().filter(e -> e.getKey().get(0).equals(7L)).mapToLong(java.util.Map.Entry::getValue).sum();
      long eights = latest.entrySet().stream().filter(e -> e.getKey().get(0).equals(8L)).mapToLong(java.util.Map.Entry::getValue).sum();
      assertEquals(2, sevens, "bidder 7's two bids are counted: " + rows);
      assertEquals(1, eights, "bidder 8's bid is counted: " + rows);
      query.stop();
    }
  }

  /** A processing-time window's groups leave state once the wall clock passes its end, so its state stays bounded. */
  @Test
  void aProcessingTimeWindowLeavesStateOnceTheClockPassesItsEnd() throws Exception {
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute("CREATE TABLE bid (bidder BIGINT) WITH ('connector' = 'memory')");
      engine.execute("CREATE VIEW B AS SELECT *, PROCTIME() AS p_time FROM bid");
      String sql = "SELECT bidder, COUNT(*) AS bid_count, window_start AS starttime FROM TABLE(TUMBLE(TABLE B, "
          + "DESCRIPTOR(p_time), INTERVAL '0.2' SECOND)) GROUP BY bidder, window_start, window_end";
      assertTrue(engine.explain(sql).contains("evicted by processing time"), engine.explain(sql));
      List<ResultRow> rows = new ArrayList<>();
      StreamingQuery query = engine.query(sql).trigger(new Trigger.Manual()).onBatch((b, r) -> rows.addAll(r)).start();
      engine.memoryTables().append("bid", List.<Object[]>of(new Object[] {7L}, new Object[] {7L}, new Object[] {8L}));
      query.processAllAvailable();
      assertTrue(query.lastProgress().stateRows() >= 2, "a group per bidder and window");
      Thread.sleep(250); // every window of those rows has ended
      engine.memoryTables().append("bid", List.<Object[]>of(new Object[] {9L}));
      query.processAllAvailable();
      assertEquals(1, query.lastProgress().stateRows(), "only bidder 9's new window is left");
      long sevens = rows.stream().filter(r -> r.values()[0].equals(7L)).count();
      assertTrue(sevens >= 1, "bidder 7's count was delivered before its window left: " + rows);
      query.stop();
    }
  }
}
