package dev.sluice.runtime.graph;

import java.util.List;

/**
 * What to run for one continuous query, as plain data: its sources, its operators in an order
 * where every input comes before its consumer, the node whose changes are the result, and how the
 * result reaches the sink. The executor turns it into running operators each time the query
 * starts.
 *
 * @param fingerprint identifies the state layout; a checkpoint written under another one is
 *     refused
 */
public record QueryGraph(List<SourceNode> sources, List<OperatorNode> operators, NodeRef root, ResultSpec result, String fingerprint) {

  public QueryGraph {
    sources = List.copyOf(sources);
    operators = List.copyOf(operators);
    for (int i = 0; i < operators.size(); i++) {
      for (NodeRef input : operators.get(i).inputs()) {
        if (!input.isSource() && input.index() >= i) {
          throw new IllegalArgumentException("operator " + i + " reads operator " + input.index() + ", which is not before it");
        }
      }
    }
  }
}
