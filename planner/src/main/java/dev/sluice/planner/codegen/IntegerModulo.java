package dev.sluice.planner.codegen;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Computes {@code MOD} of two integers of different types ({@code MOD(bigint_col, 10)}, Nexmark
 * q2's {@code auction % 123}) in {@code BIGINT}. Calcite's code generator takes such a call
 * through {@code BigDecimal}, an allocation and a division per row, because no {@code
 * SqlFunctions.mod} overload fits the mixed primitive types; with equal types it calls {@code
 * mod(long, long)}. Widening the operands cannot overflow, nor can narrowing the remainder (smaller
 * than the divisor) back to the call's type, so both are reinterpretations: Calcite's casts between
 * integer types check the range through a boxed {@code Number} and a {@code double}, which took two
 * thirds of a filter's time.
 */
final class IntegerModulo extends ProgramRewrite {
  private IntegerModulo(RexBuilder rexBuilder) {
    super(rexBuilder);
  }

  /** {@code program}, with every mixed-type integer {@code MOD} computed in BIGINT. */
  static RexProgram rewrite(RexProgram program, RexBuilder rexBuilder) {
    return new IntegerModulo(rexBuilder).applyTo(program);
  }

  @Override
  public RexNode visitCall(RexCall call) {
    RexCall visited = (RexCall) super.visitCall(call);
    if (visited.getKind() != SqlKind.MOD || visited.getOperands().size() != 2) return visited;
    RexNode a = visited.getOperands().get(0);
    RexNode b = visited.getOperands().get(1);
    if (!SqlTypeUtil.isExactNumeric(a.getType()) || !SqlTypeUtil.isExactNumeric(b.getType())
        || SqlTypeUtil.isDecimal(a.getType()) || SqlTypeUtil.isDecimal(b.getType())
        || a.getType().getSqlTypeName() == b.getType().getSqlTypeName()) {
      return visited;
    }
    changed();
    RexNode mod = rexBuilder.makeCall(visited.getOperator(), bigint(a), bigint(b));
    return rexBuilder.makeReinterpretCast(visited.getType(), mod, rexBuilder.makeLiteral(false));
  }

  private RexNode bigint(RexNode operand) {
    if (operand.getType().getSqlTypeName() == SqlTypeName.BIGINT) return operand;
    RelDataType type = rexBuilder.getTypeFactory().createTypeWithNullability(
        rexBuilder.getTypeFactory().createSqlType(SqlTypeName.BIGINT), operand.getType().isNullable());
    return operand instanceof RexLiteral ? rexBuilder.makeCast(type, operand, false, false)
        : rexBuilder.makeReinterpretCast(type, operand, rexBuilder.makeLiteral(false));
  }
}
