package dev.sluice.planner.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;

/** Conditions Calcite rewrites plan as plain predicates, or are refused by name. */
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

  @Test
  void anInListOfManyLiteralsIsAPlainPredicate() {
    String literals = IntStream.range(0, 25).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    String plan = plan("SELECT k FROM t WHERE g IN (" + literals + ")").root().explain();
    assertTrue(plan.startsWith("StreamCalc") && plan.contains("SEARCH(g"), plan);
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
