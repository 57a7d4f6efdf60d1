package dev.sluice.planner.codegen;

import dev.sluice.planner.calcite.FlinkFunctions;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * Calls the Flink functions that take or return a {@code TIMESTAMP} with the epoch milliseconds
 * rows hold. Calcite's code generator turns a Java function's {@code TIMESTAMP} argument into a
 * {@code java.sql.Timestamp} through the default time zone, and its {@code Timestamp} result back:
 * {@code DATE_FORMAT} spent a quarter of Nexmark q17's time so, {@code PROCTIME()} a sixth of
 * q12's. {@link FlinkFunctions#dateFormatMillis} and {@link FlinkFunctions#proctimeMillis} give the
 * same results on the long itself.
 */
final class TimestampsAsMillis extends ProgramRewrite {
  private static final SqlUserDefinedFunction DATE_FORMAT_OF_MILLIS = new SqlUserDefinedFunction(
      new SqlIdentifier("DATE_FORMAT", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, ReturnTypes.VARCHAR_NULLABLE, null, null,
      ScalarFunctionImpl.create(FlinkFunctions.class, "dateFormatMillis"));
  private static final SqlUserDefinedFunction PROCTIME_MILLIS = new SqlUserDefinedFunction(
      new SqlIdentifier("PROCTIME", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, ReturnTypes.BIGINT, null, null,
      ScalarFunctionImpl.create(FlinkFunctions.class, "proctimeMillis"));

  private TimestampsAsMillis(RexBuilder rexBuilder) {
    super(rexBuilder);
  }

  /** {@code program}, with {@code DATE_FORMAT} of a timestamp and {@code PROCTIME()} on milliseconds. */
  static RexProgram rewrite(RexProgram program, RexBuilder rexBuilder) {
    return new TimestampsAsMillis(rexBuilder).applyTo(program);
  }

  @Override
  public RexNode visitCall(RexCall call) {
    RexCall visited = (RexCall) super.visitCall(call);
    if (FlinkFunctions.isCallOf(visited, "dateFormat") && visited.getOperands().get(0).getType().getSqlTypeName() == SqlTypeName.TIMESTAMP) {
      changed();
      RexNode timestamp = visited.getOperands().get(0);
      RexNode millis = rexBuilder.makeReinterpretCast(bigint(timestamp.getType().isNullable()), timestamp, rexBuilder.makeLiteral(false));
      return rexBuilder.makeCall(visited.getType(), DATE_FORMAT_OF_MILLIS, List.of(millis, visited.getOperands().get(1)));
    }
    if (FlinkFunctions.isCallOf(visited, "proctime") && visited.getType().getSqlTypeName() == SqlTypeName.TIMESTAMP) {
      changed();
      RexNode millis = rexBuilder.makeCall(bigint(false), PROCTIME_MILLIS, List.of());
      return rexBuilder.makeReinterpretCast(visited.getType(), millis, rexBuilder.makeLiteral(false));
    }
    return visited;
  }

  private RelDataType bigint(boolean nullable) {
    var factory = rexBuilder.getTypeFactory();
    return factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.BIGINT), nullable);
  }
}
