package dev.sluice.planner.physical;

import java.util.BitSet;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A node of Sluice's incremental physical plan. Each node knows its output columns, the kind of
 * changes it emits, which of its columns carry event time (and so a watermark), and the state it
 * keeps; it hands itself to a {@link PhysicalVisitor} to become a runtime operator.
 */
public abstract class PhysicalNode {
  private final RelDataType rowType;
  private final List<PhysicalNode> inputs;

  protected PhysicalNode(RelDataType rowType, List<PhysicalNode> inputs) {
    this.rowType = rowType;
    this.inputs = List.copyOf(inputs);
  }

  public RelDataType rowType() {
    return rowType;
  }

  public List<PhysicalNode> inputs() {
    return inputs;
  }

  public PhysicalNode input() {
    return inputs.get(0);
  }

  public abstract Changelog changelog();

  /** Output columns that carry event time. */
  public abstract BitSet eventTimeColumns();

  /**
   * The columns that identify a row of this node's output among all rows it has emitted and not
   * retracted: the key of updates and deletes. Empty means the output has at most one row; null
   * means no key is known, so the whole row is the key.
   */
  public int[] uniqueKey() {
    return null;
  }

  /** The node's name and properties, as EXPLAIN prints them. */
  public abstract String explain();

  /** The state the node keeps, for EXPLAIN and the checkpoint fingerprint; empty when stateless. */
  public String state() {
    return "";
  }

  public abstract <R> R accept(PhysicalVisitor<R> visitor);

  protected String fieldName(int index) {
    return rowType.getFieldList().get(index).getName();
  }

  protected static String names(RelDataType type, int[] columns) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < columns.length; i++) {
      if (i > 0) sb.append(", ");
      sb.append(type.getFieldList().get(columns[i]).getName());
    }
    return sb.append(']').toString();
  }
}
