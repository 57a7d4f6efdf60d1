package dev.sluice.planner.calcite;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Gives both operands of a comparison between an exact number (INT, DECIMAL) and an approximate
 * one (REAL, DOUBLE), one of them a constant, the approximate type, as SQL compares them and as
 * Flink's type coercion does. Sluice validates without implicit coercion, so {@code d > 1} over a DOUBLE {@code d}
 * reached Calcite's simplifier with an INTEGER literal: it builds one range set (a Sarg) of the
 * literals compared with a column and compares their values, a BigDecimal for {@code 1} or
 * {@code 2.5} and a Double for {@code 2.5E0}, which failed with a ClassCastException as soon as a
 * condition held both ({@code NOT (d > 2.5E0) AND d > 1}).
 */
public final class NumericComparisons extends RexShuttle {
  private final RexBuilder rexBuilder;

  private NumericComparisons(RexBuilder rexBuilder) {
    this.rexBuilder = rexBuilder;
  }

  /** {@code root} with every such comparison in it, at any depth, over operands of one type family. */
  public static RelNode unify(RelNode root) {
    NumericComparisons comparisons = new NumericComparisons(root.getCluster().getRexBuilder());
    return root.accept(new RelHomogeneousShuttle() {
      @Override
      public RelNode visit(RelNode other) {
        return super.visit(other).accept(comparisons);
      }
    });
  }

  @Override
  public RexNode visitCall(RexCall call) {
    RexCall visited = (RexCall) super.visitCall(call);
    if (!visited.getKind().belongsTo(SqlKind.BINARY_COMPARISON) || visited.getOperands().size() != 2) return visited;
    RexNode left = visited.getOperands().get(0);
    RexNode right = visited.getOperands().get(1);
    // Only a constant becomes a literal the simplifier collects; a comparison of two columns (a join key) stays as written.
    if (!RexUtil.isConstant(left) && !RexUtil.isConstant(right)) return visited;
    RelDataType approximate = approximateOf(left, right);
    if (approximate == null) return visited;
    List<RexNode> operands = new ArrayList<>(2);
    for (RexNode operand : List.of(left, right)) {
      boolean exact = SqlTypeName.EXACT_TYPES.contains(operand.getType().getSqlTypeName());
      RelDataType target = rexBuilder.getTypeFactory().createTypeWithNullability(approximate, operand.getType().isNullable());
      // A literal becomes a literal of the approximate type (with a Double value), so the simplifier sees one kind of value.
      operands.add(exact ? rexBuilder.makeCast(target, operand, true, false) : operand);
    }
    return visited.clone(visited.getType(), operands);
  }

  /** The approximate type of a comparison whose other operand is exact, or null. */
  private static RelDataType approximateOf(RexNode left, RexNode right) {
    SqlTypeName leftType = left.getType().getSqlTypeName();
    SqlTypeName rightType = right.getType().getSqlTypeName();
    if (SqlTypeName.APPROX_TYPES.contains(leftType) && SqlTypeName.EXACT_TYPES.contains(rightType)) return left.getType();
    if (SqlTypeName.EXACT_TYPES.contains(leftType) && SqlTypeName.APPROX_TYPES.contains(rightType)) return right.getType();
    return null;
  }
}
