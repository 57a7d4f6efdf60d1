package dev.sluice.bench.jmh;

import dev.sluice.planner.QueryPlanner;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.TableDefinitions;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.graph.NodeRef;
import dev.sluice.runtime.graph.QueryGraph;
import dev.sluice.runtime.operator.Operator;
import dev.sluice.runtime.operator.OperatorContext;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.sql.ast.SourcePosition;
import dev.sluice.sql.StatementParser;
import dev.sluice.sql.ast.CreateTable;
import dev.sluice.sql.ast.Statement;
import java.util.List;

/**
 * A query's operators as the planner builds them, run without sources, sink or executor: the
 * benchmark hands each source's rows in, already in memory, and the operators run in graph order
 * as the executor runs them. What it measures is the engine's own work per row.
 */
final class Pipeline {
  private final QueryGraph graph;
  private final Operator[] operators;
  private final OperatorContext[] contexts;
  private final RowBatch[] outputs;
  private long batchId;

  /** Plans {@code query} over the tables {@code ddl} declares (plain columns, no watermark) in {@code mode}. */
  Pipeline(String ddl, String query, OutputMode mode) {
    Catalog catalog = new Catalog();
    for (Statement statement : StatementParser.parseScript(ddl)) {
      catalog.addTable(TableDefinitions.of((CreateTable) statement), false);
    }
    graph = new QueryPlanner(catalog).plan(query, new SourcePosition(1, 1), mode).toGraph(table -> null);
    int n = graph.operators().size();
    operators = new Operator[n];
    contexts = new OperatorContext[n];
    outputs = new RowBatch[n];
    for (int i = 0; i < n; i++) outputs[i] = new RowBatch(1024);
    reset();
  }

  /** Fresh operators with empty state. */
  void reset() {
    for (int i = 0; i < operators.length; i++) {
      if (operators[i] != null) operators[i].close();
      operators[i] = graph.operators().get(i).factory().get();
      contexts[i] = new OperatorContext(graph.operators().get(i).name());
      operators[i].open(contexts[i]);
    }
  }

  /**
   * One micro-batch: {@code inputs[s]} is what source {@code s} read (null for nothing). Returns
   * the result node's changes, valid until the next call.
   */
  RowBatch run(RowBatch... inputs) {
    batchId++;
    for (int i = 0; i < operators.length; i++) {
      outputs[i].clear();
      contexts[i].startBatch(batchId, OperatorContext.NO_WATERMARK);
      List<NodeRef> refs = graph.operators().get(i).inputs();
      for (int in = 0; in < refs.size(); in++) {
        NodeRef ref = refs.get(in);
        RowBatch batch = ref.isSource() ? inputs[ref.index()] : outputs[ref.index()];
        if (batch != null && !batch.isEmpty()) operators[i].process(in, batch, outputs[i]);
      }
      contexts[i].startWatermarkPhase(OperatorContext.NO_WATERMARK);
      operators[i].finishBatch(outputs[i]);
    }
    NodeRef root = graph.root();
    return root.isSource() ? inputs[root.index()] : outputs[root.index()];
  }

  /** The operators, in graph order. */
  Operator[] operators() {
    return operators;
  }

  long stateRows() {
    long rows = 0;
    for (Operator o : operators) rows += o.stateRows();
    return rows;
  }
}
