package dev.sluice.runtime.exec;

import dev.sluice.runtime.aggregate.AggregateCall;
import dev.sluice.runtime.aggregate.AggregateKind;
import dev.sluice.runtime.checkpoint.CheckpointStore;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.graph.NodeRef;
import dev.sluice.runtime.graph.OperatorNode;
import dev.sluice.runtime.graph.QueryGraph;
import dev.sluice.runtime.graph.ResultSpec;
import dev.sluice.runtime.graph.SourceNode;
import dev.sluice.runtime.operator.DeduplicateOperator;
import dev.sluice.runtime.operator.GroupAggregateOperator;
import dev.sluice.runtime.operator.LateRowHandler;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.spi.Sink;
import dev.sluice.runtime.spi.SinkContext;
import dev.sluice.runtime.spi.Source;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small stateful query built by hand for executor tests: rows {@code (k, v)} from a replayable
 * list, deduplicated on {@code (k, v)}, then counted and summed per {@code k}, in update mode,
 * into a sink that keeps the first delivery of each batch id and notes a redelivery that differs.
 */
final class CheckpointTestQuery {
  private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);

  private CheckpointTestQuery() {}

  /** {@code count} rows; keys and values repeat, so there are duplicates. */
  static List<Object[]> rows(int count, int keys) {
    return rows(count, keys, 37);
  }

  /** {@code count} rows {@code (i % keys, i % values)}. */
  static List<Object[]> rows(int count, int keys, int values) {
    List<Object[]> rows = new ArrayList<>();
    for (long i = 0; i < count; i++) rows.add(new Object[] {i % keys, i % values});
    return rows;
  }

  static QueryGraph graph(List<Object[]> rows, int perTrigger) {
    return graph(() -> new ListSource(rows, perTrigger));
  }

  /** The query over rows {@code (k, v)} that {@code events} makes. */
  static QueryGraph graph(java.util.function.Supplier<Source> events) {
    SourceNode source = new SourceNode("events", events, null, null, false);
    OperatorNode dedup = new OperatorNode("StreamDeduplicate#0", () -> new DeduplicateOperator(new int[] {0, 1}, -1), List.of(NodeRef.source(0)));
    AggregateCall count = new AggregateCall(AggregateKind.COUNT_STAR, -1, false, -1, BIGINT, false);
    AggregateCall sum = new AggregateCall(AggregateKind.SUM, 1, false, -1, BIGINT, false);
    OperatorNode aggregate = new OperatorNode("StreamGroupAggregate#1",
        () -> new GroupAggregateOperator(new int[] {0}, new AggregateCall[] {count, sum}, -1, 0, false, false), List.of(NodeRef.operator(0)));
    Schema schema = new Schema(List.of(new Field("k", BIGINT), new Field("cnt", BIGINT), new Field("total", BIGINT)));
    ResultSpec result = new ResultSpec(schema, OutputMode.UPDATE, new int[] {0}, null, -1, true);
    return new QueryGraph(List.of(source), List.of(dedup, aggregate), NodeRef.operator(1), result, "test-fingerprint");
  }

  /** Starts the query with a manual trigger: batches run in {@link QueryExecution#processAllAvailable()}. */
  static QueryExecution start(List<Object[]> rows, int perTrigger, IdempotentSink sink, CheckpointStore store) throws Exception {
    MicroBatchExecutor executor = new MicroBatchExecutor("q1", "test query", graph(rows, perTrigger), sink, store, LateRowHandler.DISCARD);
    QueryExecution execution = new QueryExecution("q1", executor, new Trigger.Manual());
    execution.start();
    return execution;
  }

  /** The query's output with no checkpoint and no interruption. */
  static Map<Long, List<String>> uninterrupted(List<Object[]> rows, int perTrigger) throws Exception {
    IdempotentSink sink = new IdempotentSink();
    QueryExecution execution = start(rows, perTrigger, sink, null);
    execution.processAllAvailable();
    execution.stop();
    return sink.batches();
  }

  /** A source over a list that only grows: offsets are row counts. */
  private record ListSource(List<Object[]> rows, int perTrigger) implements Source {
    @Override
    public String initialOffset() {
      return "0";
    }

    @Override
    public String latestOffset() {
      return Integer.toString(rows.size());
    }

    @Override
    public String limitOffset(String start, String latest) {
      return Integer.toString(Math.min(Integer.parseInt(latest), Integer.parseInt(start) + perTrigger));
    }

    @Override
    public void read(String start, String end, RowBatch out) {
      for (int i = Integer.parseInt(start); i < Integer.parseInt(end); i++) out.insert(rows.get(i).clone());
    }

    @Override
    public boolean isReplayable() {
      return true;
    }
  }

  /** Keeps the first delivery of each batch id, as an exactly-once sink keyed by batch id does. */
  static final class IdempotentSink implements Sink {
    private final Map<Long, List<String>> batches = new TreeMap<>();
    private final List<String> differingRedeliveries = new ArrayList<>();
    private int redeliveries;

    @Override
    public void open(SinkContext context) {}

    @Override
    public synchronized void write(long batchId, RowBatch rows) {
      List<String> delivered = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) delivered.add(rows.kind(i) + Arrays.toString(rows.row(i)));
      Collections.sort(delivered);
      List<String> first = batches.putIfAbsent(batchId, delivered);
      if (first != null) {
        redeliveries++;
        if (!first.equals(delivered)) differingRedeliveries.add("batch " + batchId + ": first " + first + ", again " + delivered);
      }
    }

    synchronized Map<Long, List<String>> batches() {
      return new TreeMap<>(batches);
    }

    synchronized List<String> differingRedeliveries() {
      return List.copyOf(differingRedeliveries);
    }

    synchronized int redeliveries() {
      return redeliveries;
    }
  }
}
