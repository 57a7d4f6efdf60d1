package dev.sluice.planner.physical;

import java.util.List;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;

/**
 * A stream joined with a static table ({@code 'scan.bounded' = 'true'}): the static side is
 * loaded once into a hash table, the stream side probes it and keeps no state. Inner joins, and
 * outer joins that keep the stream side's rows.
 */
public final class StreamStaticJoin extends PhysicalNode {
  private final int staticInput;
  private final JoinRelType joinType;
  private final int[] leftKeys;
  private final int[] rightKeys;
  private final RexNode condition;

  public StreamStaticJoin(RelDataType rowType, PhysicalNode left, PhysicalNode right, int staticInput, JoinRelType joinType, int[] leftKeys,
      int[] rightKeys, RexNode condition) {
    super(rowType, List.of(left, right));
    this.staticInput = staticInput;
    this.joinType = joinType;
    this.leftKeys = leftKeys;
    this.rightKeys = rightKeys;
    this.condition = condition;
  }

  public int staticInput() {
    return staticInput;
  }

  public JoinRelType joinType() {
    return joinType;
  }

  public int[] leftKeys() {
    return leftKeys;
  }

  public int[] rightKeys() {
    return rightKeys;
  }

  public RexNode condition() {
    return condition;
  }

  @Override
  public Changelog changelog() {
    return inputs().get(1 - staticInput).changelog();
  }

  @Override
  public long closingOffset(int column) {
    int leftWidth = inputs().get(0).rowType().getFieldCount();
    int side = column < leftWidth ? 0 : 1;
    if (side == staticInput) return NOT_EVENT_TIME;
    return side == 0 ? inputs().get(0).closingOffset(column) : inputs().get(1).closingOffset(column - leftWidth);
  }

  @Override
  public String explain() {
    return "StreamStaticJoin(type=" + joinType.lowerName + ", static=" + (staticInput == 0 ? "left" : "right") + ", leftKeys="
        + names(inputs().get(0).rowType(), leftKeys) + ", rightKeys=" + names(inputs().get(1).rowType(), rightKeys) + ", condition="
        + condition + ")";
  }

  /** Input columns as the join condition sees them: left then right, qualified where a name repeats. */
  private List<String> joinedNames() {
    List<String> left = inputs().get(0).rowType().getFieldNames();
    List<String> right = inputs().get(1).rowType().getFieldNames();
    List<String> names = new java.util.ArrayList<>();
    for (String n : left) names.add(right.contains(n) ? "left." + n : n);
    for (String n : right) names.add(left.contains(n) ? "right." + n : n);
    return names;
  }

  @Override
  public String state() {
    return "";
  }

  @Override
  public <R> R accept(PhysicalVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
