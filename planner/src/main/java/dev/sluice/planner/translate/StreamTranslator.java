package dev.sluice.planner.translate;

import dev.sluice.planner.PlanningException;
import dev.sluice.planner.calcite.CatalogTable;
import dev.sluice.planner.calcite.SluiceTypeFactory;
import dev.sluice.planner.calcite.TypeMapping;
import dev.sluice.planner.catalog.TableDefinition;
import dev.sluice.planner.physical.Changelog;
import dev.sluice.planner.physical.PhysicalNode;
import dev.sluice.planner.physical.StateTtl;
import dev.sluice.planner.physical.StreamCalc;
import dev.sluice.planner.physical.StreamGroupAggregate;
import dev.sluice.planner.physical.StreamJoin;
import dev.sluice.planner.physical.StreamTopN;
import dev.sluice.planner.physical.StreamStaticJoin;
import dev.sluice.planner.physical.StreamDeduplicate;
import dev.sluice.planner.physical.StreamEmpty;
import dev.sluice.planner.physical.TimeBound;
import dev.sluice.planner.physical.StreamScan;
import dev.sluice.planner.physical.StreamUnion;
import dev.sluice.planner.physical.StreamUnnest;
import dev.sluice.planner.physical.StreamSessionAggregate;
import dev.sluice.planner.physical.StreamWindowTableFunction;
import dev.sluice.planner.physical.WindowKind;
import dev.sluice.runtime.aggregate.AggregateCall;
import dev.sluice.runtime.aggregate.AggregateKind;
import dev.sluice.runtime.spi.OutputMode;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Uncollect;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.logical.LogicalCalc;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

/**
 * Translates Calcite's optimized logical plan into Sluice's incremental physical plan for one
 * output mode. The mode matters: an aggregation keyed on event time emits each group once when
 * the watermark closes it in append mode, keeps every group in complete mode, and evicts closed
 * groups in update mode. Constructs with no incremental operator are refused by name.
 */
public final class StreamTranslator {
  private final OutputMode mode;
  private final RexBuilder rexBuilder;
  private final LegacySessionWindows legacySessions;
  /** The {@code 'state.ttl'} in milliseconds, 0 for none; complete mode keeps everything regardless. */
  private final long stateTtl;

  public StreamTranslator(OutputMode mode, RexBuilder rexBuilder, long stateTtlMillis) {
    this.mode = mode;
    this.rexBuilder = rexBuilder;
    this.stateTtl = mode == OutputMode.COMPLETE ? 0 : stateTtlMillis;
    this.legacySessions = new LegacySessionWindows(this, rexBuilder);
  }

  public PhysicalNode translate(RelNode rel) {
    return translate(rel, false);
  }

  /**
   * Whether {@code node} can never have a row: rows only come from tables, so a node fed by empty
   * streams alone has none either. A global aggregation is the exception: over nothing it is one row.
   */
  private static boolean neverHasRows(PhysicalNode node) {
    if (node instanceof StreamEmpty) return true;
    if (node instanceof StreamGroupAggregate aggregate && aggregate.groupKeys().length == 0) return false;
    return !node.inputs().isEmpty() && node.inputs().stream().allMatch(StreamTranslator::neverHasRows);
  }

  /**
   * @param dropLateWindows whether window functions reached through projections and unions feed a
   *     windowed aggregation that is not in complete mode, so they drop rows from closed windows
   */
  private PhysicalNode translate(RelNode rel, boolean dropLateWindows) {
    if (rel instanceof TableScan scan) return scan(scan);
    if (rel instanceof LogicalCalc calc && calc.getInput() instanceof Window window) {
      return new StreamCalc(rowNumber(calc, window), calc.getProgram());
    }
    if (rel instanceof Window) {
      throw new PlanningException("OVER windows are supported only as ROW_NUMBER() OVER (PARTITION BY ... ORDER BY ...) filtered "
          + "to the first row (deduplication)");
    }
    if (rel instanceof LogicalCalc calc && groupWindowCall(calc.getProgram()) != null) return groupWindow(calc, dropLateWindows);
    if (rel instanceof LogicalCalc calc) {
      CalcInput input = calcInput(calc, dropLateWindows);
      // A filter over UNNEST's columns is a Calc over the unnest already: one compiled operator does both.
      if (calc.getInput() instanceof Correlate && input.node() instanceof StreamCalc below && below.input() instanceof StreamUnnest) {
        return new StreamCalc(below.input(), RexProgramBuilder.mergePrograms(input.program(), below.program(), rexBuilder));
      }
      return new StreamCalc(input.node(), input.program());
    }
    if (rel instanceof LogicalProject || rel instanceof LogicalFilter) {
      return new StreamCalc(translate(rel.getInput(0), dropLateWindows), program(rel));
    }
    if (rel instanceof TableFunctionScan function) return windowFunction(function, dropLateWindows);
    if (rel instanceof Union union) return union(union, dropLateWindows);
    if (rel instanceof Aggregate aggregate) return aggregate(aggregate);
    if (rel instanceof Correlate correlate) return unnest(correlate);
    if (rel instanceof Join join) return join(join);
    if (rel instanceof Values values && values.getTuples().isEmpty()) return new StreamEmpty(values.getRowType());
    if (rel instanceof Values) {
      throw new PlanningException("A continuous query must read a table: VALUES alone, or a query without FROM, is not a stream");
    }
    throw unsupported(rel);
  }

  /** A Calc's input, translated, and the Calc's program over the columns of that translation. */
  record CalcInput(PhysicalNode node, RexProgram program) {}

  /**
   * The input of {@code calc} and its program. The program is the Calc's own except over an
   * aggregation grouped by a legacy {@code SESSION(ts, gap)}, whose one session key column
   * becomes the session's bounds ({@link LegacySessionWindows}).
   */
  CalcInput calcInput(LogicalCalc calc, boolean dropLateWindows) {
    if (calc.getInput() instanceof Aggregate aggregate && LegacySessionWindows.groupsBySession(aggregate)) {
      checkSimpleGroup(aggregate);
      return legacySessions.translate(aggregate, calc.getProgram());
    }
    if (LegacySessionWindows.readsSessionBounds(calc.getProgram())) {
      throw new PlanningException("SESSION_END and SESSION_ROWTIME are supported only in the SELECT and HAVING clauses of the query "
          + "whose GROUP BY has SESSION(ts, gap)");
    }
    return new CalcInput(translate(calc.getInput(), dropLateWindows), calc.getProgram());
  }

  static PlanningException unsupported(RelNode rel) {
    String name = switch (rel.getRelTypeName().replace("Logical", "")) {
      case "Minus" -> "EXCEPT";
      case "Intersect" -> "INTERSECT";
      case "Sort" -> "ORDER BY or LIMIT inside a subquery";
      case "TableFunctionScan" -> "This table function";
      case "Match" -> "MATCH_RECOGNIZE";
      default -> rel.getRelTypeName().replace("Logical", "");
    };
    return new PlanningException(name + " is not supported in a continuous query yet");
  }

  private PhysicalNode scan(TableScan scan) {
    CatalogTable table = scan.getTable().unwrap(CatalogTable.class);
    if (table == null) throw unsupported(scan);
    TableDefinition definition = table.definition();
    int eventTime = -1;
    if (definition.watermark() != null) {
      eventTime = scan.getRowType().getFieldNames().indexOf(definition.column(definition.watermark().column()).name());
    }
    return new StreamScan(scan.getRowType(), definition, eventTime);
  }

  private PhysicalNode union(Union union, boolean dropLateWindows) {
    if (!union.all) {
      throw new PlanningException("UNION without ALL should have been rewritten to an aggregation; use UNION ALL");
    }
    List<PhysicalNode> inputs = new ArrayList<>();
    for (RelNode input : union.getInputs()) {
      PhysicalNode translated = translate(input, dropLateWindows);
      // A branch that can never have a row adds none, and must not take the event time away from the others'.
      if (!neverHasRows(translated)) inputs.add(castTo(translated, union.getRowType()));
    }
    if (inputs.isEmpty()) return new StreamEmpty(union.getRowType());
    if (inputs.size() == 1) return inputs.get(0);
    return new StreamUnion(union.getRowType(), inputs);
  }

  /**
   * The input with each column cast to the union's type where they differ (an INT branch of a
   * BIGINT union column), so every row of a column holds values of one Java class.
   */
  private PhysicalNode castTo(PhysicalNode input, RelDataType type) {
    List<RexNode> projects = new ArrayList<>();
    boolean changed = false;
    for (int i = 0; i < type.getFieldCount(); i++) {
      RelDataType from = input.rowType().getFieldList().get(i).getType();
      RelDataType to = type.getFieldList().get(i).getType();
      RexNode ref = rexBuilder.makeInputRef(input.rowType(), i);
      if (from.getSqlTypeName() != to.getSqlTypeName() || from.getPrecision() != to.getPrecision() || from.getScale() != to.getScale()) {
        projects.add(rexBuilder.makeCast(to, ref, true));
        changed = true;
      } else {
        projects.add(ref);
      }
    }
    if (!changed) return input;
    return new StreamCalc(input, RexProgram.create(input.rowType(), projects, null, type, rexBuilder));
  }

  private static void checkSimpleGroup(Aggregate aggregate) {
    if (aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
      throw new PlanningException("GROUPING SETS, ROLLUP and CUBE are not supported in a continuous query");
    }
  }

  private PhysicalNode aggregate(Aggregate aggregate) {
    checkSimpleGroup(aggregate);
    if (aggregate.getInput() instanceof TableFunctionScan function && windowKind(function) == WindowKind.SESSION) {
      return sessionAggregate(aggregate, function);
    }
    if (LegacySessionWindows.groupsBySession(aggregate)) return legacySessions.translate(aggregate);
    PhysicalNode input = translate(aggregate.getInput());
    boolean retractable = input.changelog() == Changelog.UPDATING;
    int[] keys = aggregate.getGroupSet().toArray();
    // Over no rows a grouped or windowed aggregation has no group, and nothing to wait for: it is empty at once. Complete
    // mode keeps the aggregation, which is what lets that mode run.
    if (keys.length > 0 && mode != OutputMode.COMPLETE && neverHasRows(input)) return new StreamEmpty(aggregate.getRowType());
    List<AggregateCall> calls = calls(aggregate, retractable);
    List<String> names = callNames(aggregate);
    // The key that closes first decides when a group is final: a window end or an event time (offset 0) before a window start.
    int timeKey = -1;
    long timeOffset = PhysicalNode.NOT_EVENT_TIME;
    for (int i = 0; i < keys.length; i++) {
      long offset = input.closingOffset(keys[i]);
      if (offset != PhysicalNode.NOT_EVENT_TIME && (timeKey < 0 || offset < timeOffset)) {
        timeKey = i;
        timeOffset = offset;
      }
    }
    boolean bounded = timeKey >= 0 && !retractable;
    if (bounded && mode != OutputMode.COMPLETE) input = translate(aggregate.getInput(), true);
    // SELECT DISTINCT emits a group at first sight and never changes it, so it needs no watermark to be final.
    boolean distinct = calls.isEmpty() && !retractable;
    boolean finalOnly = mode == OutputMode.APPEND && bounded && !distinct;
    boolean evict = mode != OutputMode.COMPLETE && bounded;
    // Without one, a key over processing time (a window over PROCTIME()) closes by the wall clock: a row's
    // window is computed as it arrives, so none can enter a window that ended before its batch.
    boolean byClock = false;
    if (timeKey < 0 && !retractable && mode != OutputMode.COMPLETE) {
      for (int i = 0; i < keys.length; i++) {
        long offset = input.processingTimeClosingOffset(keys[i]);
        if (offset != PhysicalNode.NOT_EVENT_TIME && (timeKey < 0 || offset < timeOffset)) {
          timeKey = i;
          timeOffset = offset;
          byClock = true;
        }
      }
    }
    StateTtl ttl = StateTtl.NONE;
    if (!evict && !byClock && stateTtl > 0) {
      input = withEventTime(input);
      ttl = StateTtl.of(input, stateTtl);
    }
    return new StreamGroupAggregate(aggregate.getRowType(), input, keys, calls, names, timeKey, Math.max(timeOffset, 0), finalOnly, evict,
        byClock, ttl);
  }

  /**
   * {@code input}, with its input's event-time column passed through last when it is a projection
   * that dropped it: an aggregation reads only its keys and arguments, but a {@code 'state.ttl'}
   * ages each group by its rows' event time.
   */
  private PhysicalNode withEventTime(PhysicalNode input) {
    if (StateTtl.timeColumn(input) >= 0 || !(input instanceof StreamCalc calc)) return input;
    int time = StateTtl.timeColumn(calc.input());
    if (time < 0) return input;
    RexProgramBuilder program = RexProgramBuilder.forProgram(calc.program(), rexBuilder, false);
    RelDataType inputType = calc.input().rowType();
    program.addProject(rexBuilder.makeInputRef(inputType, time), inputType.getFieldNames().get(time));
    return new StreamCalc(calc.input(), program.getProgram(false));
  }

  static List<AggregateCall> calls(Aggregate aggregate, boolean retractable) {
    List<AggregateCall> calls = new ArrayList<>();
    for (org.apache.calcite.rel.core.AggregateCall call : aggregate.getAggCallList()) {
      calls.add(new AggregateCall(kind(call), call.getArgList().isEmpty() ? -1 : call.getArgList().get(0), call.isDistinct(),
          call.filterArg, TypeMapping.toDataType(call.getType()), retractable));
    }
    return calls;
  }

  static List<String> callNames(Aggregate aggregate) {
    List<String> names = new ArrayList<>();
    for (org.apache.calcite.rel.core.AggregateCall call : aggregate.getAggCallList()) names.add(describe(call, aggregate.getInput().getRowType()));
    return names;
  }

  private static WindowKind windowKind(TableFunctionScan function) {
    if (!(function.getCall() instanceof RexCall call)) return null;
    return switch (call.getOperator().getName().toUpperCase(java.util.Locale.ROOT)) {
      case "TUMBLE" -> WindowKind.TUMBLE;
      case "HOP" -> WindowKind.HOP;
      case "SESSION" -> WindowKind.SESSION;
      default -> null;
    };
  }

  /**
   * {@code ... WHERE rn = 1} over {@code ROW_NUMBER() OVER (PARTITION BY k ORDER BY t) AS rn}:
   * deduplication. The row number becomes the constant 1, so the filter above it passes.
   */
  private PhysicalNode rowNumber(LogicalCalc filter, Window window) {
    int inputWidth = window.getInput().getRowType().getFieldCount();
    if (window.groups.size() != 1 || window.groups.get(0).aggCalls.size() != 1
        || window.groups.get(0).aggCalls.get(0).getOperator().getKind() != SqlKind.ROW_NUMBER) {
      throw new PlanningException("OVER windows are supported only as ROW_NUMBER() OVER (PARTITION BY ... ORDER BY ...) filtered "
          + "to the first row (deduplication)");
    }
    Window.Group group = window.groups.get(0);
    RexProgram program = filter.getProgram();
    long limit = program.getCondition() == null ? -1 : rowNumberLimit(program, inputWidth);
    if (limit < 1 || limit > Integer.MAX_VALUE) {
      throw new PlanningException("ROW_NUMBER() is supported in a continuous query only when filtered to its first rows: "
          + "WHERE rn = 1 (deduplication) or WHERE rn <= N (Top-N)");
    }
    PhysicalNode input = translate(window.getInput());
    var order = group.orderKeys.getFieldCollations();
    boolean firstRow = limit == 1 && order.size() == 1 && !order.get(0).getDirection().isDescending();
    int orderColumn = firstRow ? order.get(0).getFieldIndex() : -1;
    // Only processing time makes the first row the first seen; by event time it is the earliest, which a later
    // row can still be while the watermark has not reached it. Complete mode keeps every row on time, so an
    // earlier row can always come: a Top-1 then. Any other order is a Top-N (SEMANTICS.md, output modes).
    boolean bySight = firstRow && input.processingTimeClosingOffset(orderColumn) != PhysicalNode.NOT_EVENT_TIME;
    boolean byEventTime = firstRow && !bySight && mode != OutputMode.COMPLETE && input.closingOffset(orderColumn) == 0;
    if (!bySight && !byEventTime) return topN(input, window, group, (int) limit);
    if (input.changelog() == Changelog.UPDATING) throw new PlanningException("Deduplication of an updating input is not supported");
    int[] keys = group.keys.toArray();
    int timeKey = -1;
    for (int i = 0; i < keys.length && mode != OutputMode.COMPLETE; i++) {
      if (timeKey < 0 && input.closingOffset(keys[i]) == 0) timeKey = i;
    }
    StateTtl ttl = timeKey >= 0 || stateTtl <= 0 ? StateTtl.NONE : byEventTime ? new StateTtl(orderColumn, stateTtl) : StateTtl.of(input, stateTtl);
    PhysicalNode deduplicated = new StreamDeduplicate(input, keys, timeKey, byEventTime ? orderColumn : -1, mode == OutputMode.APPEND, ttl);
    List<RexNode> projects = new ArrayList<>();
    for (int i = 0; i < inputWidth; i++) projects.add(rexBuilder.makeInputRef(window.getInput().getRowType(), i));
    RelDataType rowNumberType = window.getRowType().getFieldList().get(inputWidth).getType();
    projects.add(rexBuilder.makeExactLiteral(java.math.BigDecimal.ONE, rowNumberType));
    return new StreamCalc(deduplicated, RexProgram.create(window.getInput().getRowType(), projects, null, window.getRowType(), rexBuilder));
  }

  /** {@code ROW_NUMBER() ... <= N} with any order over {@code input}: the best N rows per partition, ranks updating as rows arrive. */
  private PhysicalNode topN(PhysicalNode input, Window window, Window.Group group, int limit) {
    if (input.changelog() == Changelog.UPDATING) throw new PlanningException("Top-N over an updating input is not supported yet");
    if (group.orderKeys.getFieldCollations().isEmpty()) throw new PlanningException("A Top-N needs ORDER BY in its OVER clause");
    return new StreamTopN(window.getRowType(), input, group.keys.toArray(), group.orderKeys.getFieldCollations(), limit,
        StateTtl.of(input, stateTtl));
  }

  /** N of a condition {@code rn = N}, {@code rn <= N} or {@code rn < N + 1} on the row-number column, or -1. */
  private static long rowNumberLimit(RexProgram program, int column) {
    RexNode condition = program.expandLocalRef(program.getCondition());
    for (RexNode conjunct : org.apache.calcite.plan.RelOptUtil.conjunctions(condition)) {
      if (conjunct instanceof RexCall call && call.getOperands().size() == 2
          && call.getOperands().get(0) instanceof org.apache.calcite.rex.RexInputRef ref && ref.getIndex() == column
          && call.getOperands().get(1) instanceof RexLiteral literal) {
        long n = literal.getValueAs(Long.class);
        switch (call.getKind()) {
          case EQUALS, LESS_THAN_OR_EQUAL -> {
            return n;
          }
          case LESS_THAN -> {
            return n - 1;
          }
          default -> {}
        }
      }
    }
    return -1;
  }

  private PhysicalNode join(Join join) {
    JoinRelType type = join.getJoinType();
    if (type != JoinRelType.INNER && type != JoinRelType.LEFT && type != JoinRelType.RIGHT && type != JoinRelType.FULL) {
      throw new PlanningException(type + " joins are not supported in a continuous query; use INNER, LEFT, RIGHT or FULL joins");
    }
    PhysicalNode left = translate(join.getLeft());
    PhysicalNode right = translate(join.getRight());
    if (neverHasRows(left) || neverHasRows(right)) return joinWithAnEmptySide(join, left, right);
    if (left.changelog() == Changelog.UPDATING || right.changelog() == Changelog.UPDATING) {
      throw new PlanningException("Joining the result of an aggregation (an updating stream) is not supported yet; "
          + "join the streams first and aggregate the join's result, or join windowed aggregates in append mode");
    }
    JoinInfo info = join.analyzeCondition();
    boolean leftStatic = isStatic(left);
    boolean rightStatic = isStatic(right);
    if (leftStatic != rightStatic) return staticJoin(join, left, right, rightStatic ? 1 : 0, info);
    TimeBound bound = TimeBounds.find(join.getCondition(), left, right);
    boolean outerSidesExpire = bound != null && (!type.generatesNullsOnRight() || bound.leftExpires())
        && (!type.generatesNullsOnLeft() || bound.rightExpires());
    if (type != JoinRelType.INNER && !outerSidesExpire) {
      throw new PlanningException("A " + type.lowerName + " outer join of two streams needs a watermark on both sides and a time bound "
          + "between their event times (l.ts BETWEEN r.ts - INTERVAL ... AND r.ts + INTERVAL ...): without them no row could ever be "
          + "known to have no match, so its NULL-padded row could never be emitted. Add both, or use an inner join.");
    }
    StateTtl leftTtl = bound != null && bound.leftExpires() ? StateTtl.NONE : StateTtl.of(left, stateTtl);
    StateTtl rightTtl = bound != null && bound.rightExpires() ? StateTtl.NONE : StateTtl.of(right, stateTtl);
    return new StreamJoin(join.getRowType(), left, right, type, info.leftKeys.toIntArray(), info.rightKeys.toIntArray(), join.getCondition(),
        bound, bound != null && (bound.leftExpires() || bound.rightExpires()), leftTtl, rightTtl);
  }

  /**
   * A join one of whose sides can never have a row: empty when that side must match (an inner
   * join, or the side an outer join preserves), otherwise the preserved side's rows padded with
   * NULLs. No match can ever arrive for them, so each padded row is final as its row comes, in
   * every output mode, as the batch join of the same rows says.
   */
  private PhysicalNode joinWithAnEmptySide(Join join, PhysicalNode left, PhysicalNode right) {
    JoinRelType type = join.getJoinType();
    boolean keepsLeft = neverHasRows(right) && !neverHasRows(left) && type.generatesNullsOnRight();
    boolean keepsRight = neverHasRows(left) && !neverHasRows(right) && type.generatesNullsOnLeft();
    if (!keepsLeft && !keepsRight) return new StreamEmpty(join.getRowType());
    PhysicalNode preserved = keepsLeft ? left : right;
    int leftWidth = left.rowType().getFieldCount();
    List<RexNode> projects = new ArrayList<>();
    List<org.apache.calcite.rel.type.RelDataTypeField> fields = join.getRowType().getFieldList();
    for (int i = 0; i < fields.size(); i++) {
      RelDataType columnType = fields.get(i).getType();
      boolean fromPreserved = keepsLeft == (i < leftWidth);
      if (!fromPreserved) {
        projects.add(rexBuilder.makeNullLiteral(columnType));
        continue;
      }
      RexNode ref = rexBuilder.makeInputRef(preserved.rowType(), keepsLeft ? i : i - leftWidth);
      projects.add(ref.getType().equals(columnType) ? ref : rexBuilder.makeCast(columnType, ref, true));
    }
    return new StreamCalc(preserved, RexProgram.create(preserved.rowType(), projects, null, join.getRowType(), rexBuilder));
  }

  /** The legacy group-window call ($TUMBLE, $HOP or $SESSION) a Calc computes, or null. */
  private static RexCall groupWindowCall(RexProgram program) {
    for (RexNode e : program.getExprList()) {
      if (e instanceof RexCall call && (call.getKind() == SqlKind.TUMBLE || call.getKind() == SqlKind.HOP || call.getKind() == SqlKind.SESSION)) {
        return call;
      }
    }
    return null;
  }

  /**
   * The legacy {@code GROUP BY TUMBLE(ts, size)} / {@code HOP(ts, slide, size)}: Calcite computes
   * the group key with {@code $TUMBLE(ts, size)} in the Calc below the aggregation and derives
   * {@code TUMBLE_END} as key + size. The same as the table function: a window assigner under
   * the Calc, whose call becomes a reference to {@code window_start}.
   */
  private PhysicalNode groupWindow(LogicalCalc calc, boolean dropLateWindows) {
    if (groupWindowCall(calc.getProgram()).getKind() == SqlKind.SESSION) {
      // An aggregation grouped by SESSION(ts, gap) translates the Calc below it itself (LegacySessionWindows).
      throw new PlanningException("SESSION(ts, gap) is supported only as a key of the GROUP BY right above it");
    }
    CalcInput calcInput = calcInput(calc, dropLateWindows);
    RexProgram program = calcInput.program();
    RexCall call = groupWindowCall(program);
    PhysicalNode input = calcInput.node();
    RelDataType inputType = input.rowType();
    int inputWidth = inputType.getFieldCount();
    List<RexNode> operands = call.getOperands().stream().map(o -> o instanceof org.apache.calcite.rex.RexLocalRef l ? program.expandLocalRef(l) : o).toList();
    if (!(operands.get(0) instanceof org.apache.calcite.rex.RexInputRef time)) {
      throw new PlanningException("The time argument of " + call.getOperator().getName() + " must be a column");
    }
    boolean hop = call.getKind() == SqlKind.HOP;
    long slide = intervalMillis(operands.get(1), "window size");
    long size = hop ? intervalMillis(operands.get(2), "window size") : slide;
    int offsetOperand = hop ? 3 : 2;
    long offset = operands.size() > offsetOperand ? intervalMillis(operands.get(offsetOperand), "window offset") : 0;
    checkWindowsPerRow(size, slide);
    RelDataType timestamp = SluiceTypeFactory.INSTANCE.createSqlType(org.apache.calcite.sql.type.SqlTypeName.TIMESTAMP, 3);
    RelDataType windowed = SluiceTypeFactory.INSTANCE.builder().addAll(inputType.getFieldList())
        .add("window_start", timestamp).add("window_end", timestamp).add("window_time", timestamp).build();
    boolean dropLate = dropLateWindows && mode != OutputMode.COMPLETE && input.closingOffset(time.getIndex()) != PhysicalNode.NOT_EVENT_TIME;
    PhysicalNode window = new StreamWindowTableFunction(windowed, input, hop ? WindowKind.HOP : WindowKind.TUMBLE, time.getIndex(), size, slide,
        offset, dropLate);
    RexShuttle toWindowStart = new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall c) {
        if (c.getKind() == call.getKind()) return rexBuilder.makeCast(c.getType(), rexBuilder.makeInputRef(timestamp, inputWidth), true);
        return super.visitCall(c);
      }
    };
    List<RexNode> projects = program.getProjectList().stream().map(r -> program.expandLocalRef(r).accept(toWindowStart)).toList();
    RexNode condition = program.getCondition() == null ? null : program.expandLocalRef(program.getCondition()).accept(toWindowStart);
    return new StreamCalc(window, RexProgram.create(windowed, projects, condition, calc.getRowType(), rexBuilder));
  }

  /** Whether a subtree reads only static tables and keeps no state, so its rows all arrive in the first batch. */
  private static boolean isStatic(PhysicalNode node) {
    if (node instanceof StreamScan scan) return scan.table().bounded();
    if (!(node instanceof StreamCalc || node instanceof StreamUnnest || node instanceof StreamUnion)) return false;
    return node.inputs().stream().allMatch(StreamTranslator::isStatic);
  }

  private PhysicalNode staticJoin(Join join, PhysicalNode left, PhysicalNode right, int staticInput, JoinInfo info) {
    JoinRelType type = join.getJoinType();
    boolean keepsStream = type == JoinRelType.INNER || (staticInput == 1 ? type == JoinRelType.LEFT : type == JoinRelType.RIGHT);
    if (!keepsStream) {
      throw new PlanningException("A " + type.lowerName + " join that keeps the rows of the static table is not supported: a static "
          + "table's unmatched rows are never final while the stream runs. Use an inner join, or an outer join that keeps the stream's rows.");
    }
    return new StreamStaticJoin(join.getRowType(), left, right, staticInput, type, info.leftKeys.toIntArray(), info.rightKeys.toIntArray(),
        join.getCondition());
  }

  /** TUMBLE(TABLE t, DESCRIPTOR(ts), size [, offset]) or HOP(TABLE t, DESCRIPTOR(ts), slide, size [, offset]). */
  private PhysicalNode windowFunction(TableFunctionScan function, boolean dropLateWindows) {
    WindowKind kind = windowKind(function);
    if (kind == null || function.getInputs().size() != 1) throw unsupported(function);
    if (kind == WindowKind.SESSION) {
      throw new PlanningException("SESSION windows must be aggregated directly: SELECT ..., COUNT(*) FROM TABLE(SESSION(...)) "
          + "GROUP BY <session key>, window_start, window_end");
    }
    List<RexNode> operands = ((RexCall) function.getCall()).getOperands();
    PhysicalNode input = translate(function.getInput(0), dropLateWindows);
    int timeColumn = descriptorColumns(operands.get(0))[0];
    long first = intervalMillis(operands.get(1), "window size");
    long size = kind == WindowKind.HOP ? intervalMillis(operands.get(2), "window size") : first;
    long slide = first;
    int offsetOperand = kind == WindowKind.HOP ? 3 : 2;
    long offset = operands.size() > offsetOperand ? intervalMillis(operands.get(offsetOperand), "window offset") : 0;
    if (kind == WindowKind.HOP && size % slide != 0) {
      throw new PlanningException("HOP window size (" + size + " ms) must be a multiple of its slide (" + slide + " ms)");
    }
    checkWindowsPerRow(size, slide);
    boolean dropLate = dropLateWindows && mode != OutputMode.COMPLETE && input.closingOffset(timeColumn) != PhysicalNode.NOT_EVENT_TIME;
    return new StreamWindowTableFunction(function.getRowType(), input, kind, timeColumn, size, slide, offset, dropLate);
  }

  /** An aggregation straight over SESSION(TABLE t, DESCRIPTOR(ts), DESCRIPTOR(k...), gap): one fused operator. */
  private PhysicalNode sessionAggregate(Aggregate aggregate, TableFunctionScan function) {
    List<RexNode> operands = ((RexCall) function.getCall()).getOperands();
    PhysicalNode input = translate(function.getInput(0));
    int inputWidth = function.getInput(0).getRowType().getFieldCount();
    int timeColumn = descriptorColumns(operands.get(0))[0];
    int[] partition = operands.size() > 2 ? descriptorColumns(operands.get(1)) : new int[0];
    long gap = intervalMillis(operands.get(operands.size() - 1), "session gap");
    int[] keys = aggregate.getGroupSet().toArray();
    int[] outputKeys = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] == inputWidth) outputKeys[i] = StreamSessionAggregate.WINDOW_START;
      else if (keys[i] == inputWidth + 1) outputKeys[i] = StreamSessionAggregate.WINDOW_END;
      else if (keys[i] == inputWidth + 2) outputKeys[i] = StreamSessionAggregate.WINDOW_TIME;
      else {
        int p = indexOf(partition, keys[i]);
        if (p < 0) {
          throw new PlanningException("A SESSION window aggregation may group only by its session key columns and window_start, "
              + "window_end, window_time; '" + function.getRowType().getFieldList().get(keys[i]).getName() + "' is neither");
        }
        outputKeys[i] = p;
      }
    }
    for (org.apache.calcite.rel.core.AggregateCall call : aggregate.getAggCallList()) {
      for (int arg : call.getArgList()) {
        if (arg >= inputWidth) throw new PlanningException("Aggregates over the window columns of a SESSION window are not supported");
      }
    }
    return sessionAggregate(aggregate.getRowType(), input, partition, timeColumn, gap, outputKeys, aggregate);
  }

  /**
   * The fused session aggregation of {@code aggregate}'s calls, whichever form of SESSION it came
   * from. With a watermark on the time column it emits each session once it closes in append mode
   * and evicts closed sessions unless in complete mode.
   */
  PhysicalNode sessionAggregate(RelDataType rowType, PhysicalNode input, int[] partition, int timeColumn, long gap, int[] outputKeys,
      Aggregate aggregate) {
    if (input.changelog() == Changelog.UPDATING) {
      throw new PlanningException("SESSION windows over an updating input are not supported");
    }
    boolean watermarked = input.closingOffset(timeColumn) != PhysicalNode.NOT_EVENT_TIME;
    boolean finalOnly = mode == OutputMode.APPEND && watermarked;
    boolean evict = mode != OutputMode.COMPLETE && watermarked;
    return new StreamSessionAggregate(rowType, input, partition, timeColumn, gap, outputKeys, calls(aggregate, false),
        callNames(aggregate), finalOnly, evict);
  }

  private static int indexOf(int[] values, int value) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] == value) return i;
    }
    return -1;
  }

  private static int[] descriptorColumns(RexNode descriptor) {
    if (descriptor instanceof RexCall call && call.getKind() == SqlKind.DESCRIPTOR) {
      return call.getOperands().stream().mapToInt(o -> ((org.apache.calcite.rex.RexInputRef) o).getIndex()).toArray();
    }
    throw new PlanningException("Expected DESCRIPTOR(column) in a window function, found " + descriptor);
  }

  /**
   * The most windows one row may fall in: a HOP puts each row in size / slide of them, each a copy
   * of the row or an update of its aggregate, so past this a batch runs for hours (a 1 ms slide
   * over a day puts one row in 86,400,000 windows). Flink and Spark set no limit; 10,000 admits a
   * day of 10-second slides or an hour of 1-second ones.
   */
  static final long MAX_WINDOWS_PER_ROW = 10_000;

  /** Refuses a sliding window that would put a row in more than {@link #MAX_WINDOWS_PER_ROW} windows. */
  private static void checkWindowsPerRow(long size, long slide) {
    long windows = (size + slide - 1) / slide;
    if (windows <= MAX_WINDOWS_PER_ROW) return;
    long smallestSlide = (size + MAX_WINDOWS_PER_ROW - 1) / MAX_WINDOWS_PER_ROW;
    throw new PlanningException("A HOP window of size " + size + " ms and slide " + slide + " ms puts every row in " + windows
        + " windows; Sluice allows at most " + MAX_WINDOWS_PER_ROW + " windows per row, since each one costs a copy or an "
        + "update per row and such a batch could not finish. Use a slide of at least " + smallestSlide + " ms for this size, "
        + "or a smaller size.");
  }

  static long intervalMillis(RexNode node, String what) {
    if (node instanceof RexLiteral literal && literal.getType().getSqlTypeName().getFamily() == org.apache.calcite.sql.type.SqlTypeFamily.INTERVAL_DAY_TIME) {
      long millis = literal.getValueAs(Long.class);
      if (millis <= 0) throw new PlanningException("The " + what + " must be positive, not " + millis + " ms");
      return millis;
    }
    throw new PlanningException("The " + what + " must be a constant day-time INTERVAL such as INTERVAL '5' SECOND, not " + node);
  }

  private static String describe(org.apache.calcite.rel.core.AggregateCall call, RelDataType inputType) {
    StringBuilder sb = new StringBuilder(call.getAggregation().getName()).append('(');
    if (call.isDistinct()) sb.append("DISTINCT ");
    if (call.getArgList().isEmpty()) sb.append('*');
    for (int i = 0; i < call.getArgList().size(); i++) {
      if (i > 0) sb.append(", ");
      sb.append(inputType.getFieldList().get(call.getArgList().get(i)).getName());
    }
    sb.append(')');
    if (call.filterArg >= 0) sb.append(" FILTER ").append(inputType.getFieldList().get(call.filterArg).getName());
    return call.name == null ? sb.toString() : sb + " AS " + call.name;
  }

  private static AggregateKind kind(org.apache.calcite.rel.core.AggregateCall call) {
    SqlKind kind = call.getAggregation().getKind();
    if (call.getArgList().size() > 1) {
      throw new PlanningException(call.getAggregation().getName() + " with several arguments is not supported in a continuous query");
    }
    return switch (kind) {
      case COUNT -> call.getArgList().isEmpty() ? AggregateKind.COUNT_STAR : AggregateKind.COUNT;
      case SUM -> AggregateKind.SUM;
      case SUM0 -> AggregateKind.SUM0;
      case MIN -> AggregateKind.MIN;
      case MAX -> AggregateKind.MAX;
      case AVG -> AggregateKind.AVG;
      case SINGLE_VALUE, ANY_VALUE -> AggregateKind.ANY_VALUE;
      default -> throw new PlanningException("The aggregate function " + call.getAggregation().getName()
          + " is not supported in a continuous query; supported: COUNT, COUNT(DISTINCT), SUM, MIN, MAX, AVG");
    };
  }

  /**
   * {@code t CROSS JOIN UNNEST(expr over t's columns)}, as Calcite plans it: a correlate over an
   * uncollect. Calcite puts a condition or an expression over only the unnested columns between
   * the two ({@code WHERE w.x <> 'a'}); it becomes a Calc over the unnest's rows, which hold
   * the row's columns and then the element's.
   */
  private PhysicalNode unnest(Correlate correlate) {
    List<RexProgram> between = new ArrayList<>();
    RelNode right = correlate.getRight();
    while (!(right instanceof Uncollect) && right.getInputs().size() == 1) {
      RexProgram program = program(right);
      if (program == null) break;
      if (!program.isTrivial()) between.add(program);
      right = right.getInput(0);
    }
    if (!(right instanceof Uncollect uncollect) || correlate.getJoinType() != JoinRelType.INNER) {
      throw new PlanningException("Correlated subqueries are not supported in a continuous query; only CROSS JOIN UNNEST(...) is");
    }
    List<RexNode> expressions = projects(uncollect.getInput());
    if (expressions == null || expressions.size() != 1 || !(uncollect.getInput().getInput(0) instanceof Values)) {
      throw new PlanningException("UNNEST supports one array expression over the row it is joined with");
    }
    PhysicalNode left = translate(correlate.getLeft());
    RelDataType leftType = correlate.getLeft().getRowType();
    RexShuttle correlatedToLeft = new RexShuttle() {
      @Override
      public RexNode visitFieldAccess(RexFieldAccess access) {
        if (access.getReferenceExpr() instanceof RexCorrelVariable variable && variable.id.equals(correlate.getCorrelationId())) {
          return rexBuilder.makeInputRef(leftType, access.getField().getIndex());
        }
        return super.visitFieldAccess(access);
      }
    };
    RexNode collection = expressions.get(0).accept(correlatedToLeft);
    RelDataType collectionType = collection.getType();
    boolean elementIsRow = collectionType.getComponentType() != null && collectionType.getComponentType().isStruct();
    if (between.isEmpty()) return new StreamUnnest(correlate.getRowType(), left, collection, elementIsRow, uncollect.withOrdinality);

    RelDataType unnestedType = SqlValidatorUtil.deriveJoinRowType(leftType, uncollect.getRowType(), JoinRelType.INNER,
        SluiceTypeFactory.INSTANCE, null, List.of());
    PhysicalNode unnested = new StreamUnnest(unnestedType, left, collection, elementIsRow, uncollect.withOrdinality);
    return calcOverUnnest(correlate, unnested, between, correlatedToLeft);
  }

  /**
   * The Calc that computes {@code between}, the projections and filters Calcite put between a
   * correlate and its uncollect (the last one nearest the uncollect), over {@code unnested}'s rows:
   * the row's columns, then the element's. A reference to the row itself ({@code
   * correlatedToLeft}) reads the row's columns.
   */
  private PhysicalNode calcOverUnnest(Correlate correlate, PhysicalNode unnested, List<RexProgram> between, RexShuttle correlatedToLeft) {
    RelDataType leftType = correlate.getLeft().getRowType();
    RelDataType unnestedType = unnested.rowType();
    RexProgram merged = between.get(between.size() - 1);
    for (int i = between.size() - 2; i >= 0; i--) merged = RexProgramBuilder.mergePrograms(between.get(i), merged, rexBuilder);
    int leftWidth = leftType.getFieldCount();
    RexShuttle toUnnestedRow = new RexShuttle() {
      @Override
      public RexNode visitInputRef(org.apache.calcite.rex.RexInputRef ref) {
        return rexBuilder.makeInputRef(ref.getType(), leftWidth + ref.getIndex());
      }

      @Override
      public RexNode visitFieldAccess(RexFieldAccess access) {
        RexNode onLeft = access.accept(correlatedToLeft);
        return onLeft == access ? super.visitFieldAccess(access) : onLeft;
      }
    };
    List<RexNode> projects = new ArrayList<>();
    for (int i = 0; i < leftWidth; i++) projects.add(rexBuilder.makeInputRef(leftType, i));
    for (org.apache.calcite.rex.RexLocalRef project : merged.getProjectList()) projects.add(merged.expandLocalRef(project).accept(toUnnestedRow));
    RexNode condition = merged.getCondition() == null ? null : merged.expandLocalRef(merged.getCondition()).accept(toUnnestedRow);
    return new StreamCalc(unnested, RexProgram.create(unnestedType, projects, condition, correlate.getRowType(), rexBuilder));
  }

  /** The program of a projection, a filter or a Calc over its one input; null for anything else. */
  private RexProgram program(RelNode rel) {
    if (rel instanceof LogicalCalc calc) return calc.getProgram();
    if (rel instanceof LogicalProject project) {
      return RexProgram.create(project.getInput().getRowType(), project.getProjects(), null, project.getRowType(), rexBuilder);
    }
    if (rel instanceof LogicalFilter filter) {
      RexProgramBuilder builder = new RexProgramBuilder(filter.getInput().getRowType(), rexBuilder);
      builder.addIdentity();
      builder.addCondition(filter.getCondition());
      return builder.getProgram();
    }
    return null;
  }

  /** The expressions of a projection without filter, as a Project or a Calc; null for anything else. */
  private static List<RexNode> projects(RelNode rel) {
    if (rel instanceof LogicalProject project) return project.getProjects();
    if (rel instanceof LogicalCalc calc && calc.getProgram().getCondition() == null) {
      RexProgram program = calc.getProgram();
      return program.getProjectList().stream().map(program::expandLocalRef).toList();
    }
    return null;
  }
}
