package dev.sluice.engine.bounded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.QueryBuilder;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@code 'state.ttl'}: state no time bound limits leaves once the watermark passes its newest
 * row's event time plus the TTL, so it stays of the order of the rows within the TTL, not of the
 * input. Every row here has a key of its own, so without a TTL every operator keeps one entry per
 * row. Counted by {@code stateRows} after every batch.
 */
class StateTtlTest {
  private static final long ROWS = 500_000;

  /** Rows one millisecond apart, each with its own key; the watermark trails by 1 s. */
  private static String table(String name) {
    return "CREATE TABLE " + name + " (k BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ("
        + "'connector' = 'test-sequence', 'number-of-rows' = '" + ROWS + "', 'keys' = '" + ROWS + "', 'step-ms' = '1')";
  }

  /** Runs the query to the end of its input; returns the largest stateRows any batch reported, and counts the output. */
  private static long maxStateRows(QueryBuilder builder, AtomicLong output) throws InterruptedException {
    AtomicLong max = new AtomicLong();
    StreamingQuery query = builder.outputMode("update").trigger("available-now").onBatch((batch, rows) -> output.addAndGet(rows.size())).start();
    query.addProgressListener(p -> max.accumulateAndGet(p.stateRows(), Math::max));
    assertTrue(query.awaitTermination(5, TimeUnit.MINUTES), "query did not finish");
    return max.get();
  }

  /** A batch spans 100 s of event time; state keeps the rows within the TTL (2 s) and the watermark's delay of each batch's end. */
  private static final long BOUND = 110_000;

  @Test
  void aJoinWithoutATimeBoundKeepsEachRowForTheTtlSetInSql() throws Exception {
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute(table("l"));
      engine.execute(table("r"));
      engine.execute("SET 'state.ttl' = '2 seconds'");
      String sql = "SELECT l.k, l.ts, r.ts AS rts FROM l JOIN r ON l.k = r.k";
      assertTrue(engine.explain(sql).contains("a left row is kept until its ts + 2000 ms <= watermark ('state.ttl')"),
          engine.explain(sql));
      AtomicLong output = new AtomicLong();
      long max = maxStateRows(engine.query(sql), output);
      assertTrue(max <= 2 * BOUND, "stateRows peaked at " + max + " for " + 2 * ROWS + " input rows");
      assertEquals(ROWS, output.get(), "each row meets its twin, which arrives within the TTL");
    }
  }

  @Test
  void aTopNADeduplicationAndAnAggregationForgetOldKeysByTheTtlOfTheApi() throws Exception {
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute(table("t"));
      String[] queries = {
          "SELECT k, ts, rn FROM (SELECT k, ts, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts DESC) AS rn FROM t) WHERE rn <= 3",
          "SELECT k, ts FROM (SELECT k, ts, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts) AS rn FROM t) WHERE rn = 1",
          "SELECT k + 1 AS k1, COUNT(*) AS n FROM t GROUP BY k + 1"};
      for (String sql : queries) {
        AtomicLong output = new AtomicLong();
        long max = maxStateRows(engine.query(sql).stateTtl("2 seconds"), output);
        assertTrue(max <= BOUND, "stateRows peaked at " + max + " for " + ROWS + " keys: " + sql);
        assertEquals(ROWS, output.get(), "every key is emitted once: " + sql);
      }
      AtomicLong output = new AtomicLong();
      assertEquals(ROWS, maxStateRows(engine.query(queries[2]), output), "without a TTL every key stays");
    }
  }

  @Test
  void theSettingIsSpelledTheSameThroughJdbcAndABadValueIsRefused() throws Exception {
    Properties properties = new Properties();
    properties.setProperty("state.ttl", "1 hour");
    try (Connection connection = DriverManager.getConnection("jdbc:sluice:", properties); Statement statement = connection.createStatement()) {
      statement.execute(table("t"));
      StringBuilder plan = new StringBuilder();
      try (ResultSet rows = statement.executeQuery("EXPLAIN SELECT k, COUNT(*) AS n FROM t GROUP BY k")) {
        while (rows.next()) plan.append(rows.getString("plan")).append('\n');
      }
      assertTrue(plan.toString().contains("kept until its newest ts + 3600000 ms <= watermark ('state.ttl')"), plan.toString());
    }
    try (SluiceEngine engine = SluiceEngine.open()) {
      var e = assertThrows(RuntimeException.class, () -> engine.execute("SET 'state.ttl' = 'a while'"));
      assertTrue(e.getMessage().contains("'state.ttl' is an interval such as '30 seconds'"), e.getMessage());
    }
  }
}
