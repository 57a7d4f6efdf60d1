package dev.sluice.engine.differential;

import static dev.sluice.runtime.spi.OutputMode.APPEND;
import static dev.sluice.runtime.spi.OutputMode.COMPLETE;
import static dev.sluice.runtime.spi.OutputMode.UPDATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.engine.support.BatchOracle;
import dev.sluice.engine.support.BatchOracle.Column;
import dev.sluice.runtime.exec.Trigger;
import dev.sluice.runtime.spi.OutputMode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Operators over a stream a condition folded to false (a StreamEmpty) give what the batch query
 * over the same rows gives: an inner join with an empty side is empty, an outer join pads the
 * rows of its preserved side at once, and an aggregation over nothing is SQL's.
 */
class EmptyStreamsMatchBatchQueryTest {
  private static final String LEFT_DDL = "CREATE TABLE l (k VARCHAR, v BIGINT) WITH ('connector' = 'memory')";
  private static final String RIGHT_DDL = "CREATE TABLE r (k VARCHAR, w INT) WITH ('connector' = 'memory')";
  private static final String STATIC_DDL = "CREATE TABLE s (k VARCHAR, w INT) WITH ('connector' = 'memory', 'scan.bounded' = 'true')";
  private static final String EVENTS_DDL =
      "CREATE TABLE e (k VARCHAR, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'memory')";
  private static final BatchOracle ORACLE = openOracle();

  private static BatchOracle openOracle() {
    Map<String, List<Column>> schema = new LinkedHashMap<>();
    schema.put("l", List.of(new Column("k", SqlTypeName.VARCHAR), new Column("v", SqlTypeName.BIGINT)));
    schema.put("r", List.of(new Column("k", SqlTypeName.VARCHAR), new Column("w", SqlTypeName.INTEGER)));
    schema.put("s", List.of(new Column("k", SqlTypeName.VARCHAR), new Column("w", SqlTypeName.INTEGER)));
    schema.put("e", List.of(new Column("k", SqlTypeName.VARCHAR), new Column("v", SqlTypeName.BIGINT), new Column("ts", SqlTypeName.TIMESTAMP)));
    return new BatchOracle(schema);
  }

  @AfterAll
  static void closeOracle() {
    ORACLE.close();
  }

  /** Two batches into every table: matching keys, a key only one side has, a NULL key. */
  private static final List<Map<String, List<Object[]>>> STEPS = List.of(
      Map.of("l", List.of(new Object[] {"a", 1L}, new Object[] {"b", 2L}), "r", List.of(new Object[] {"a", 10}, new Object[] {"c", 30}),
          "e", List.of(new Object[] {"a", 1L, 1_000L}, new Object[] {"b", 2L, 12_000L})),
      Map.of("l", List.of(new Object[] {"a", 3L}, new Object[] {null, 4L}), "r", List.of(new Object[] {"b", 20}, new Object[] {null, 40}),
          "e", List.<Object[]>of(new Object[] {"a", 3L, 25_000L})));

  /**
   * Runs {@code sql} with its {@code FALSE} as {@code 1 > 2}; the oracle reads it as a condition no
   * row of {@link #STEPS} meets ({@code <falseColumn> = 'none'}), because Calcite's batch engine
   * refuses the empty Values its own conversion makes of {@code 1 > 2} ("belongs to a different planner").
   */
  private static void check(String sql, String falseColumn, OutputMode... modes) {
    DifferentialHarness.of(ORACLE, sql.replace("FALSE", "1 > 2")).oracleSql(sql.replace("FALSE", falseColumn + " = 'none'"))
        .ddl(LEFT_DDL, RIGHT_DDL, STATIC_DDL, EVENTS_DDL).runSteps(STEPS, modes);
  }

  @Test
  void anInnerJoinWithAnEmptySideIsEmpty() {
    check("SELECT l.k, l.v, r.w FROM l JOIN (SELECT * FROM r WHERE FALSE) AS r ON l.k = r.k", "k", APPEND, UPDATE);
    check("SELECT l.k, l.v, r.w FROM (SELECT * FROM l WHERE FALSE) AS l JOIN r ON l.k = r.k", "k", APPEND, UPDATE);
    check("SELECT l.k, l.v, r.w FROM l, (SELECT * FROM r WHERE FALSE) AS r", "k", APPEND, UPDATE);
  }

  @Test
  void aJoinOfAStaticTableWithAnEmptyStreamIsEmpty() {
    check("SELECT l.k, l.v, s.w FROM (SELECT * FROM l WHERE FALSE) AS l JOIN s ON l.k = s.k", "k", APPEND, UPDATE);
    check("SELECT l.k, l.v, s.w FROM l JOIN (SELECT * FROM s WHERE FALSE) AS s ON l.k = s.k", "k", APPEND, UPDATE);
    check("SELECT l.k, l.v, s.w FROM l LEFT JOIN (SELECT * FROM s WHERE FALSE) AS s ON l.k = s.k", "k", APPEND, UPDATE);
  }

  @Test
  void anOuterJoinWithAnEmptySidePadsThePreservedSideAtOnce() {
    check("SELECT l.k, l.v, r.w FROM l LEFT JOIN (SELECT * FROM r WHERE FALSE) AS r ON l.k = r.k", "k", APPEND, UPDATE);
    check("SELECT l.k, l.v, r.k AS rk, r.w FROM (SELECT * FROM l WHERE FALSE) AS l RIGHT JOIN r ON l.k = r.k", "k", APPEND, UPDATE);
    check("SELECT l.k, l.v, r.w FROM l FULL JOIN (SELECT * FROM r WHERE FALSE) AS r ON l.k = r.k AND l.v > r.w", "k", APPEND, UPDATE);
    check("SELECT l.k, l.v, r.w FROM (SELECT * FROM l WHERE FALSE) AS l FULL JOIN r ON l.k = r.k", "k", APPEND, UPDATE);
    check("SELECT l.k, r.w FROM l LEFT JOIN (SELECT * FROM r WHERE FALSE) AS r ON l.k = r.k WHERE r.w IS NULL", "k", APPEND, UPDATE);
  }

  @Test
  void aJoinWithEmptySidesOnlyIsEmpty() {
    check("SELECT l.k, r.w FROM l, r WHERE FALSE", "l.k", APPEND, UPDATE);
  }

  @Test
  void aggregationsOverAJoinWithAnEmptySideMatchTheBatchResult() {
    check("SELECT l.k, COUNT(*) AS c, COUNT(r.w) AS cw FROM l LEFT JOIN (SELECT * FROM r WHERE FALSE) AS r ON l.k = r.k GROUP BY l.k", "k",
        COMPLETE, UPDATE);
    check("SELECT k, COUNT(*) AS c FROM (SELECT l.k FROM l WHERE FALSE UNION ALL SELECT r.k FROM r) GROUP BY k", "k", COMPLETE, UPDATE);
  }

  /** What a query over an empty stream delivers under available-now, which must end: it has nothing to read. */
  private static List<String> runToEnd(String sql, OutputMode mode) throws InterruptedException {
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute(EVENTS_DDL);
      engine.memoryTables().appendAll(STEPS.get(0));
      List<String> rows = new CopyOnWriteArrayList<>();
      StreamingQuery query = engine.query(sql).outputMode(mode).trigger(new Trigger.AvailableNow())
          .onBatch((id, batch) -> batch.forEach(row -> rows.add(row.kind() + Arrays.toString(row.values())))).start();
      assertTrue(query.awaitTermination(20, TimeUnit.SECONDS), "a query over an empty stream has nothing left to read: " + sql);
      assertNull(query.exception(), sql);
      return rows;
    }
  }

  @Test
  void aGlobalAggregationOverAnEmptyStreamIsSqlsOneRow() throws InterruptedException {
    assertEquals(List.of("INSERT[0, null]"), runToEnd("SELECT COUNT(*) AS c, SUM(v) AS s FROM e WHERE 1 > 2", COMPLETE));
    assertEquals(List.of("INSERT[0, null]"), runToEnd("SELECT COUNT(*) AS c, SUM(v) AS s FROM e WHERE 1 > 2", UPDATE));
  }

  @Test
  void aGroupedOrWindowedAggregationOverAnEmptyStreamHasNoRows() throws InterruptedException {
    assertEquals(List.of(), runToEnd("SELECT k, COUNT(*) AS c FROM e WHERE 1 > 2 GROUP BY k", COMPLETE));
    String windowed = "SELECT window_start, window_end, COUNT(*) AS c FROM TABLE(TUMBLE(TABLE e, DESCRIPTOR(ts), INTERVAL '10' SECOND)) "
        + "WHERE 1 > 2 GROUP BY window_start, window_end";
    assertEquals(List.of(), runToEnd(windowed, APPEND));
    assertEquals(List.of(), runToEnd(windowed, UPDATE));
    assertEquals(List.of(), runToEnd(windowed, COMPLETE));
    String sessions = "SELECT k, window_start, COUNT(*) AS c FROM TABLE(SESSION(TABLE e, DESCRIPTOR(ts), DESCRIPTOR(k), INTERVAL '3' SECOND)) "
        + "WHERE 1 > 2 GROUP BY k, window_start, window_end";
    assertEquals(List.of(), runToEnd(sessions, APPEND));
    assertEquals(List.of(), runToEnd(sessions, UPDATE));
  }
}
