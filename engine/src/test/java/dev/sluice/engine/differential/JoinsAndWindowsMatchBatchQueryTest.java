package dev.sluice.engine.differential;

import static dev.sluice.runtime.spi.OutputMode.APPEND;
import static dev.sluice.runtime.spi.OutputMode.COMPLETE;
import static dev.sluice.runtime.spi.OutputMode.UPDATE;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.support.BatchOracle;
import dev.sluice.engine.support.BatchOracle.Column;
import dev.sluice.engine.support.RecordedQuery;
import dev.sluice.engine.support.RowMultisets;
import dev.sluice.runtime.data.Values;
import dev.sluice.runtime.spi.OutputMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The batch oracle for stream-stream joins and event-time windows, where no row can be late:
 * inner joins of streams without watermarks, and windowed aggregations in complete mode (which
 * SEMANTICS.md says keeps everything, late or not) or in update mode with a watermark delay longer
 * than the data's span.
 */
class JoinsAndWindowsMatchBatchQueryTest {
  private static final String LEFT_DDL = "CREATE TABLE l (k VARCHAR, v BIGINT) WITH ('connector' = 'memory')";
  private static final String RIGHT_DDL = "CREATE TABLE r (k VARCHAR, w INT) WITH ('connector' = 'memory')";
  /** Out-of-order events with a zero watermark delay: in complete mode nothing may be dropped. */
  private static final String EVENTS_NO_DELAY_DDL =
      "CREATE TABLE e (k VARCHAR, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '0' SECOND) WITH ('connector' = 'memory')";
  /** A delay beyond the events' span (a minute): no row is ever late, no window ever closes. */
  private static final String EVENTS_LONG_DELAY_DDL =
      "CREATE TABLE e (k VARCHAR, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' HOUR) WITH ('connector' = 'memory')";

  /** Tries per property: 9 properties x 60 tries, about 15 s on two idle cores. */
  private static final int TRIES = 60;

  /**
   * One oracle per thread: jqwik shrinks a failing sample on a thread of its own, which may still
   * run when the next property starts, and an oracle holds the rows of one run at a time.
   */
  private static final ThreadLocal<BatchOracle> ORACLE = ThreadLocal.withInitial(JoinsAndWindowsMatchBatchQueryTest::openOracle);

  private static BatchOracle openOracle() {
    Map<String, List<Column>> schema = new LinkedHashMap<>();
    schema.put("l", List.of(new Column("k", SqlTypeName.VARCHAR), new Column("v", SqlTypeName.BIGINT)));
    schema.put("r", List.of(new Column("k", SqlTypeName.VARCHAR), new Column("w", SqlTypeName.INTEGER)));
    schema.put("e", List.of(new Column("k", SqlTypeName.VARCHAR), new Column("v", SqlTypeName.BIGINT), new Column("ts", SqlTypeName.TIMESTAMP)));
    schema.put("ew", List.of(new Column("k", SqlTypeName.VARCHAR), new Column("v", SqlTypeName.BIGINT), new Column("ts", SqlTypeName.TIMESTAMP),
        new Column("window_start", SqlTypeName.TIMESTAMP), new Column("window_end", SqlTypeName.TIMESTAMP)));
    return new BatchOracle(schema);
  }

  @Property(tries = TRIES)
  void innerJoinOfTwoStreamsMatchesTheBatchJoin(@ForAll("joinQueries") String sql, @ForAll("joinSteps") List<Map<String, List<Object[]>>> steps) {
    DifferentialHarness.of(ORACLE.get(), sql).ddl(LEFT_DDL, RIGHT_DDL).runSteps(steps, APPEND, UPDATE);
  }

  @Property(tries = TRIES)
  void aggregationOverAnInnerJoinMatchesTheBatchResult(
      @ForAll("joinAggregateQueries") String sql, @ForAll("joinSteps") List<Map<String, List<Object[]>>> steps) {
    DifferentialHarness.of(ORACLE.get(), sql).ddl(LEFT_DDL, RIGHT_DDL).runSteps(steps, COMPLETE, UPDATE);
  }

  @Property(tries = TRIES)
  void windowedAggregatesInCompleteModeKeepLateRowsAndMatchTheBatchResult(
      @ForAll("windowQueries") String sql, @ForAll("eventSteps") List<Map<String, List<Object[]>>> steps) {
    DifferentialHarness.of(ORACLE.get(), sql).ddl(EVENTS_NO_DELAY_DDL).runSteps(steps, COMPLETE);
  }

  @Property(tries = TRIES)
  void windowedAggregatesInUpdateModeMatchTheBatchResultWhileNoRowIsLate(
      @ForAll("windowQueries") String sql, @ForAll("eventSteps") List<Map<String, List<Object[]>>> steps) {
    DifferentialHarness.of(ORACLE.get(), sql).ddl(EVENTS_LONG_DELAY_DDL).runSteps(steps, UPDATE, COMPLETE);
  }

  private static final long SESSION_GAP = 3_000;
  private static final String SESSIONS = "SELECT k, window_start, window_end, COUNT(*) AS c, SUM(v) AS s "
      + "FROM TABLE(SESSION(TABLE e, DESCRIPTOR(ts), DESCRIPTOR(k), INTERVAL '3' SECOND)) GROUP BY k, window_start, window_end";
  /**
   * The oracle of {@link #SESSIONS} aggregates the rows so far, each with the bounds of its session
   * as {@link #sessionized} assigns them. Calcite's batch SESSION cannot be the oracle: it merges a
   * key's windows in the iteration order of a hash map ({@code SortedMultiMap}), so neighbouring
   * windows sometimes stay apart.
   */
  private static final String SESSIONS_ORACLE = "SELECT k, window_start, window_end, COUNT(*) AS c, SUM(v) AS s FROM ew "
      + "GROUP BY k, window_start, window_end";

  @Property(tries = TRIES)
  void sessionWindowsInCompleteModeMatchTheBatchResult(@ForAll("sessionSteps") List<Map<String, List<Object[]>>> steps) {
    runSessions(steps, EVENTS_NO_DELAY_DDL, COMPLETE);
  }

  @Property(tries = TRIES)
  void mergingSessionsInUpdateModeDeleteTheRowsTheyReplace(@ForAll("sessionSteps") List<Map<String, List<Object[]>>> steps) {
    runSessions(steps, EVENTS_LONG_DELAY_DDL, UPDATE);
  }

  /** {@link #SESSIONS} in the legacy group-window form, which means the same (Calcite's batch engine cannot run it). */
  private static final String LEGACY_SESSIONS = "SELECT k, SESSION_START(ts, INTERVAL '3' SECOND) AS ws, "
      + "SESSION_END(ts, INTERVAL '3' SECOND) AS we, COUNT(*) AS c, SUM(v) AS s FROM e GROUP BY k, SESSION(ts, INTERVAL '3' SECOND)";

  @Property(tries = TRIES)
  void legacySessionGroupWindowsMatchTheBatchResult(@ForAll("sessionSteps") List<Map<String, List<Object[]>>> steps) {
    runSessions(steps, EVENTS_NO_DELAY_DDL, LEGACY_SESSIONS, COMPLETE);
    runSessions(steps, EVENTS_LONG_DELAY_DDL, LEGACY_SESSIONS, UPDATE);
  }

  private static void runSessions(List<Map<String, List<Object[]>>> steps, String ddl, OutputMode mode) {
    runSessions(steps, ddl, SESSIONS, mode);
  }

  private static void runSessions(List<Map<String, List<Object[]>>> steps, String ddl, String sql, OutputMode mode) {
    DifferentialHarness.of(ORACLE.get(), sql).oracleSql(SESSIONS_ORACLE).oracleTable("ew", tables -> sessionized(tables.get("e")))
        .ddl(ddl).runSteps(steps, mode);
  }

  /**
   * Rows of {@code e} with their session's start and end, by SEMANTICS.md: per key, a row within
   * one gap of the previous row's time (or exactly one gap after it) is in the same session, which
   * ends one gap after its last row.
   */
  private static List<Object[]> sessionized(List<Object[]> rows) {
    List<Object[]> sorted = new ArrayList<>(rows == null ? List.of() : rows);
    sorted.sort(Comparator.comparing((Object[] row) -> (String) row[0]).thenComparingLong(row -> (Long) row[2]));
    List<Object[]> result = new ArrayList<>();
    for (int first = 0, next; first < sorted.size(); first = next) {
      next = first + 1;
      while (next < sorted.size() && sorted.get(next)[0].equals(sorted.get(first)[0])
          && (Long) sorted.get(next)[2] <= (Long) sorted.get(next - 1)[2] + SESSION_GAP) {
        next++;
      }
      long start = (Long) sorted.get(first)[2];
      long end = (Long) sorted.get(next - 1)[2] + SESSION_GAP;
      for (Object[] row : sorted.subList(first, next)) result.add(new Object[] {row[0], row[1], row[2], start, end});
    }
    return result;
  }

  /**
   * Where rows come late, the batch oracle cannot say which sessions they would have joined; the
   * table function form, whose behaviour the scenarios pin down, can. After every batch the legacy
   * form's sink holds what the table function's holds, in append and update mode, and as many
   * rows were dropped.
   */
  @Property(tries = TRIES)
  void legacySessionGroupWindowsDropLateRowsAndEmitAsTheTableFunctionDoes(@ForAll("sessionSteps") List<Map<String, List<Object[]>>> steps) {
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute("CREATE TABLE e (k VARCHAR, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) WITH ('connector' = 'memory')");
      List<RecordedQuery[]> pairs = new ArrayList<>();
      for (OutputMode mode : List.of(APPEND, UPDATE)) {
        pairs.add(new RecordedQuery[] {RecordedQuery.start(engine, LEGACY_SESSIONS, mode), RecordedQuery.start(engine, SESSIONS, mode)});
      }
      for (int b = 0; b < steps.size(); b++) {
        engine.memoryTables().appendAll(steps.get(b));
        for (RecordedQuery[] pair : pairs) {
          pair[0].processAllAvailable();
          pair[1].processAllAvailable();
          String context = pair[0].mode().sqlName() + " mode, after batch " + b + " of " + render(steps) + "\n  ";
          assertEquals(List.of(), pair[0].problems(), context);
          String difference = RowMultisets.difference(pair[1].sinkTable(), pair[0].sinkTable());
          if (difference != null) fail(context + difference);
          if (pair[1].query().lastProgress() != null) {
            assertEquals(pair[1].query().lastProgress().droppedLateRows(), pair[0].query().lastProgress().droppedLateRows(), "droppedLateRows " + context);
          }
        }
      }
    }
  }

  /**
   * With a 2 s watermark delay rows do come late. The oracle is told which (row, window) pairs an
   * operator must drop, by SEMANTICS.md's rules computed here: the watermark in force for a batch
   * is the largest event time of the batches before it less the delay, and a row is dropped from
   * each of its windows whose end is at or before it. The batch result over the kept pairs is then
   * what update mode's sink holds; append mode's holds its windows whose end is at or before the
   * watermark after the batch (the no-data batch closes them at once), each emitted once.
   */
  @Property(tries = TRIES)
  void lateRowsAreDroppedFromClosedWindowsAndAppendModeEmitsEachClosedWindowOnce(
      @ForAll boolean hopping, @ForAll("eventSteps") List<Map<String, List<Object[]>>> steps) {
    long size = 10_000;
    long slide = hopping ? 5_000 : size;
    String window = hopping ? "HOP(TABLE e, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND)" : "TUMBLE(TABLE e, DESCRIPTOR(ts), INTERVAL '10' SECOND)";
    String sql = "SELECT window_start, window_end, k, COUNT(*) AS c, SUM(v) AS s FROM TABLE(" + window + ") GROUP BY window_start, window_end, k";
    String oracleSql = "SELECT window_start, window_end, k, COUNT(*) AS c, SUM(v) AS s FROM ew GROUP BY window_start, window_end, k";
    long delay = 2_000;
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute("CREATE TABLE e (k VARCHAR, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) WITH ('connector' = 'memory')");
      var append = RecordedQuery.start(engine, sql, APPEND);
      var update = RecordedQuery.start(engine, sql, UPDATE);
      List<Object[]> kept = new ArrayList<>();
      long maxTime = Long.MIN_VALUE;
      long droppedRows = 0;
      for (int b = 0; b < steps.size(); b++) {
        List<Object[]> rows = steps.get(b).get("e");
        if (rows.isEmpty()) continue;
        Long watermark = maxTime == Long.MIN_VALUE ? null : maxTime - delay;
        for (Object[] row : rows) {
          long ts = (Long) row[2];
          boolean dropped = false;
          for (long start = Math.floorDiv(ts, slide) * slide; start > ts - size; start -= slide) {
            long end = start + size;
            if (watermark != null && end <= watermark) dropped = true;
            else kept.add(new Object[] {row[0], row[1], ts, start, end});
          }
          if (dropped) droppedRows++;
          maxTime = Math.max(maxTime, ts);
        }
        engine.memoryTables().append("e", rows);
        append.processAllAvailable();
        update.processAllAvailable();
        long after = maxTime - delay;
        ORACLE.get().setRows("ew", kept);
        List<Object[]> expected = ORACLE.get().query(oracleSql);
        List<Object[]> closed = expected.stream().filter(r -> (Long) r[1] <= after).toList();
        String context = "after batch " + b + " of " + render(steps) + " (" + (hopping ? "hop" : "tumble") + ")\n  ";
        assertEquals(List.of(), append.problems(), context);
        assertEquals(List.of(), update.problems(), context);
        String appendDifference = RowMultisets.difference(closed, append.sinkTable());
        if (appendDifference != null) fail("append mode " + context + appendDifference);
        String updateDifference = RowMultisets.difference(expected, update.sinkTable());
        if (updateDifference != null) fail("update mode " + context + updateDifference);
        assertEquals(droppedRows, update.query().lastProgress().droppedLateRows(), "droppedLateRows " + context);
        assertEquals(Values.formatTimestamp(after), append.query().lastProgress().watermark(),
            "watermark " + context);
      }
    }
  }

  private static String render(List<Map<String, List<Object[]>>> steps) {
    StringBuilder sb = new StringBuilder();
    for (Map<String, List<Object[]>> step : steps) sb.append(RowMultisets.render(step.get("e")));
    return sb.toString();
  }

  @Provide
  Arbitrary<String> joinQueries() {
    return Arbitraries.of(
        "SELECT l.k, l.v, r.w FROM l JOIN r ON l.k = r.k",
        "SELECT l.k, l.v, r.w FROM l JOIN r ON l.k = r.k AND l.v > r.w",
        "SELECT l.v + r.w AS total, UPPER(r.k) AS rk FROM l, r WHERE l.k = r.k AND r.w <> 0");
  }

  @Provide
  Arbitrary<String> joinAggregateQueries() {
    return Arbitraries.of(
        "SELECT l.k, COUNT(*) AS c, SUM(r.w) AS s, MAX(l.v) AS m FROM l JOIN r ON l.k = r.k GROUP BY l.k",
        "SELECT COUNT(*) AS c, COUNT(DISTINCT r.w) AS dw FROM l JOIN r ON l.k = r.k");
  }

  @Provide
  Arbitrary<String> windowQueries() {
    return Arbitraries.of(
        "SELECT window_start, window_end, k, COUNT(*) AS c, SUM(v) AS s FROM TABLE(TUMBLE(TABLE e, DESCRIPTOR(ts), INTERVAL '10' SECOND)) "
            + "GROUP BY window_start, window_end, k",
        "SELECT window_start, COUNT(*) AS c, MAX(v) AS m, MIN(k) AS mk FROM TABLE(HOP(TABLE e, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND)) "
            + "GROUP BY window_start, window_end",
        "SELECT window_end, AVG(v) AS a FROM TABLE(TUMBLE(TABLE e, DESCRIPTOR(ts), INTERVAL '7' SECOND)) WHERE k IS NOT NULL GROUP BY window_start, window_end");
  }

  @Provide
  Arbitrary<List<Map<String, List<Object[]>>>> joinSteps() {
    Arbitrary<String> key = Arbitraries.of("a", "b", "c").injectNull(0.1);
    Arbitrary<Object[]> left = Combinators.combine(key, Arbitraries.longs().between(-3, 3).injectNull(0.1)).as((k, v) -> new Object[] {k, v});
    Arbitrary<Object[]> right = Combinators.combine(key, Arbitraries.integers().between(-3, 3).injectNull(0.1)).as((k, w) -> new Object[] {k, w});
    Arbitrary<Map<String, List<Object[]>>> step = Combinators.combine(left.list().ofMaxSize(4), right.list().ofMaxSize(4))
        .as((ls, rs) -> Map.of("l", ls, "r", rs));
    return step.list().ofMinSize(1).ofMaxSize(5);
  }

  @Provide
  Arbitrary<List<Map<String, List<Object[]>>>> eventSteps() {
    // Half-second event times over 40 s, out of order across and within batches.
    return events(Arbitraries.integers().between(0, 80).map(halfSeconds -> halfSeconds * 500L));
  }

  @Provide
  Arbitrary<List<Map<String, List<Object[]>>>> sessionSteps() {
    return events(Arbitraries.integers().between(0, 20).map(twoSeconds -> twoSeconds * 2000L));
  }

  private static Arbitrary<List<Map<String, List<Object[]>>>> events(Arbitrary<Long> times) {
    Arbitrary<String> key = Arbitraries.of("a", "b", "c");
    Arbitrary<Object[]> event = Combinators.combine(key, Arbitraries.longs().between(-5, 5).injectNull(0.1), times)
        .as((k, v, ts) -> new Object[] {k, v, ts});
    return event.list().ofMaxSize(6).map(rows -> Map.of("e", (List<Object[]>) new ArrayList<>(rows))).list().ofMinSize(1).ofMaxSize(5);
  }
}
