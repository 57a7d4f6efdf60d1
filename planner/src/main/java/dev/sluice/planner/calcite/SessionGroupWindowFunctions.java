package dev.sluice.planner.calcite;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlGroupedWindowFunction;
import org.apache.calcite.sql.SqlInternalOperator;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * {@code SESSION_END} and {@code SESSION_ROWTIME} of the legacy group window {@code GROUP BY
 * SESSION(ts, gap)}, made to survive Calcite's conversion to a logical plan.
 *
 * <p>Calcite converts {@code SESSION_START} and {@code SESSION_END} alike into a reference to the
 * {@code $SESSION} group key ({@code AuxiliaryConverter}), so the plan could not tell a session's
 * end from its start. Validation therefore rewrites {@code SESSION_END(ts, gap)} into {@link
 * #END_OF_SESSION}{@code (SESSION_END(ts, gap))} and {@code SESSION_ROWTIME(ts, gap)} into {@link
 * #ROWTIME_OF_SESSION}{@code (SESSION_END(ts, gap))}: the inner call is still checked against the
 * GROUP BY and becomes the group key, and the marker around it tells the translator which bound
 * of the session the expression means. The markers are never evaluated; the translator replaces
 * them with the session aggregation's {@code window_end} and {@code window_time} columns.
 */
public final class SessionGroupWindowFunctions {
  /** Marks the group key of {@code GROUP BY SESSION(...)} as the session's end: its last row's time plus the gap. */
  public static final SqlOperator END_OF_SESSION = new Marker("$SESSION_END");
  /** Marks the group key of {@code GROUP BY SESSION(...)} as the session's last instant: its end minus 1 ms. */
  public static final SqlOperator ROWTIME_OF_SESSION = new Marker("$SESSION_ROWTIME");

  /** {@code SESSION_END(ts, gap)}, replacing Calcite's, which converts as {@code SESSION_START} does. */
  public static final SqlGroupedWindowFunction SESSION_END = new Auxiliary("SESSION_END", SqlKind.SESSION_END, END_OF_SESSION);
  /** {@code SESSION_ROWTIME(ts, gap)}, Flink's name for the session's last instant, an event-time column. */
  public static final SqlGroupedWindowFunction SESSION_ROWTIME = new Auxiliary("SESSION_ROWTIME", SqlKind.OTHER_FUNCTION, ROWTIME_OF_SESSION);

  private SessionGroupWindowFunctions() {}

  /** An auxiliary function of {@code $SESSION} that validation rewrites into a marked {@code SESSION_END}. */
  private static final class Auxiliary extends SqlGroupedWindowFunction {
    private final SqlOperator marker;

    Auxiliary(String name, SqlKind kind, SqlOperator marker) {
      super(name, kind, SqlStdOperatorTable.SESSION_OLD, ReturnTypes.ARG0, null, SqlStdOperatorTable.SESSION_OLD.getOperandTypeChecker(),
          SqlFunctionCategory.SYSTEM);
      this.marker = marker;
    }

    /**
     * Called once per call, before the GROUP BY check; the call returned is not rewritten again.
     * The inner call is named {@code SESSION_END} because Calcite finds an auxiliary call's group
     * key by name, and knows only {@code SESSION_START} and {@code SESSION_END}.
     */
    @Override
    public SqlNode rewriteCall(SqlValidator validator, SqlCall call) {
      SqlCall end = SESSION_END.createCall(call.getFunctionQuantifier(), call.getParserPosition(), call.getOperandList().toArray(new SqlNode[0]));
      return marker.createCall(call.getParserPosition(), end);
    }
  }

  /** A marker around an auxiliary call; typed as its operand, written as its operand in messages. */
  private static final class Marker extends SqlInternalOperator {
    Marker(String name) {
      super(name, SqlKind.OTHER_FUNCTION, 2, true, ReturnTypes.ARG0, null, OperandTypes.ANY);
    }

    @Override
    public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      call.operand(0).unparse(writer, leftPrec, rightPrec);
    }
  }
}
