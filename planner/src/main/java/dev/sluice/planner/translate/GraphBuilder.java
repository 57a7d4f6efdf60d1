package dev.sluice.planner.translate;

import dev.sluice.planner.SourceProvider;
import dev.sluice.planner.calcite.SluiceTypeFactory;
import dev.sluice.planner.calcite.TypeMapping;
import dev.sluice.planner.catalog.ColumnInfo;
import dev.sluice.planner.catalog.TableDefinition;
import dev.sluice.planner.catalog.WatermarkInfo;
import dev.sluice.planner.codegen.ExpressionCompiler;
import dev.sluice.planner.physical.Changelog;
import dev.sluice.planner.physical.PhysicalNode;
import dev.sluice.planner.physical.PhysicalVisitor;
import dev.sluice.planner.physical.StateTtl;
import dev.sluice.planner.physical.StreamCalc;
import dev.sluice.planner.physical.StreamGroupAggregate;
import dev.sluice.planner.physical.StreamJoin;
import dev.sluice.planner.physical.StreamTopN;
import dev.sluice.planner.physical.StreamStaticJoin;
import dev.sluice.planner.physical.StreamDeduplicate;
import dev.sluice.planner.physical.StreamScan;
import dev.sluice.planner.physical.StreamUnion;
import dev.sluice.planner.physical.StreamUnnest;
import dev.sluice.planner.physical.StreamEmpty;
import dev.sluice.planner.physical.StreamNotNullEnforcer;
import dev.sluice.planner.physical.StreamSessionAggregate;
import dev.sluice.planner.physical.StreamWindowTableFunction;
import dev.sluice.runtime.aggregate.AggregateCall;
import dev.sluice.runtime.function.CalcFunction;
import dev.sluice.runtime.function.WatermarkFunction;
import dev.sluice.runtime.graph.NodeRef;
import dev.sluice.runtime.graph.OperatorNode;
import dev.sluice.runtime.graph.SourceNode;
import dev.sluice.runtime.operator.CalcOperator;
import dev.sluice.runtime.operator.NotNullEnforcerOperator;
import dev.sluice.runtime.operator.GroupAggregateOperator;
import dev.sluice.runtime.operator.LongKeyGroupAggregateOperator;
import dev.sluice.runtime.operator.UnionOperator;
import dev.sluice.runtime.operator.UnnestOperator;
import dev.sluice.runtime.operator.TopNOperator;
import dev.sluice.runtime.operator.StaticJoinOperator;
import dev.sluice.runtime.operator.DeduplicateOperator;
import dev.sluice.runtime.operator.EarliestRowOperator;
import dev.sluice.runtime.operator.StreamJoinOperator;
import dev.sluice.runtime.operator.SessionWindowAggregateOperator;
import dev.sluice.runtime.operator.WindowAggregateOperator;
import dev.sluice.runtime.operator.WindowAssignerOperator;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.TypeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;

/**
 * Turns a physical plan into the runtime's operator graph: every node becomes a source or an
 * operator factory, every expression compiled bytecode.
 */
public final class GraphBuilder implements PhysicalVisitor<NodeRef> {
  private final SourceProvider sources;
  private final RexBuilder rexBuilder = new RexBuilder(SluiceTypeFactory.INSTANCE);
  private final List<SourceNode> sourceNodes = new ArrayList<>();
  private final List<OperatorNode> operatorNodes = new ArrayList<>();
  /** What each distinct subtree became, by its digest. */
  private final Map<String, NodeRef> built = new HashMap<>();
  private final Map<PhysicalNode, String> digests = new IdentityHashMap<>();

  public GraphBuilder(SourceProvider sources) {
    this.sources = sources;
  }

  /**
   * The source or operator computing {@code node}, built once per distinct subtree: a table read
   * twice (both sides of a self-join, two views of one table) has one source, and the same
   * aggregation on both sides of a join runs once, as Flink's sub-plan reuse does. Equal subtrees
   * compute equal changes, so sharing them changes no result, only the work.
   */
  public NodeRef build(PhysicalNode node) {
    String digest = digest(node);
    NodeRef ref = built.get(digest);
    if (ref == null) {
      ref = node.accept(this);
      built.put(digest, ref);
    }
    return ref;
  }

  /** A node with its inputs as EXPLAIN shows them, with the columns each produces. */
  private String digest(PhysicalNode node) {
    String digest = digests.get(node);
    if (digest == null) {
      StringBuilder sb = new StringBuilder(node.getClass().getSimpleName()).append(':').append(node.explain())
          .append(" state=").append(node.state()).append(" type=").append(node.rowType().getFullTypeString()).append(" inputs=[");
      for (PhysicalNode input : node.inputs()) sb.append(digest(input)).append(", ");
      digest = sb.append(']').toString();
      digests.put(node, digest);
    }
    return digest;
  }

  public List<SourceNode> sourceNodes() {
    return sourceNodes;
  }

  public List<OperatorNode> operatorNodes() {
    return operatorNodes;
  }

  private NodeRef add(String name, java.util.function.Supplier<dev.sluice.runtime.operator.Operator> factory, List<NodeRef> inputs) {
    operatorNodes.add(new OperatorNode(name + "#" + operatorNodes.size(), factory, inputs));
    return NodeRef.operator(operatorNodes.size() - 1);
  }

  @Override
  public NodeRef visit(StreamScan scan) {
    TableDefinition table = scan.table();
    sourceNodes.add(new SourceNode(table.name(), () -> sources.open(table), computedColumns(table), watermark(table), table.bounded()));
    return NodeRef.source(sourceNodes.size() - 1);
  }

  /** Appends computed columns to the stored ones, in declared order; null when there are none. */
  private CalcFunction computedColumns(TableDefinition table) {
    if (!table.hasComputedColumns()) return null;
    RelDataTypeFactory.Builder stored = SluiceTypeFactory.INSTANCE.builder();
    for (ColumnInfo c : table.storedColumns()) stored.add(c.name(), c.type());
    RelDataType storedType = stored.build();
    List<String> expressions = new ArrayList<>();
    for (ColumnInfo c : table.columns()) {
      if (c.isComputed()) expressions.add(c.expression());
    }
    List<RexNode> resolved = ExpressionResolver.resolve(storedType, expressions, null);
    List<RexNode> projects = new ArrayList<>();
    int storedIndex = 0;
    int computedIndex = 0;
    for (ColumnInfo c : table.columns()) {
      projects.add(c.isComputed() ? resolved.get(computedIndex++) : rexBuilder.makeInputRef(storedType, storedIndex++));
    }
    List<String> names = table.columns().stream().map(ColumnInfo::name).toList();
    return ExpressionCompiler.compile(storedType, projects, names, null, rexBuilder);
  }

  /**
   * The usual {@code ts - INTERVAL ...} reads the column and subtracts: it runs for every row read,
   * and a compiled projection allocated a row and a boxed long each time.
   */
  private WatermarkFunction watermark(TableDefinition table) {
    WatermarkInfo watermark = table.watermark();
    if (watermark == null) return null;
    if (watermark.delayMillis() >= 0) {
      return new WatermarkFunction.BoundedDelay(table.columns().indexOf(table.column(watermark.column())), watermark.delayMillis());
    }
    RelDataType rowType = table.rowType(SluiceTypeFactory.INSTANCE);
    List<RexNode> expression = ExpressionResolver.resolve(rowType, List.of(watermark.expression()), null);
    return WatermarkFunction.of(ExpressionCompiler.compile(rowType, expression, null, rexBuilder));
  }

  @Override
  public NodeRef visit(StreamCalc calc) {
    NodeRef input = build(calc.input());
    CalcFunction function = ExpressionCompiler.compile(calc.program(), rexBuilder);
    return add("StreamCalc", () -> new CalcOperator(function), List.of(input));
  }

  @Override
  public NodeRef visit(StreamUnnest unnest) {
    NodeRef input = build(unnest.input());
    CalcFunction collection = ExpressionCompiler.compile(unnest.input().rowType(), List.of(unnest.collection()), null, rexBuilder);
    boolean elementIsRow = unnest.elementIsRow();
    boolean ordinality = unnest.withOrdinality();
    return add("StreamUnnest", () -> new UnnestOperator(collection, elementIsRow, ordinality), List.of(input));
  }

  /** A union of no inputs: an operator nothing feeds, so it never emits. */
  @Override
  public NodeRef visit(StreamEmpty empty) {
    return add("StreamEmpty", UnionOperator::new, List.of());
  }

  @Override
  public NodeRef visit(StreamNotNullEnforcer enforcer) {
    NodeRef input = build(enforcer.input());
    int[] columns = enforcer.columns();
    String[] columnNames = enforcer.columnNames().toArray(new String[0]);
    return add("StreamNotNullEnforcer", () -> new NotNullEnforcerOperator(enforcer.table(), columns, columnNames, enforcer.drop()),
        List.of(input));
  }

  @Override
  public NodeRef visit(StreamUnion union) {
    List<NodeRef> inputs = new ArrayList<>();
    for (PhysicalNode input : union.inputs()) inputs.add(build(input));
    return add("StreamUnion", UnionOperator::new, inputs);
  }

  @Override
  public NodeRef visit(StreamGroupAggregate aggregate) {
    int[] keys = aggregate.groupKeys();
    AggregateCall[] calls = aggregate.calls().toArray(new AggregateCall[0]);
    int timeKey = aggregate.timeKey();
    boolean evict = aggregate.dropLateAndEvict();
    boolean finalOnly = aggregate.emitFinalOnly();
    long timeOffset = aggregate.timeOffset();
    // The same aggregation in primitive state when it can; which operator runs is no part of the plan, so EXPLAIN is the same either way.
    if (aggregate.input() instanceof StreamWindowTableFunction window && evict && finalOnly && window.dropLateWindows()
        && window.input().changelog() == Changelog.INSERT_ONLY) {
      List<TypeKind> inputKinds = columnKinds(window.input());
      if (WindowAggregateOperator.handles(keys, timeKey, timeOffset, window.size(), calls, inputKinds)) {
        NodeRef input = build(window.input());
        int time = window.timeColumn();
        long size = window.size();
        long slide = window.slide();
        long offset = window.offset();
        int width = inputKinds.size();
        TypeKind keyKind = null;
        for (int key : keys) {
          if (key < width) keyKind = inputKinds.get(key);
        }
        TypeKind kind = keyKind;
        return add("StreamGroupAggregate", () -> new WindowAggregateOperator(time, size, slide, offset, width, keys, kind, calls), List.of(input));
      }
    }
    NodeRef input = build(aggregate.input());
    List<TypeKind> columnKinds = columnKinds(aggregate.input());
    boolean byClock = aggregate.evictByProcessingTime();
    StateTtl ttl = aggregate.ttl();
    if (!ttl.applies() && LongKeyGroupAggregateOperator.handles(keys, calls, timeKey, columnKinds)) {
      int keyColumn = keys[0];
      TypeKind keyKind = columnKinds.get(keyColumn);
      return add("StreamGroupAggregate", () -> new LongKeyGroupAggregateOperator(keyColumn, keyKind, calls), List.of(input));
    }
    return add("StreamGroupAggregate", () -> new GroupAggregateOperator(keys, calls, timeKey, timeOffset, evict, finalOnly, byClock)
        .withTtl(ttl.timeColumn(), ttl.millis()), List.of(input));
  }

  private static List<TypeKind> columnKinds(PhysicalNode node) {
    List<TypeKind> kinds = new ArrayList<>();
    for (Field field : TypeMapping.toSchema(node.rowType()).fields()) kinds.add(field.type().kind());
    return kinds;
  }

  @Override
  public NodeRef visit(StreamJoin join) {
    NodeRef left = build(join.left());
    NodeRef right = build(join.right());
    int[] leftKeys = join.leftKeys();
    int[] rightKeys = join.rightKeys();
    int leftWidth = join.left().rowType().getFieldCount();
    int rightWidth = join.right().rowType().getFieldCount();
    CalcFunction condition = ExpressionCompiler.compile(join.rowType(), List.of(rexBuilder.makeLiteral(true)), join.condition(), rexBuilder);
    boolean evict = join.evictByWatermark();
    var bound = join.bound();
    int[] times = bound == null ? new int[] {-1, -1} : new int[] {bound.leftTime(), bound.rightTime()};
    long[] timeOffsets = bound == null ? new long[] {0, 0} : new long[] {bound.leftTimeOffset(), bound.rightTimeOffset()};
    int[] expiry = bound == null ? new int[] {-1, -1} : new int[] {bound.leftExpiry(), bound.rightExpiry()};
    long[] expiryOffsets = bound == null ? new long[] {0, 0} : new long[] {bound.leftExpiryOffset(), bound.rightExpiryOffset()};
    int[] ttlColumns = {join.leftTtl().timeColumn(), join.rightTtl().timeColumn()};
    long[] ttlMillis = {join.leftTtl().millis(), join.rightTtl().millis()};
    var type = join.joinType();
    boolean[] outer = {type.generatesNullsOnRight(), type.generatesNullsOnLeft()};
    return add("StreamJoin", () -> new StreamJoinOperator(leftKeys, rightKeys, leftWidth, rightWidth, condition, evict, times, timeOffsets,
        expiry, expiryOffsets, outer).withTtl(ttlColumns, ttlMillis),
        List.of(left, right));
  }

  @Override
  public NodeRef visit(StreamStaticJoin join) {
    NodeRef left = build(join.inputs().get(0));
    NodeRef right = build(join.inputs().get(1));
    int staticInput = join.staticInput();
    int[] streamKeys = staticInput == 1 ? join.leftKeys() : join.rightKeys();
    int[] staticKeys = staticInput == 1 ? join.rightKeys() : join.leftKeys();
    int leftWidth = join.inputs().get(0).rowType().getFieldCount();
    int rightWidth = join.inputs().get(1).rowType().getFieldCount();
    CalcFunction condition = ExpressionCompiler.compile(join.rowType(), List.of(rexBuilder.makeLiteral(true)), join.condition(), rexBuilder);
    boolean outer = join.joinType() != org.apache.calcite.rel.core.JoinRelType.INNER;
    return add("StreamStaticJoin", () -> new StaticJoinOperator(staticInput, streamKeys, staticKeys, leftWidth, rightWidth, condition, outer),
        List.of(left, right));
  }

  @Override
  public NodeRef visit(StreamTopN topN) {
    NodeRef input = build(topN.input());
    int[] partition = topN.partitionKeys();
    var order = RowOrder.of(topN.order());
    int limit = topN.limit();
    StateTtl ttl = topN.ttl();
    return add("StreamTopN", () -> new TopNOperator(partition, order, limit, ttl.timeColumn(), ttl.millis()), List.of(input));
  }

  @Override
  public NodeRef visit(StreamDeduplicate deduplicate) {
    NodeRef input = build(deduplicate.input());
    int[] keys = deduplicate.keys();
    int timeKey = deduplicate.timeKey();
    StateTtl ttl = deduplicate.ttl();
    int orderTime = deduplicate.orderTime();
    if (orderTime >= 0) {
      boolean finalOnly = deduplicate.emitFinalOnly();
      long timeKeyOffset = timeKey < 0 ? 0 : deduplicate.input().closingOffset(keys[timeKey]);
      long ttlMillis = ttl.applies() ? ttl.millis() : 0;
      return add("StreamDeduplicate", () -> new EarliestRowOperator(keys, orderTime, timeKey, timeKeyOffset, finalOnly, ttlMillis),
          List.of(input));
    }
    return add("StreamDeduplicate", () -> new DeduplicateOperator(keys, timeKey, ttl.timeColumn(), ttl.millis()), List.of(input));
  }

  @Override
  public NodeRef visit(StreamWindowTableFunction window) {
    NodeRef input = build(window.input());
    int time = window.timeColumn();
    long size = window.size();
    long slide = window.slide();
    long offset = window.offset();
    boolean dropLate = window.dropLateWindows();
    return add("StreamWindowTableFunction", () -> new WindowAssignerOperator(time, size, slide, offset, dropLate), List.of(input));
  }

  @Override
  public NodeRef visit(StreamSessionAggregate session) {
    NodeRef input = build(session.input());
    int[] partition = session.partitionColumns();
    int time = session.timeColumn();
    long gap = session.gap();
    int[] outputKeys = session.outputKeys();
    AggregateCall[] calls = session.calls().toArray(new AggregateCall[0]);
    boolean finalOnly = session.emitFinalOnly();
    boolean evict = session.dropLateAndEvict();
    return add("StreamSessionAggregate",
        () -> new SessionWindowAggregateOperator(partition, time, gap, outputKeys, calls, finalOnly, evict), List.of(input));
  }
}
