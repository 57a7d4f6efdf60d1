package dev.sluice.planner.codegen;

import dev.sluice.runtime.data.Values;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * Casts text to {@code TIME} as strictly as a {@code TIME} column of a file is read ({@link
 * Values#parseTime}). Calcite's cast checks no field's range: {@code '24:00:00'} became 86,400,000
 * milliseconds and {@code '25:61:00'} more, a time of day that no sink could write nor the shell
 * show. Its casts to {@code DATE} and {@code TIMESTAMP} already refuse a day or an hour out of range.
 */
final class StrictTimeCasts extends ProgramRewrite {
  private static final SqlUserDefinedFunction PARSE_TIME = new SqlUserDefinedFunction(
      new SqlIdentifier("PARSE_TIME", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, ReturnTypes.INTEGER, null, null,
      ScalarFunctionImpl.create(Values.class, "parseTime"));

  private StrictTimeCasts(RexBuilder rexBuilder) {
    super(rexBuilder);
  }

  /** {@code program}, with every cast of text to TIME read strictly. */
  static RexProgram rewrite(RexProgram program, RexBuilder rexBuilder) {
    return new StrictTimeCasts(rexBuilder).applyTo(program);
  }

  @Override
  public RexNode visitCall(RexCall call) {
    RexCall visited = (RexCall) super.visitCall(call);
    if (visited.getKind() != SqlKind.CAST || visited.getType().getSqlTypeName() != SqlTypeName.TIME
        || !SqlTypeUtil.inCharFamily(visited.getOperands().get(0).getType())) {
      return visited;
    }
    changed();
    RexNode text = visited.getOperands().get(0);
    RelDataType millisType = rexBuilder.getTypeFactory().createSqlType(SqlTypeName.INTEGER);
    RexNode millis = rexBuilder.makeCall(millisType, PARSE_TIME, List.of(text));
    RexNode time = rexBuilder.makeReinterpretCast(visited.getType(), millis, rexBuilder.makeLiteral(false));
    if (!text.getType().isNullable()) return time;
    // The method takes no NULL: a NULL text is a NULL time, as the cast it replaces gives.
    return rexBuilder.makeCall(SqlStdOperatorTable.CASE, rexBuilder.makeCall(SqlStdOperatorTable.IS_NULL, text),
        rexBuilder.makeNullLiteral(visited.getType()), time);
  }
}
