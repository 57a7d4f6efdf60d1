package dev.sluice.planner.codegen;

import dev.sluice.planner.calcite.FlinkFunctions;
import java.util.List;
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
 * Passes {@code DATE_FORMAT}'s timestamp to it as the epoch milliseconds rows hold. Calcite's code
 * generator turns a {@code TIMESTAMP} argument of a Java function into a {@code java.sql.Timestamp}
 * through the default time zone, which took a quarter of Nexmark q17's time; {@link
 * FlinkFunctions#dateFormatMillis} formats the long directly, with the same result.
 */
final class DateFormatOfMillis extends ProgramRewrite {
  private static final SqlUserDefinedFunction OF_MILLIS = new SqlUserDefinedFunction(
      new SqlIdentifier("DATE_FORMAT", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, ReturnTypes.VARCHAR_NULLABLE, null, null,
      ScalarFunctionImpl.create(FlinkFunctions.class, "dateFormatMillis"));

  private DateFormatOfMillis(RexBuilder rexBuilder) {
    super(rexBuilder);
  }

  /** {@code program}, with every {@code DATE_FORMAT} of a timestamp given its milliseconds. */
  static RexProgram rewrite(RexProgram program, RexBuilder rexBuilder) {
    return new DateFormatOfMillis(rexBuilder).applyTo(program);
  }

  @Override
  public RexNode visitCall(RexCall call) {
    RexCall visited = (RexCall) super.visitCall(call);
    if (!(visited.getOperator() instanceof SqlUserDefinedFunction function)
        || !(function.getFunction() instanceof ScalarFunctionImpl scalar)
        || !scalar.method.getName().equals("dateFormat") || scalar.method.getDeclaringClass() != FlinkFunctions.class
        || visited.getOperands().get(0).getType().getSqlTypeName() != SqlTypeName.TIMESTAMP) {
      return visited;
    }
    changed();
    RexNode timestamp = visited.getOperands().get(0);
    var factory = rexBuilder.getTypeFactory();
    var bigint = factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.BIGINT), timestamp.getType().isNullable());
    RexNode millis = rexBuilder.makeReinterpretCast(bigint, timestamp, rexBuilder.makeLiteral(false));
    return rexBuilder.makeCall(visited.getType(), OF_MILLIS, List.of(millis, visited.getOperands().get(1)));
  }
}
