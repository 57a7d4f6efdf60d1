package dev.sluice.engine.differential;

import static dev.sluice.runtime.spi.OutputMode.APPEND;
import static dev.sluice.runtime.spi.OutputMode.COMPLETE;
import static dev.sluice.runtime.spi.OutputMode.UPDATE;

import dev.sluice.engine.support.BatchOracle;
import dev.sluice.runtime.spi.OutputMode;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * SEMANTICS.md's correctness oracle, checked on random input: after every micro-batch, the table
 * a sink holds (complete mode's last result; update mode's upserts and deletes applied by the
 * result key; append mode's rows accumulated) equals Calcite's batch evaluation of the same SQL
 * over the rows received so far.
 */
class IncrementalResultMatchesBatchQueryTest {
  /**
   * Tries per property: 13 properties x 120 tries and 80 with restarts, each try a random query of
   * its shape over up to five random batches, checked in two or three output modes after every
   * batch: about 25 s on two idle cores (a try costs some 10 ms, mostly planning and compiling).
   */
  private static final int TRIES = 120;

  /** Restarts write and read checkpoints after every batch, so they cost about twice as much. */
  private static final int RESTART_TRIES = 80;

  /**
   * One oracle per thread: jqwik shrinks a failing sample on a thread of its own, which may still
   * run when the next property starts, and an oracle holds the rows of one run at a time.
   */
  private static final ThreadLocal<BatchOracle> ORACLE = ThreadLocal.withInitial(BatchOracle::forTableT);

  @Property(tries = TRIES)
  void filterAndProjectionAccumulateToTheBatchResult(@ForAll("statelessQueries") String sql, @ForAll("batches") List<List<TableT.Row>> batches) {
    DifferentialHarness.check(ORACLE.get(), sql, batches, APPEND, UPDATE);
  }

  @Property(tries = TRIES)
  void groupedAggregatesMatchTheBatchResult(@ForAll("groupedQueries") String sql, @ForAll("batches") List<List<TableT.Row>> batches) {
    DifferentialHarness.check(ORACLE.get(), sql, batches, COMPLETE, UPDATE);
  }

  @Property(tries = TRIES)
  void havingDropsAndReadmitsGroupsAsTheBatchResultDoes(@ForAll("havingQueries") String sql, @ForAll("batches") List<List<TableT.Row>> batches) {
    DifferentialHarness.check(ORACLE.get(), sql, batches, COMPLETE, UPDATE);
  }

  @Property(tries = TRIES)
  void globalAggregatesMatchTheBatchResult(@ForAll("globalQueries") String sql, @ForAll("batches") List<List<TableT.Row>> batches) {
    DifferentialHarness.check(ORACLE.get(), sql, batches, COMPLETE, UPDATE);
  }

  @Property(tries = TRIES)
  void aggregatesOverUpdatingAggregatesMatchTheBatchResult(
      @ForAll("nestedAggregateQueries") String sql, @ForAll("batches") List<List<TableT.Row>> batches) {
    DifferentialHarness.check(ORACLE.get(), sql, batches, COMPLETE, UPDATE);
  }

  @Property(tries = TRIES)
  void unionAllOfFiltersMatchesTheBatchResult(@ForAll("unionQueries") String sql, @ForAll("batches") List<List<TableT.Row>> batches) {
    DifferentialHarness.check(ORACLE.get(), sql, batches, APPEND, UPDATE);
  }

  @Property(tries = TRIES)
  void aggregateOverUnionAllMatchesTheBatchResult(@ForAll("batches") List<List<TableT.Row>> batches) {
    DifferentialHarness.check(ORACLE.get(), "SELECT x, COUNT(*) AS c, MAX(y) AS m, SUM(y) AS s FROM "
        + "(SELECT k AS x, v AS y FROM t WHERE g > 0 UNION ALL SELECT k, v * 2 FROM t WHERE g <= 0 OR g IS NULL) GROUP BY x", batches, COMPLETE, UPDATE);
  }

  @Property(tries = TRIES)
  void unnestOfSplitMatchesTheBatchResult(@ForAll("batches") List<List<TableT.Row>> batches) {
    DifferentialHarness.check(ORACLE.get(), "SELECT t.g, w.word FROM t CROSS JOIN UNNEST(SPLIT(t.k, ' ')) AS w(word)", batches, APPEND, UPDATE);
    DifferentialHarness.check(ORACLE.get(), "SELECT t.g, UPPER(w.word) AS up FROM t CROSS JOIN UNNEST(SPLIT(t.k, ' ')) AS w(word) "
        + "WHERE w.word <> 'a' AND t.g > 0", batches, APPEND);
    // Calcite's own UNNEST WITH ORDINALITY fails on a NULL array (an NPE in SqlFunctions.p2), so the oracle gets no NULL keys.
    DifferentialHarness.check(ORACLE.get(), "SELECT t.k, w.word, w.pos FROM t CROSS JOIN UNNEST(SPLIT(t.k, ' ')) WITH ORDINALITY AS w(word, pos) "
        + "WHERE t.k IS NOT NULL", batches, APPEND);
  }

  @Property(tries = TRIES)
  void wordCountOverUnnestMatchesTheBatchResult(@ForAll("batches") List<List<TableT.Row>> batches) {
    DifferentialHarness.check(ORACLE.get(), "SELECT w.word, COUNT(*) AS c, SUM(t.v) AS s FROM t CROSS JOIN UNNEST(SPLIT(t.k, ' ')) AS w(word) GROUP BY w.word",
        batches, COMPLETE, UPDATE);
  }

  @Property(tries = TRIES)
  void groupingOnExpressionsAfterAFilterMatchesTheBatchResult(
      @ForAll("expressionGroupQueries") String sql, @ForAll("batches") List<List<TableT.Row>> batches) {
    DifferentialHarness.check(ORACLE.get(), sql, batches, COMPLETE, UPDATE);
  }

  @Property(tries = TRIES)
  void aggregatesWithFilterClausesMatchTheBatchResult(@ForAll("filteredAggregateQueries") String sql, @ForAll("batches") List<List<TableT.Row>> batches) {
    DifferentialHarness.check(ORACLE.get(), sql, batches, COMPLETE, UPDATE);
  }

  @Property(tries = TRIES)
  void orderedLimitedResultInCompleteModeMatchesTheBatchResultInOrder(
      @ForAll("topQueries") String sql, @ForAll("batches") List<List<TableT.Row>> batches) {
    DifferentialHarness.of(ORACLE.get(), sql).ordered().run(batches, COMPLETE);
  }

  @Property(tries = TRIES)
  void selectDistinctMatchesTheBatchResult(@ForAll("batches") List<List<TableT.Row>> batches) {
    DifferentialHarness.check(ORACLE.get(), "SELECT DISTINCT k, g FROM t", batches, APPEND, UPDATE, COMPLETE);
  }

  @Property(tries = RESTART_TRIES)
  void restartsFromTheCheckpointBetweenBatchesChangeNothing(
      @ForAll("restartableQueries") String sql,
      @ForAll("batches") List<List<TableT.Row>> batches,
      @ForAll("restartPoints") Set<Integer> restartAfter) {
    boolean aggregating = sql.contains("GROUP BY") || sql.contains("COUNT(");
    DifferentialHarness.of(ORACLE.get(), sql).restartAfter(restartAfter).run(batches, aggregating ? new OutputMode[] {COMPLETE, UPDATE}
        : new OutputMode[] {APPEND, UPDATE});
  }

  @Provide
  Arbitrary<Set<Integer>> restartPoints() {
    return Arbitraries.integers().between(0, 4).set().ofMinSize(1);
  }

  @Provide
  Arbitrary<String> restartableQueries() {
    return Arbitraries.of(
        "SELECT k, COUNT(*) AS c, SUM(v) AS s, MIN(v) AS mn, MAX(d) AS mx, AVG(g) AS ag, COUNT(DISTINCT g) AS dg FROM t GROUP BY k",
        "SELECT cnt, COUNT(*) AS n FROM (SELECT k, COUNT(*) AS cnt FROM t GROUP BY k) GROUP BY cnt",
        "SELECT MIN(s) AS mn, MAX(s) AS mx, COUNT(DISTINCT s) AS ds FROM (SELECT g, SUM(v) AS s FROM t GROUP BY g)",
        "SELECT g, SUM(v) AS s FROM t GROUP BY g HAVING SUM(v) BETWEEN -10 AND 10",
        "SELECT v, COUNT(*) AS c, COUNT(d) AS cd, SUM(g) AS s, MAX(g) AS mx FROM t GROUP BY v",
        "SELECT COUNT(*) AS c, SUM(d) AS s FROM t",
        "SELECT k, g * 2 AS g2 FROM t WHERE v > 0",
        "SELECT w.word, COUNT(*) AS c FROM t CROSS JOIN UNNEST(SPLIT(t.k, ' ')) AS w(word) GROUP BY w.word");
  }

  @Provide
  Arbitrary<String> filteredAggregateQueries() {
    return Arbitraries.of(
        "SELECT k, COUNT(*) FILTER (WHERE g > 0) AS pos, SUM(v) FILTER (WHERE d > 1) AS s, MAX(v) FILTER (WHERE g IS NULL) AS mx FROM t GROUP BY k",
        "SELECT COUNT(*) FILTER (WHERE k LIKE 'a%') AS a, AVG(d) FILTER (WHERE v < 0) AS ad FROM t",
        "SELECT v, COUNT(*) FILTER (WHERE g > 0) AS pos, SUM(g) FILTER (WHERE d > 1) AS s, MIN(g) FILTER (WHERE k IS NOT NULL) AS mn FROM t GROUP BY v");
  }

  @Provide
  Arbitrary<String> topQueries() {
    return Arbitraries.of(
        "SELECT k, COUNT(*) AS c FROM t GROUP BY k ORDER BY c DESC, k LIMIT 2",
        "SELECT g, SUM(v) AS s FROM t GROUP BY g ORDER BY g",
        "SELECT g, MAX(d) AS mx FROM t GROUP BY g ORDER BY mx DESC NULLS LAST, g NULLS FIRST LIMIT 3");
  }


  @Provide
  Arbitrary<List<List<TableT.Row>>> batches() {
    return TableT.batches();
  }

  @Provide
  Arbitrary<String> statelessQueries() {
    return Arbitraries.of(
        "SELECT k, g * 2 + 1 AS g2, v - g AS diff, d * 2 AS dd FROM t WHERE g > 0 OR v < 0",
        "SELECT CASE WHEN g IS NULL THEN 'none' WHEN g > 1 THEN 'big' ELSE 'small' END AS size, COALESCE(k, 'null') AS kk, "
            + "COALESCE(v, g, -1) AS vv FROM t",
        "SELECT UPPER(k) AS uk, CHAR_LENGTH(k) AS len, k || '!' AS bang, SUBSTRING(k, 1, 1) AS first, TRIM(k) AS tk FROM t "
            + "WHERE k IS NOT NULL AND k <> ''",
        "SELECT k, v, d FROM t WHERE d BETWEEN 0 AND 3 AND k LIKE 'a%'",
        "SELECT MOD(v, 3) AS m, ABS(d) AS a, g / 2 AS half, CAST(v AS DOUBLE) / 4 AS q FROM t WHERE v IS NOT NULL",
        "SELECT CAST(g AS VARCHAR) || '-' || k AS tag, REPLACE(k, ' ', '_') AS r, POSITION('b' IN k) AS p FROM t WHERE NOT (g = 0)",
        "SELECT k IS NULL AS nk, g IN (1, 2) AS small, v > 0 AND d > 0 AS pos FROM t");
  }

  @Provide
  Arbitrary<String> groupedQueries() {
    return Arbitraries.of(
        "SELECT k, COUNT(*) AS c, COUNT(v) AS cv, SUM(v) AS s, MIN(v) AS mn, MAX(v) AS mx, AVG(g) AS ag FROM t GROUP BY k",
        "SELECT g, SUM(d) AS sd, MIN(k) AS mk, MAX(d) AS xd, AVG(v) AS av, COUNT(DISTINCT k) AS dk FROM t GROUP BY g",
        "SELECT k, g, COUNT(*) AS c, SUM(v) AS s, AVG(d) AS ad FROM t GROUP BY k, g",
        "SELECT g, COUNT(DISTINCT v) AS dv, COUNT(DISTINCT d) AS dd, SUM(DISTINCT v) AS sdv FROM t GROUP BY g",
        "SELECT COUNT(*) AS c FROM t GROUP BY k",
        // One whole-number key and whole-number aggregates: the operator in primitive state.
        "SELECT g, COUNT(*) AS c, COUNT(k) AS ck, SUM(v) AS s, MIN(v) AS mn, MAX(g) AS mx, SUM(g) AS sg FROM t GROUP BY g");
  }

  @Provide
  Arbitrary<String> havingQueries() {
    return Arbitraries.of(
        "SELECT k, COUNT(*) AS c FROM t GROUP BY k HAVING COUNT(*) < 3",
        "SELECT g, SUM(v) AS s FROM t GROUP BY g HAVING SUM(v) BETWEEN -10 AND 10",
        "SELECT k, MIN(v) AS mn, COUNT(*) AS c FROM t GROUP BY k HAVING MIN(v) > 0 OR COUNT(*) = 2",
        "SELECT g, AVG(d) AS ad FROM t GROUP BY g HAVING AVG(d) > 1");
  }

  @Provide
  Arbitrary<String> globalQueries() {
    return Arbitraries.of(
        "SELECT COUNT(*) AS c, COUNT(k) AS ck, SUM(v) AS s, MIN(d) AS mn, MAX(g) AS mx, AVG(d) AS ad, COUNT(DISTINCT k) AS dk FROM t",
        "SELECT SUM(v) AS s, AVG(g) AS ag FROM t WHERE g > 0",
        "SELECT COUNT(*) AS c, MAX(k) AS mk FROM t WHERE g > 100",
        "SELECT SUM(v) AS s FROM t HAVING SUM(v) < 5",
        "SELECT COUNT(*) AS c FROM t HAVING COUNT(*) > 3");
  }

  @Provide
  Arbitrary<String> nestedAggregateQueries() {
    return Arbitraries.of(
        "SELECT cnt, COUNT(*) AS n FROM (SELECT k, COUNT(*) AS cnt FROM t GROUP BY k) GROUP BY cnt",
        "SELECT MIN(s) AS mn, MAX(s) AS mx, SUM(s) AS total, COUNT(*) AS group_count, AVG(s) AS avgs FROM (SELECT g, SUM(v) AS s FROM t GROUP BY g)",
        "SELECT mx, COUNT(DISTINCT k) AS keys FROM (SELECT k, MAX(v) AS mx FROM t GROUP BY k) GROUP BY mx",
        "SELECT AVG(mx) AS a, MIN(mn) AS lowest FROM (SELECT k, MAX(d) AS mx, MIN(g) AS mn FROM t GROUP BY k)",
        "SELECT c, MAX(k) AS last FROM (SELECT k, COUNT(*) AS c FROM t GROUP BY k HAVING COUNT(*) > 1) GROUP BY c",
        "SELECT COUNT(DISTINCT c) AS dc, SUM(sd) AS total FROM (SELECT g, COUNT(*) AS c, SUM(d) AS sd FROM t GROUP BY g)",
        "SELECT AVG(c) AS ac, MAX(c) AS mc FROM (SELECT k, g, COUNT(*) AS c FROM t GROUP BY k, g) GROUP BY k");
  }

  @Provide
  Arbitrary<String> unionQueries() {
    return Arbitraries.of(
        "SELECT k, v FROM t WHERE v > 0 UNION ALL SELECT k, g FROM t WHERE g < 2",
        "SELECT k AS x, d FROM t WHERE d > 1 UNION ALL SELECT UPPER(k), d / 2 FROM t WHERE k IS NOT NULL");
  }

  @Provide
  Arbitrary<String> expressionGroupQueries() {
    return Arbitraries.of(
        "SELECT MOD(g, 2) AS parity, CHAR_LENGTH(k) AS len, SUM(v) AS s, COUNT(*) AS c FROM t WHERE d >= 0 GROUP BY MOD(g, 2), CHAR_LENGTH(k)",
        "SELECT CASE WHEN v > 0 THEN 'pos' WHEN v < 0 THEN 'neg' ELSE 'other' END AS sign, MAX(d) AS mx, COUNT(DISTINCT g) AS dg "
            + "FROM t WHERE k IS NOT NULL GROUP BY CASE WHEN v > 0 THEN 'pos' WHEN v < 0 THEN 'neg' ELSE 'other' END",
        "SELECT UPPER(k) AS uk, g + 1 AS g1, AVG(d) AS ad, MIN(v) AS mn FROM t WHERE v <> 0 GROUP BY UPPER(k), g + 1");
  }
}
