package dev.sluice.planner.physical;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlSyntax;

/** Writes an expression for EXPLAIN and messages with column names instead of Calcite's {@code $n}. */
public final class ExpressionText {
  private ExpressionText() {}

  public static String of(RexNode node, List<String> names) {
    if (node instanceof RexInputRef ref) return ref.getIndex() < names.size() ? names.get(ref.getIndex()) : ref.toString();
    if (node instanceof RexLiteral literal) {
      if (literal.getType().getSqlTypeName().getFamily() == org.apache.calcite.sql.type.SqlTypeFamily.INTERVAL_DAY_TIME) {
        return "INTERVAL " + literal.getValueAs(Long.class) + " ms";
      }
      return literal.computeDigest(org.apache.calcite.rex.RexDigestIncludeType.NO_TYPE);
    }
    if (node instanceof RexFieldAccess access) return of(access.getReferenceExpr(), names) + "." + access.getField().getName();
    if (node instanceof RexCall call) {
      List<String> operands = call.getOperands().stream().map(o -> of(o, names)).toList();
      if (call.getKind() == SqlKind.CAST) return "CAST(" + operands.get(0) + " AS " + call.getType() + ")";
      String name = call.getOperator().getName();
      boolean symbol = !name.isEmpty() && !Character.isLetter(name.charAt(0));
      if ((call.getOperator().getSyntax() == SqlSyntax.BINARY || symbol) && operands.size() >= 2) {
        String op = " " + call.getOperator().getName() + " ";
        return operands.stream().map(o -> o.contains(" ") && !o.startsWith("(") ? "(" + o + ")" : o).collect(Collectors.joining(op));
      }
      if (call.getOperator().getSyntax() == SqlSyntax.POSTFIX && operands.size() == 1) return operands.get(0) + " " + call.getOperator().getName();
      if (call.getOperator().getSyntax() == SqlSyntax.PREFIX && operands.size() == 1) return call.getOperator().getName() + " " + operands.get(0);
      return call.getOperator().getName() + "(" + String.join(", ", operands) + ")";
    }
    return node.toString();
  }
}
