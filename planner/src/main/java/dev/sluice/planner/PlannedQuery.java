package dev.sluice.planner;

import dev.sluice.planner.calcite.TypeMapping;
import dev.sluice.planner.physical.Changelog;
import dev.sluice.planner.physical.PhysicalNode;
import dev.sluice.planner.translate.GraphBuilder;
import dev.sluice.runtime.graph.NodeRef;
import dev.sluice.runtime.graph.QueryGraph;
import dev.sluice.runtime.graph.ResultSpec;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.type.Schema;
import java.util.Comparator;
import java.util.Map;

/**
 * A continuous query planned for one output mode: its physical plan, its result columns and key,
 * and what each output mode would make of it.
 *
 * @param modeChosen whether the mode was chosen by the planner (no {@code 'output.mode'} set)
 * @param resultKey the result key for update mode: empty for a single-row result, null when the
 *     whole row is the key
 * @param order complete mode's row order from ORDER BY, or null
 * @param limit complete mode's LIMIT, or -1
 * @param modes for each output mode, null when it is allowed, else the reason it is not
 */
public record PlannedQuery(
    String sql, OutputMode mode, boolean modeChosen, PhysicalNode root, Schema resultSchema, int[] resultKey,
    Comparator<Object[]> order, long limit, Map<OutputMode, String> modes) {

  /** The runtime graph, with sources opened through {@code sources} when the query starts. */
  public QueryGraph toGraph(SourceProvider sources) {
    GraphBuilder builder = new GraphBuilder(sources);
    NodeRef rootRef = builder.build(root);
    boolean mayDelete = root.changelog() == Changelog.UPDATING;
    ResultSpec result = new ResultSpec(resultSchema, mode, resultKey, order, limit, mayDelete);
    return new QueryGraph(builder.sourceNodes(), builder.operatorNodes(), rootRef, result, fingerprint());
  }

  /**
   * What a checkpoint must match to be resumed: the stateful operators with their keys, and the
   * output mode. Stateless parts may change between runs.
   */
  public String fingerprint() {
    StringBuilder sb = new StringBuilder(mode.name());
    appendState(root, sb);
    return Integer.toHexString(sb.toString().hashCode()) + ":" + sb.length();
  }

  private static void appendState(PhysicalNode node, StringBuilder sb) {
    if (!node.state().isEmpty()) sb.append('|').append(node.explain()).append(TypeMapping.toSchema(node.rowType()));
    for (PhysicalNode input : node.inputs()) appendState(input, sb);
  }
}
