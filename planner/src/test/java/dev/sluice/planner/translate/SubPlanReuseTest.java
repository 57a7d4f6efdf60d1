package dev.sluice.planner.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.planner.QueryPlanner;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.TableDefinitions;
import dev.sluice.runtime.graph.QueryGraph;
import dev.sluice.sql.StatementParser;
import dev.sluice.sql.ast.CreateTable;
import dev.sluice.sql.ast.SourcePosition;
import dev.sluice.sql.ast.Statement;
import org.junit.jupiter.api.Test;

/** Equal subtrees of a plan become one source or operator in the graph; different ones do not. */
class SubPlanReuseTest {
  private static final String TABLE =
      "CREATE TABLE bid (auction BIGINT, price BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) "
          + "WITH ('connector' = 'memory')";

  @Test
  void aTableReadOnBothSidesOfAJoinIsReadOnce() {
    QueryGraph graph = graph("SELECT a.price, b.price AS other FROM bid a JOIN bid b ON a.auction = b.auction");
    assertEquals(1, graph.sources().size(), "one source for both sides");
    var join = graph.operators().stream().filter(o -> o.name().startsWith("StreamJoin")).findFirst().orElseThrow();
    assertEquals(join.inputs().get(0), join.inputs().get(1), "the join is fed twice by the one source: " + graph.operators());
  }

  @Test
  void theSameWindowedAggregateOnBothSidesRunsOnce() {
    String counts = "(SELECT auction, COUNT(*) AS num, window_start, window_end "
        + "FROM TABLE(HOP(TABLE bid, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '10' SECOND)) "
        + "GROUP BY auction, window_start, window_end)";
    QueryGraph shared = graph("SELECT x.auction FROM " + counts + " x JOIN " + counts
        + " y ON x.window_start = y.window_start AND x.window_end = y.window_end AND x.num >= y.num");
    long aggregates = shared.operators().stream().filter(o -> o.name().startsWith("StreamGroupAggregate")).count();
    assertEquals(1, aggregates, "one aggregation: " + shared.operators());
  }

  @Test
  void differentFiltersOfOneTableKeepTheirOwnCalcs() {
    QueryGraph graph = graph("SELECT auction FROM bid WHERE price > 10 UNION ALL SELECT auction FROM bid WHERE price < 5");
    assertEquals(1, graph.sources().size());
    long calcs = graph.operators().stream().filter(o -> o.name().startsWith("StreamCalc")).count();
    assertEquals(2, calcs, graph.operators().toString());
  }

  private static QueryGraph graph(String query) {
    Catalog catalog = new Catalog();
    for (Statement statement : StatementParser.parseScript(TABLE)) catalog.addTable(TableDefinitions.of((CreateTable) statement), false);
    return new QueryPlanner(catalog).plan(query, new SourcePosition(1, 1), null).toGraph(table -> null);
  }
}
