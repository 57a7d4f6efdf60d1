package dev.sluice.planner.translate;

import static dev.sluice.planner.calcite.SessionGroupWindowFunctions.END_OF_SESSION;
import static dev.sluice.planner.calcite.SessionGroupWindowFunctions.ROWTIME_OF_SESSION;

import dev.sluice.planner.PlanningException;
import dev.sluice.planner.physical.ExpressionText;
import dev.sluice.planner.physical.PhysicalNode;
import dev.sluice.planner.physical.StreamCalc;
import dev.sluice.planner.physical.StreamSessionAggregate;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.logical.LogicalCalc;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * The legacy group window {@code GROUP BY k, SESSION(ts, gap)} with {@code SESSION_START},
 * {@code SESSION_END} and {@code SESSION_ROWTIME}: the same fused session aggregation as the
 * {@code SESSION(TABLE t, DESCRIPTOR(ts), DESCRIPTOR(k), gap)} table function grouped by {@code k,
 * window_start, window_end}, so it merges, closes, drops late rows and emits alike.
 *
 * <p>Calcite plans it as an aggregation over a Calc that computes {@code $SESSION(ts, gap)} as one
 * of the group keys. {@code SESSION_START} is that key; {@code SESSION_END} and {@code
 * SESSION_ROWTIME} are the key inside a marker ({@link
 * dev.sluice.planner.calcite.SessionGroupWindowFunctions}) in the Calc above the aggregation. Here
 * the Calc below passes {@code ts} where it computed the key, the other group keys become the
 * session keys, and the key's one column becomes {@code window_start} followed by {@code
 * window_end} (and {@code window_time} when used), which the Calc above reads.
 */
final class LegacySessionWindows {
  private final StreamTranslator translator;
  private final RexBuilder rexBuilder;

  LegacySessionWindows(StreamTranslator translator, RexBuilder rexBuilder) {
    this.translator = translator;
    this.rexBuilder = rexBuilder;
  }

  /** Whether {@code aggregate} groups by a legacy {@code SESSION(ts, gap)}. */
  static boolean groupsBySession(Aggregate aggregate) {
    return aggregate.getInput() instanceof LogicalCalc calc && sessionColumn(expandedProjects(calc.getProgram())) >= 0;
  }

  /** Whether {@code program} reads a session's end or last instant, which only the Calc right above its aggregation can. */
  static boolean readsSessionBounds(RexProgram program) {
    return reads(program, END_OF_SESSION) || reads(program, ROWTIME_OF_SESSION);
  }

  /** The session aggregation for {@code aggregate}, grouped by a legacy session, with the aggregation's columns. */
  PhysicalNode translate(Aggregate aggregate) {
    StreamTranslator.CalcInput input = translate(aggregate, RexProgram.createIdentity(aggregate.getRowType()));
    return new StreamCalc(input.node(), input.program());
  }

  /**
   * The session aggregation for {@code aggregate}, grouped by a legacy session, and {@code above}
   * (the program of the Calc over it) rewritten to read the session's bounds from its columns.
   */
  StreamTranslator.CalcInput translate(Aggregate aggregate, RexProgram above) {
    StreamTranslator.CalcInput below = translator.calcInput((LogicalCalc) aggregate.getInput(), false);
    RexProgram program = below.program();
    List<RexNode> projects = expandedProjects(program);
    List<String> names = below.node().rowType().getFieldNames();
    Session session = session(aggregate, projects, names);

    // The session key passes the time it was computed from, so the session aggregation reads it.
    projects.set(session.column(), rexBuilder.ensureType(projects.get(session.column()).getType(), session.time(), true));
    RexNode condition = program.getCondition() == null ? null : program.expandLocalRef(program.getCondition());
    RelDataType belowType = timeNamed(program.getOutputRowType(), session.column(), names.get(session.time().getIndex()));
    PhysicalNode input = new StreamCalc(below.node(), RexProgram.create(below.node().rowType(), projects, condition, belowType, rexBuilder));

    int[] keys = aggregate.getGroupSet().toArray();
    int sessionKey = indexOf(keys, session.column());
    int bounds = reads(above, ROWTIME_OF_SESSION) ? 3 : 2;
    int[] partition = new int[keys.length - 1];
    int[] outputKeys = new int[keys.length - 1 + bounds];
    for (int i = 0, p = 0, o = 0; i < keys.length; i++) {
      if (i == sessionKey) {
        outputKeys[o++] = StreamSessionAggregate.WINDOW_START;
        outputKeys[o++] = StreamSessionAggregate.WINDOW_END;
        if (bounds == 3) outputKeys[o++] = StreamSessionAggregate.WINDOW_TIME;
      } else {
        partition[p] = keys[i];
        outputKeys[o++] = p++;
      }
    }
    RelDataType rowType = withBounds(aggregate.getRowType(), sessionKey, bounds);
    PhysicalNode sessions = translator.sessionAggregate(rowType, input, partition, session.column(), session.gap(), outputKeys, aggregate);
    return new StreamTranslator.CalcInput(sessions, readingBounds(above, rowType, sessionKey, bounds));
  }

  /** The column of the Calc below that computes {@code $SESSION(time, gap)}, and its operands. */
  private record Session(int column, RexInputRef time, long gap) {}

  /** The session the Calc below {@code aggregate} computes, refused unless the session aggregation can run it. */
  private static Session session(Aggregate aggregate, List<RexNode> projects, List<String> names) {
    int column = sessionColumn(projects);
    RexCall call = (RexCall) projects.get(column);
    String text = "GROUP BY SESSION(" + String.join(", ", call.getOperands().stream().map(o -> ExpressionText.of(o, names)).toList()) + ")";
    for (int i = 0; i < projects.size(); i++) {
      if (i != column && isGroupWindow(projects.get(i))) {
        throw new PlanningException(text + " and another group window in one GROUP BY are not supported; group by one window");
      }
    }
    if (!aggregate.getGroupSet().get(column)) throw new PlanningException(text + " must be a key of the GROUP BY");
    if (call.getOperands().size() != 2) {
      throw new PlanningException(text + ": SESSION takes a time column and a gap; a third (alignment) argument is not supported");
    }
    if (!(call.getOperands().get(0) instanceof RexInputRef time)) {
      throw new PlanningException(text + ": the session's time must be a column, such as the table's WATERMARK column, not an expression");
    }
    if (!SqlTypeUtil.isTimestamp(time.getType())) {
      throw new PlanningException(text + ": the session's time must be a TIMESTAMP column, such as the table's WATERMARK column, "
          + "not " + time.getType().getSqlTypeName() + "; SESSION_START and SESSION_END are computed from it");
    }
    for (org.apache.calcite.rel.core.AggregateCall aggregateCall : aggregate.getAggCallList()) {
      if (aggregateCall.getArgList().contains(column) || aggregateCall.filterArg == column) {
        throw new PlanningException(text + ": aggregating the session key itself is not supported; aggregate the time column instead");
      }
    }
    return new Session(column, time, StreamTranslator.intervalMillis(call.getOperands().get(1), "gap of " + text));
  }

  /** {@code program}, over the aggregation's columns, made to read the columns with the session's bounds instead. */
  private RexProgram readingBounds(RexProgram program, RelDataType rowType, int sessionKey, int bounds) {
    RexShuttle toBounds = new RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        int index = ref.getIndex();
        return rexBuilder.makeInputRef(rowType, index <= sessionKey ? index : index + bounds - 1);
      }

      @Override
      public RexNode visitCall(RexCall call) {
        if (call.getOperator() != END_OF_SESSION && call.getOperator() != ROWTIME_OF_SESSION) return super.visitCall(call);
        if (!(call.getOperands().get(0) instanceof RexInputRef ref) || ref.getIndex() != sessionKey) {
          throw new PlanningException(call.getOperator().getName().substring(1) + " must read the session of its own GROUP BY SESSION(...)");
        }
        return rexBuilder.makeInputRef(rowType, sessionKey + (call.getOperator() == END_OF_SESSION ? 1 : 2));
      }
    };
    List<RexNode> projects = expandedProjects(program).stream().map(e -> e.accept(toBounds)).toList();
    RexNode condition = program.getCondition() == null ? null : program.expandLocalRef(program.getCondition()).accept(toBounds);
    return RexProgram.create(rowType, projects, condition, program.getOutputRowType(), rexBuilder);
  }

  /** The aggregation's columns with the session key as {@code window_start}, then {@code window_end} and, with 3 bounds, {@code window_time}. */
  private RelDataType withBounds(RelDataType aggregateType, int sessionKey, int bounds) {
    List<RelDataTypeField> fields = aggregateType.getFieldList();
    RelDataType type = fields.get(sessionKey).getType();
    RelDataTypeFactory.Builder builder = rexBuilder.getTypeFactory().builder();
    for (int i = 0; i < fields.size(); i++) {
      if (i != sessionKey) {
        builder.add(fields.get(i));
        continue;
      }
      builder.add("window_start", type).add("window_end", type);
      if (bounds == 3) builder.add("window_time", type);
    }
    return builder.uniquify().build();
  }

  /** The Calc's columns with the session key named as the time column it passes, for EXPLAIN, unless the name is taken. */
  private RelDataType timeNamed(RelDataType calcType, int sessionColumn, String name) {
    if (calcType.getFieldNames().contains(name)) return calcType;
    RelDataTypeFactory.Builder builder = rexBuilder.getTypeFactory().builder();
    List<RelDataTypeField> fields = calcType.getFieldList();
    for (int i = 0; i < fields.size(); i++) builder.add(i == sessionColumn ? name : fields.get(i).getName(), fields.get(i).getType());
    return builder.build();
  }

  private static boolean reads(RexProgram program, SqlOperator marker) {
    return program.getExprList().stream().anyMatch(e -> e instanceof RexCall call && call.getOperator() == marker);
  }

  private static List<RexNode> expandedProjects(RexProgram program) {
    List<RexNode> projects = new ArrayList<>();
    for (var project : program.getProjectList()) projects.add(program.expandLocalRef(project));
    return projects;
  }

  private static int sessionColumn(List<RexNode> projects) {
    for (int i = 0; i < projects.size(); i++) {
      if (projects.get(i) instanceof RexCall call && call.getKind() == SqlKind.SESSION) return i;
    }
    return -1;
  }

  private static boolean isGroupWindow(RexNode e) {
    return RexUtil.find(java.util.EnumSet.of(SqlKind.TUMBLE, SqlKind.HOP, SqlKind.SESSION)).anyContain(List.of(e));
  }

  private static int indexOf(int[] values, int value) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] == value) return i;
    }
    return -1;
  }
}
