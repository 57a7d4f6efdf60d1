package dev.sluice.planner.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.planner.PlannedQuery;
import dev.sluice.planner.QueryPlanner;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.TableDefinitions;
import dev.sluice.planner.physical.PhysicalNode;
import dev.sluice.planner.physical.StreamCalc;
import dev.sluice.planner.physical.StreamUnnest;
import dev.sluice.sql.StatementParser;
import dev.sluice.sql.ast.CreateTable;
import dev.sluice.sql.ast.SourcePosition;
import dev.sluice.sql.ast.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Filters and projections over the columns of {@code CROSS JOIN UNNEST(...)} plan over the unnest, wherever Calcite puts them. */
class UnnestPlanningTest {
  private static final String TABLE =
      "CREATE TABLE t (k VARCHAR, g INT, tags ARRAY<VARCHAR>, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) "
          + "WITH ('connector' = 'memory')";

  private static PlannedQuery plan(String query) {
    Catalog catalog = new Catalog();
    for (Statement statement : StatementParser.parseScript(TABLE)) catalog.addTable(TableDefinitions.of((CreateTable) statement), false);
    PlannedQuery planned = new QueryPlanner(catalog).plan(query, new SourcePosition(1, 1), null);
    planned.toGraph(table -> null);
    return planned;
  }

  private static boolean hasFilterOverUnnest(PhysicalNode node) {
    if (node instanceof StreamCalc calc && calc.program().getCondition() != null && calc.input() instanceof StreamUnnest) return true;
    return node.inputs().stream().anyMatch(UnnestPlanningTest::hasFilterOverUnnest);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT t.g, w.x FROM t CROSS JOIN UNNEST(SPLIT(t.k, ' ')) AS w(x) WHERE w.x <> 'a'",
      "SELECT t.g, w.x FROM t CROSS JOIN UNNEST(SPLIT(t.k, ' ')) AS w(x) WHERE w.x <> 'a' AND t.g > 1",
      "SELECT t.g, w.x FROM t CROSS JOIN UNNEST(SPLIT(t.k, ' ')) AS w(x) WHERE CHAR_LENGTH(w.x) > t.g",
      "SELECT w.tag FROM t CROSS JOIN UNNEST(t.tags) AS w(tag) WHERE w.tag LIKE 'a%' OR w.tag IS NULL",
      "SELECT w.tag, w.pos FROM t CROSS JOIN UNNEST(t.tags) WITH ORDINALITY AS w(tag, pos) WHERE w.pos > 1",
      "SELECT t.k, w.x FROM t, UNNEST(SPLIT(t.k, ' ')) AS w(x) WHERE w.x = t.k"})
  void aFilterOnUnnestedColumnsPlansAsAFilterOverTheUnnest(String query) {
    PlannedQuery planned = plan(query);
    assertTrue(hasFilterOverUnnest(planned.root()), dev.sluice.planner.ExplainWriter.explain(planned));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT UPPER(w.x) AS up, CHAR_LENGTH(w.x) + t.g AS score FROM t CROSS JOIN UNNEST(SPLIT(t.k, ' ')) AS w(x)",
      "SELECT up, COUNT(*) AS c FROM (SELECT UPPER(w.x) AS up FROM t CROSS JOIN UNNEST(SPLIT(t.k, ' ')) AS w(x) WHERE w.x <> '') "
          + "GROUP BY up"})
  void aProjectionOfUnnestedColumnsPlans(String query) {
    PlannedQuery planned = plan(query);
    assertEquals(2, planned.resultSchema().size());
  }
}
