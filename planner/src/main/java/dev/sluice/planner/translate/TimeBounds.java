package dev.sluice.planner.translate;

import dev.sluice.planner.physical.PhysicalNode;
import dev.sluice.planner.physical.TimeBound;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * Finds a join's {@link TimeBound}. Every conjunct {@code a <= b} (or {@code >=}, {@code =}) that
 * compares a column of one side with a column of the other, each plus or minus a constant
 * interval, may bound a side: if {@code a} is the other side's event time, future rows of the
 * other side have {@code a} past the watermark, so a row of {@code b}'s side can match none once
 * {@code b} is at or before the watermark.
 */
final class TimeBounds {
  private TimeBounds() {}

  /** A column of the joined row plus a constant number of milliseconds. */
  private record Shifted(int column, long millis) {}

  /** A conjunct read as {@code low <= high}. */
  private record AtMost(Shifted low, Shifted high) {}

  /**
   * The bound, or null when no side can ever expire and neither carries event time. A side that no
   * conjunct gives a time to is judged late by its own event-time column: a join drops a row at or
   * before the watermark whether or not its state is bounded (SEMANTICS.md, late rows).
   */
  static TimeBound find(RexNode condition, PhysicalNode left, PhysicalNode right) {
    int leftWidth = left.rowType().getFieldCount();
    int[] time = {-1, -1};
    long[] timeOffset = {0, 0};
    int[] expiry = {-1, -1};
    long[] expiryOffset = {0, 0};
    for (AtMost c : comparisons(condition)) {
      int lowSide = c.low().column() < leftWidth ? 0 : 1;
      int highSide = c.high().column() < leftWidth ? 0 : 1;
      if (lowSide == highSide || expiry[highSide] >= 0) continue;
      PhysicalNode lowNode = lowSide == 0 ? left : right;
      int lowColumn = c.low().column() - (lowSide == 0 ? 0 : leftWidth);
      long closing = lowNode.closingOffset(lowColumn);
      if (closing == PhysicalNode.NOT_EVENT_TIME) continue;
      if (time[lowSide] >= 0 && time[lowSide] != lowColumn) continue;
      // Future rows of the low side have low + closing > watermark; a high-side row needs
      // low + x <= high + y, so it is done once high + (y - x + closing) <= watermark.
      time[lowSide] = lowColumn;
      timeOffset[lowSide] = closing;
      expiry[highSide] = c.high().column() - (highSide == 0 ? 0 : leftWidth);
      expiryOffset[highSide] = c.high().millis() - c.low().millis() + closing;
    }
    PhysicalNode[] sides = {left, right};
    for (int side = 0; side < 2; side++) {
      if (time[side] >= 0) continue;
      time[side] = ownEventTime(sides[side]);
      timeOffset[side] = time[side] < 0 ? 0 : sides[side].closingOffset(time[side]);
    }
    if (expiry[0] < 0 && expiry[1] < 0 && time[0] < 0 && time[1] < 0) return null;
    return new TimeBound(time[0], timeOffset[0], expiry[0], expiryOffset[0], time[1], timeOffset[1], expiry[1], expiryOffset[1]);
  }

  /** The column of {@code node} that carries event time itself, else its first one that closes by the watermark (a window start), or -1. */
  private static int ownEventTime(PhysicalNode node) {
    int found = -1;
    for (int c = 0; c < node.rowType().getFieldCount(); c++) {
      long closing = node.closingOffset(c);
      if (closing == 0) return c;
      if (closing != PhysicalNode.NOT_EVENT_TIME && found < 0) found = c;
    }
    return found;
  }

  private static List<AtMost> comparisons(RexNode condition) {
    List<AtMost> found = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(condition)) {
      if (!(conjunct instanceof RexCall call) || call.getOperands().size() != 2) continue;
      Shifted a = shifted(call.getOperands().get(0));
      Shifted b = shifted(call.getOperands().get(1));
      if (a == null || b == null) continue;
      switch (call.getKind()) {
        case LESS_THAN, LESS_THAN_OR_EQUAL -> found.add(new AtMost(a, b));
        case GREATER_THAN, GREATER_THAN_OR_EQUAL -> found.add(new AtMost(b, a));
        case EQUALS -> {
          found.add(new AtMost(a, b));
          found.add(new AtMost(b, a));
        }
        default -> {}
      }
    }
    return found;
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
