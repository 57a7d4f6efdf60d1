package dev.sluice.planner.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.planner.ExplainWriter;
import dev.sluice.planner.PlannedQuery;
import dev.sluice.planner.PlanningException;
import dev.sluice.planner.QueryPlanner;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.TableDefinitions;
import dev.sluice.sql.StatementParser;
import dev.sluice.sql.ast.CreateTable;
import dev.sluice.sql.ast.SourcePosition;
import dev.sluice.sql.ast.Statement;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Conditions Calcite folds or rewrites plan as plain predicates, or are refused by name. */
class PredicatePlanningTest {
  private static final String TABLE =
      "CREATE TABLE t (k VARCHAR, g INT, v BIGINT, d DOUBLE, r REAL, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) "
          + "WITH ('connector' = 'memory')";

  private static PlannedQuery plan(String query) {
    Catalog catalog = new Catalog();
    for (Statement statement : StatementParser.parseScript(TABLE)) catalog.addTable(TableDefinitions.of((CreateTable) statement), false);
    PlannedQuery planned = new QueryPlanner(catalog).plan(query, new SourcePosition(1, 1), null);
    planned.toGraph(table -> null);
    return planned;
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT k FROM t WHERE 1 > 2",
      "SELECT k FROM t WHERE k NOT LIKE '%'",
      "SELECT k, g FROM t WHERE g > 2 AND g < 1",
      "SELECT k, COUNT(*) AS c FROM t WHERE 1 > 2 GROUP BY k"})
  void aConditionThatIsAlwaysFalseIsAnEmptyStream(String query) {
    String plan = ExplainWriter.explain(plan(query));
    assertTrue(plan.contains("StreamEmpty"), plan);
  }

  @Test
  void aUnionBranchThatIsAlwaysFalseLeavesTheOtherBranchWithItsEventTime() {
    String windowed = "SELECT TUMBLE_START(ts, INTERVAL '1' SECOND) AS ws, COUNT(*) AS c FROM "
        + "(SELECT k, ts FROM t WHERE 1 > 2 UNION ALL SELECT k, ts FROM t WHERE g > 0) GROUP BY TUMBLE(ts, INTERVAL '1' SECOND)";
    PlannedQuery planned = plan(windowed);
    assertEquals("append", planned.mode().sqlName(), "the remaining branch still carries its watermark: " + ExplainWriter.explain(planned));
    assertTrue(plan("SELECT k FROM t WHERE g > 0 UNION ALL SELECT k FROM t WHERE 1 > 2").root().explain().startsWith("StreamCalc"));
    assertTrue(ExplainWriter.explain(plan("SELECT k FROM t WHERE 2 < 1 UNION ALL SELECT k FROM t WHERE 1 > 2")).contains("StreamEmpty"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT k FROM t WHERE NOT (d > 2.5E0) AND d > 1",
      "SELECT k FROM t WHERE d > 3.5 AND d < 2.5E0",
      "SELECT k FROM (SELECT k, d FROM t WHERE d > 1) WHERE NOT (d > 2.5E0)",
      "SELECT k FROM t WHERE g > 2.5E0 AND g < 7",
      "SELECT k FROM t WHERE r > CAST(1.5 AS REAL) AND r < 3",
      "SELECT k FROM t WHERE d IN (1, 2.5E0, 3.25)",
      "SELECT k FROM t WHERE d BETWEEN 1 AND 2.5E0 OR d = 7"})
  void comparisonsOfApproximateAndExactNumbersPlan(String query) {
    plan(query);
  }

  @Test
  void aComparisonOfTwoColumnsStaysAsWrittenSoAJoinKeepsItsKeys() {
    String join = ExplainWriter.explain(plan("SELECT a.k, b.k AS other FROM t a JOIN t b ON a.d = b.g"));
    assertTrue(join.contains("leftKeys=[d]") && join.matches("(?s).*rightKeys=\\[g\\w*\\].*"), join);
  }

  @Test
  void anInListOfManyLiteralsIsAPlainPredicate() {
    String literals = IntStream.range(0, 25).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    String plan = plan("SELECT k FROM t WHERE g IN (" + literals + ")").root().explain();
    assertTrue(plan.startsWith("StreamCalc") && plan.contains("SEARCH(g"), plan);
    String doubles = IntStream.range(0, 25).mapToObj(i -> i + ".5E0").collect(Collectors.joining(", "));
    plan("SELECT k FROM t WHERE d NOT IN (" + doubles + ", 1)");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "SELECT k FROM t WHERE g IN (SELECT g FROM t WHERE v > 1) | 23 | IN (SELECT ...)",
      "SELECT k FROM t WHERE EXISTS (SELECT g FROM t WHERE v > 1) | 23 | EXISTS (SELECT ...)",
      "SELECT k FROM t WHERE g NOT IN (SELECT g FROM t) | 23 | NOT IN (SELECT ...)",
      "SELECT k FROM t WHERE g > ALL (SELECT g FROM t) | 23 | > ALL (SELECT ...)",
      "SELECT k, (SELECT MAX(g) FROM t) AS m FROM t | 11 | A scalar subquery"})
  void aSubqueryInAnExpressionIsNotSupportedYetAndSaysWhere(String query, int column, String construct) {
    PlanningException e = assertThrows(PlanningException.class, () -> plan(query));
    assertTrue(e.getMessage().contains(construct + " is not supported in a continuous query yet") && e.getMessage().contains("JOIN"),
        e.getMessage());
    assertEquals(new SourcePosition(1, column), e.position(), "where the subquery's predicate starts in " + query);
  }
}
