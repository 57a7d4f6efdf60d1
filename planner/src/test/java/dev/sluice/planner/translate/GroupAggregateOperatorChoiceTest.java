package dev.sluice.planner.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.planner.QueryPlanner;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.TableDefinitions;
import dev.sluice.runtime.graph.OperatorNode;
import dev.sluice.runtime.operator.GroupAggregateOperator;
import dev.sluice.runtime.operator.LongKeyGroupAggregateOperator;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.sql.StatementParser;
import dev.sluice.sql.ast.CreateTable;
import dev.sluice.sql.ast.SourcePosition;
import dev.sluice.sql.ast.Statement;
import org.junit.jupiter.api.Test;

/**
 * A {@code StreamGroupAggregate} runs in primitive state ({@link LongKeyGroupAggregateOperator})
 * when it groups by one whole-number column without event time and computes counts, sums and
 * insert-only extremes of whole numbers; otherwise as {@link GroupAggregateOperator}. The plan is
 * the same either way.
 */
class GroupAggregateOperatorChoiceTest {
  private static final String TABLE =
      "CREATE TABLE bid (auction BIGINT, bidder INT, price BIGINT, channel VARCHAR, ratio DOUBLE, ts TIMESTAMP(3), "
          + "WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'memory')";

  @Test
  void oneWholeNumberKeyWithCountsAndSumsRunsInPrimitiveState() {
    assertEquals(LongKeyGroupAggregateOperator.class, aggregateOperator("SELECT auction, COUNT(*), SUM(price) FROM bid GROUP BY auction"));
    assertEquals(LongKeyGroupAggregateOperator.class,
        aggregateOperator("SELECT bidder, COUNT(channel), MIN(price), MAX(bidder), SUM(bidder) FILTER (WHERE price > 10) FROM bid GROUP BY bidder"));
    assertEquals(LongKeyGroupAggregateOperator.class,
        aggregateOperator("SELECT n, COUNT(*) FROM (SELECT auction, COUNT(*) AS n FROM bid GROUP BY auction) GROUP BY n"),
        "a count over updating input");
  }

  @Test
  void everythingElseRunsAsGroupAggregateOperator() {
    assertEquals(GroupAggregateOperator.class, aggregateOperator("SELECT channel, COUNT(*) FROM bid GROUP BY channel"));
    assertEquals(GroupAggregateOperator.class, aggregateOperator("SELECT auction, bidder, COUNT(*) FROM bid GROUP BY auction, bidder"));
    assertEquals(GroupAggregateOperator.class, aggregateOperator("SELECT auction, AVG(price) FROM bid GROUP BY auction"));
    assertEquals(GroupAggregateOperator.class, aggregateOperator("SELECT auction, SUM(ratio) FROM bid GROUP BY auction"));
    assertEquals(GroupAggregateOperator.class, aggregateOperator("SELECT auction, COUNT(DISTINCT bidder) FROM bid GROUP BY auction"));
    assertEquals(GroupAggregateOperator.class,
        aggregateOperator("SELECT n, MAX(auction) FROM (SELECT auction, COUNT(*) AS n FROM bid GROUP BY auction) GROUP BY n"),
        "MAX over updating input keeps every value");
    assertEquals(GroupAggregateOperator.class, aggregateOperator("SELECT COUNT(*) FROM bid"), "a global aggregate");
  }

  /** The class of the one aggregation's operator that runs last in {@code query}'s graph. */
  private static Class<?> aggregateOperator(String query) {
    Catalog catalog = new Catalog();
    for (Statement statement : StatementParser.parseScript(TABLE)) catalog.addTable(TableDefinitions.of((CreateTable) statement), false);
    var graph = new QueryPlanner(catalog).plan(query, new SourcePosition(1, 1), OutputMode.UPDATE).toGraph(table -> null);
    OperatorNode last = null;
    for (OperatorNode node : graph.operators()) {
      if (node.name().startsWith("StreamGroupAggregate")) last = node;
    }
    return last.factory().get().getClass();
  }
}
