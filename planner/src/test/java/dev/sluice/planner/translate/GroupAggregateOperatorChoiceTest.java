package dev.sluice.planner.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.planner.QueryPlanner;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.TableDefinitions;
import dev.sluice.runtime.graph.OperatorNode;
import dev.sluice.runtime.graph.QueryGraph;
import dev.sluice.runtime.operator.GroupAggregateOperator;
import dev.sluice.runtime.operator.LongKeyGroupAggregateOperator;
import dev.sluice.runtime.operator.WindowAggregateOperator;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.sql.StatementParser;
import dev.sluice.sql.ast.CreateTable;
import dev.sluice.sql.ast.SourcePosition;
import dev.sluice.sql.ast.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A {@code StreamGroupAggregate} runs in primitive state ({@link LongKeyGroupAggregateOperator})
 * when it groups by one whole-number column without event time and computes counts, sums and
 * insert-only extremes of whole numbers; in append mode, such an aggregation per tumbling or
 * sliding window (or of the windows alone) takes the window's assignment with it ({@link
 * WindowAggregateOperator}); otherwise it runs as {@link GroupAggregateOperator}. The plan is the
 * same either way.
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
  void anAppendModeWindowAggregationAssignsItsOwnWindows() {
    String perAuction = "SELECT auction, window_start, COUNT(*), MAX(price) FROM TABLE(HOP(TABLE bid, DESCRIPTOR(ts), INTERVAL '1' SECOND, "
        + "INTERVAL '5' SECOND)) GROUP BY auction, window_start, window_end";
    assertEquals(WindowAggregateOperator.class, aggregateOperator(perAuction, OutputMode.APPEND));
    assertEquals(List.of("StreamCalc", "StreamGroupAggregate", "StreamCalc"), operatorKinds(perAuction, OutputMode.APPEND),
        "no window assigner of its own");
    assertEquals(WindowAggregateOperator.class, aggregateOperator("SELECT window_end, SUM(bidder) FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), "
        + "INTERVAL '1' SECOND)) GROUP BY window_start, window_end", OutputMode.APPEND));
    assertEquals(GroupAggregateOperator.class, aggregateOperator(perAuction, OutputMode.UPDATE), "update mode emits every change");
    assertEquals(GroupAggregateOperator.class, aggregateOperator("SELECT channel, window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE bid, "
        + "DESCRIPTOR(ts), INTERVAL '1' SECOND)) GROUP BY channel, window_start, window_end", OutputMode.APPEND), "a VARCHAR key");
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

  private static Class<?> aggregateOperator(String query) {
    return aggregateOperator(query, OutputMode.UPDATE);
  }

  /** The class of the one aggregation's operator that runs last in {@code query}'s graph. */
  private static Class<?> aggregateOperator(String query, OutputMode mode) {
    OperatorNode last = null;
    for (OperatorNode node : graph(query, mode).operators()) {
      if (node.name().startsWith("StreamGroupAggregate")) last = node;
    }
    return last.factory().get().getClass();
  }

  /** The kinds of the graph's operators, in order. */
  private static List<String> operatorKinds(String query, OutputMode mode) {
    return graph(query, mode).operators().stream().map(node -> node.name().substring(0, node.name().indexOf('#'))).toList();
  }

  private static QueryGraph graph(String query, OutputMode mode) {
    Catalog catalog = new Catalog();
    for (Statement statement : StatementParser.parseScript(TABLE)) catalog.addTable(TableDefinitions.of((CreateTable) statement), false);
    return new QueryPlanner(catalog).plan(query, new SourcePosition(1, 1), mode).toGraph(table -> null);
  }
}
