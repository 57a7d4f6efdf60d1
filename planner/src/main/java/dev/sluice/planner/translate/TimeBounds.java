package dev.sluice.planner.translate;

import dev.sluice.planner.physical.TimeBound;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * Finds the time bound of a join condition: conjuncts comparing a left time column (plus or
 * minus an interval) with a right one, such as what {@code l.ts BETWEEN r.ts - INTERVAL '10'
 * SECOND AND r.ts + INTERVAL '5' SECOND} expands to.
 */
final class TimeBounds {
  private TimeBounds() {}

  /** A column plus a constant number of milliseconds. */
  private record Shifted(int column, long millis) {}

  /** The bound over the given time columns, or null when the condition does not bound both ways. */
  static TimeBound find(RexNode condition, int leftWidth, int leftTime, int rightTime) {
    Long lower = null;
    Long upper = null;
    for (RexNode conjunct : RelOptUtil.conjunctions(condition)) {
      if (!(conjunct instanceof RexCall call) || call.getOperands().size() != 2) continue;
      SqlKind kind = call.getKind();
      if (kind != SqlKind.GREATER_THAN && kind != SqlKind.GREATER_THAN_OR_EQUAL && kind != SqlKind.LESS_THAN
          && kind != SqlKind.LESS_THAN_OR_EQUAL) {
        continue;
      }
      Shifted a = shifted(call.getOperands().get(0));
      Shifted b = shifted(call.getOperands().get(1));
      if (a == null || b == null) continue;
      boolean greater = kind == SqlKind.GREATER_THAN || kind == SqlKind.GREATER_THAN_OR_EQUAL;
      // Orient as "left op right": l + x op r + y  =>  l - r op y - x.
      if (a.column() == rightTime + leftWidth && b.column() == leftTime) {
        Shifted t = a;
        a = b;
        b = t;
        greater = !greater;
      }
      if (a.column() != leftTime || b.column() != rightTime + leftWidth) continue;
      long difference = b.millis() - a.millis();
      if (greater) lower = lower == null ? difference : Math.max(lower, difference);
      else upper = upper == null ? difference : Math.min(upper, difference);
    }
    return lower == null || upper == null ? null : new TimeBound(leftTime, rightTime, lower, upper);
  }

  private static Shifted shifted(RexNode node) {
    if (node instanceof RexInputRef ref) return new Shifted(ref.getIndex(), 0);
    if (node instanceof RexCall call && call.getOperands().size() == 2
        && (call.getKind() == SqlKind.PLUS || call.getKind() == SqlKind.MINUS)) {
      List<RexNode> operands = call.getOperands();
      if (operands.get(0) instanceof RexInputRef ref && operands.get(1) instanceof RexLiteral literal
          && literal.getType().getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_DAY_TIME) {
        long millis = literal.getValueAs(Long.class);
        return new Shifted(ref.getIndex(), call.getKind() == SqlKind.PLUS ? millis : -millis);
      }
    }
    return null;
  }
}
