package dev.sluice.planner.physical;

import java.util.List;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;

/**
 * A join of two streams on equality keys. Each side buffers its rows in state, keyed by the join
 * key; a new row on one side probes the other side's buffer. With a {@link TimeBound} and
 * watermarks on both time columns, a buffered row leaves state once no future row of the other
 * side can match it, and an outer join then emits it padded with NULLs if it never matched.
 */
public final class StreamJoin extends PhysicalNode {
  private final JoinRelType joinType;
  private final int[] leftKeys;
  private final int[] rightKeys;
  private final RexNode condition;
  private final TimeBound bound;
  private final boolean evictByWatermark;
  private final StateTtl leftTtl;
  private final StateTtl rightTtl;

  /**
   * @param condition the whole join condition over the concatenated row, checked on every candidate pair
   * @param bound the time bound, or null; it names each side's event-time column, by which a row
   *     at or before the watermark is dropped as late even when no side expires
   * @param evictByWatermark whether the bound lets a side's rows leave state by the watermark
   * @param leftTtl how long a left row stays when the bound does not say ({@link StateTtl#NONE} when it does)
   * @param rightTtl the same for a right row
   */
  public StreamJoin(RelDataType rowType, PhysicalNode left, PhysicalNode right, JoinRelType joinType, int[] leftKeys, int[] rightKeys,
      RexNode condition, TimeBound bound, boolean evictByWatermark, StateTtl leftTtl, StateTtl rightTtl) {
    super(rowType, List.of(left, right));
    this.joinType = joinType;
    this.leftKeys = leftKeys;
    this.rightKeys = rightKeys;
    this.condition = condition;
    this.bound = bound;
    this.evictByWatermark = evictByWatermark;
    this.leftTtl = leftTtl;
    this.rightTtl = rightTtl;
  }

  public StateTtl leftTtl() {
    return leftTtl;
  }

  public StateTtl rightTtl() {
    return rightTtl;
  }

  public PhysicalNode left() {
    return inputs().get(0);
  }

  public PhysicalNode right() {
    return inputs().get(1);
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

  public TimeBound bound() {
    return bound;
  }

  public boolean evictByWatermark() {
    return evictByWatermark;
  }

  @Override
  public Changelog changelog() {
    return Changelog.INSERT_ONLY;
  }

  @Override
  public long closingOffset(int column) {
    int leftWidth = left().rowType().getFieldCount();
    return column < leftWidth ? left().closingOffset(column) : right().closingOffset(column - leftWidth);
  }

  @Override
  public String explain() {
    return "StreamJoin(type=" + joinType.lowerName + ", leftKeys=" + names(left().rowType(), leftKeys) + ", rightKeys="
        + names(right().rowType(), rightKeys) + ", condition=" + ExpressionText.of(condition, joinedNames())
        + (leftTtl.applies() ? ", leftStateTtl=" + leftTtl.millis() + " ms" : "") + (rightTtl.applies() ? ", rightStateTtl=" + rightTtl.millis() + " ms" : "")
        + ")";
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
    if (!evictByWatermark && !leftTtl.applies() && !rightTtl.applies()) {
      return "every row of both sides, kept forever: WARNING, this state grows without limit; add watermarks and either a time "
          + "bound (l.ts BETWEEN r.ts - INTERVAL ... AND r.ts + INTERVAL ...) or a 'state.ttl' to bound it";
    }
    return "rows of both sides by key; " + retention("left", left(), bound == null ? -1 : bound.leftExpiry(),
        bound == null ? 0 : bound.leftExpiryOffset(), leftTtl) + ", " + retention("right", right(), bound == null ? -1 : bound.rightExpiry(),
        bound == null ? 0 : bound.rightExpiryOffset(), rightTtl);
  }

  private static String retention(String side, PhysicalNode input, int column, long offset, StateTtl ttl) {
    if (column < 0 && ttl.applies()) return "a " + side + " row is " + ttl.rowRetention(input);
    if (column < 0) return "a " + side + " row is kept forever (WARNING: no bound lets it go)";
    return "a " + side + " row is kept until " + input.rowType().getFieldList().get(column).getName()
        + (offset == 0 ? "" : (offset > 0 ? " + " : " - ") + Math.abs(offset) + " ms") + " <= watermark";
  }

  @Override
  public <R> R accept(PhysicalVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
