package dev.sluice.runtime.graph;

import dev.sluice.runtime.operator.Operator;
import java.util.List;
import java.util.function.Supplier;

/**
 * One operator of a query graph.
 *
 * @param name how EXPLAIN, progress reports and late-row records name it
 * @param factory makes a fresh operator instance each time the query starts
 * @param inputs where each of its inputs comes from, in input order; each refers to a source or
 *     to an operator earlier in the graph's list
 */
public record OperatorNode(String name, Supplier<Operator> factory, List<NodeRef> inputs) {}
