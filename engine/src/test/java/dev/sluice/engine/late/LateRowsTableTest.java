package dev.sluice.engine.late;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.connectors.memory.MemoryTables;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.runtime.data.Values;
import dev.sluice.runtime.exec.Trigger;
import java.util.List;
import org.junit.jupiter.api.Test;

class LateRowsTableTest {

  private static Object[] row(long v, String ts) {
    return new Object[] {v, Values.parseTimestamp(ts)};
  }

  @Test
  void rowsDroppedAsLateArriveInTheLateRowsTableWithOperatorWatermarkAndReason() {
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute("CREATE TABLE t (v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '10' SECOND) WITH ('connector' = 'memory')");
      engine.execute("SET 'late-rows.table' = 'late'");
      StreamingQuery query = engine.query(
              "SELECT window_start, COUNT(*) AS cnt FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '5' SECOND)) GROUP BY window_start, window_end")
          .trigger(new Trigger.Manual()).onBatch((b, rows) -> {}).start();
      MemoryTables memory = engine.memoryTables();
      memory.append("t", List.<Object[]>of(row(10, "1970-01-01 00:00:10"), row(25, "1970-01-01 00:00:25")));
      query.processAllAvailable();
      memory.append("t", List.<Object[]>of(row(11, "1970-01-01 00:00:11")));
      query.processAllAvailable();

      assertEquals(1, query.lastProgress().droppedLateRows());
      List<Object[]> late = memory.rows("late", 0, memory.size("late"));
      assertEquals(1, late.size());
      Object[] record = late.get(0);
      assertEquals(query.id(), record[0]);
      // The window aggregation assigns its own windows in append mode, so it is the operator that drops the row.
      assertTrue(((String) record[1]).startsWith("StreamGroupAggregate"), "operator: " + record[1]);
      assertEquals(Values.parseTimestamp("1970-01-01 00:00:15"), record[2]);
      assertTrue(((String) record[3]).contains("window"), "reason: " + record[3]);
      assertEquals("[11,11000]", record[4]);
      query.stop();
    }
  }

  @Test
  void theLateRowsTableIsAStreamOtherQueriesRead() {
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute("CREATE TABLE t (v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '0' SECOND) WITH ('connector' = 'memory')");
      engine.execute("SET 'late-rows.table' = 'late'");
      StreamingQuery dedup = engine.query("SELECT DISTINCT v, ts FROM t").trigger(new Trigger.Manual()).onBatch((b, rows) -> {}).start();
      List<Object[]> seen = new java.util.ArrayList<>();
      StreamingQuery watcher = engine.query("SELECT operator, reason FROM late")
          .trigger(new Trigger.Manual()).onBatch((b, rows) -> rows.forEach(r -> seen.add(r.values()))).start();
      engine.memoryTables().append("t", List.<Object[]>of(row(1, "1970-01-01 00:00:20")));
      dedup.processAllAvailable();
      engine.memoryTables().append("t", List.<Object[]>of(row(2, "1970-01-01 00:00:05")));
      dedup.processAllAvailable();
      watcher.processAllAvailable();
      assertEquals(1, seen.size());
      assertTrue(((String) seen.get(0)[0]).startsWith("StreamGroupAggregate"));
      dedup.stop();
      watcher.stop();
    }
  }
}
