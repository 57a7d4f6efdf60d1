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

  /**
   * For an output column that carries event time, how far behind the watermark a value of it
   * becomes final: 0 for an event-time column or a window's end, the window size for a window's
   * start. {@link #NOT_EVENT_TIME} for other columns.
   */
  public abstract long closingOffset(int column);

  public static final long NOT_EVENT_TIME = -1;

  /**
   * For an output column that carries processing time ({@code PROCTIME()}, or a window over it),
   * how far behind the wall clock a value of it becomes final, as {@link #closingOffset} is for
   * the watermark; {@link #NOT_EVENT_TIME} for other columns, and wherever a node does not know.
   */
  public long processingTimeClosingOffset(int column) {
    return NOT_EVENT_TIME;
  }

  /** Output columns that carry event time. */
  public final BitSet eventTimeColumns() {
    BitSet bits = new BitSet();
    for (int i = 0; i < rowType.getFieldCount(); i++) {
      if (closingOffset(i) != NOT_EVENT_TIME) bits.set(i);
    }
    return bits;
  }

  /**
   * The column sets that each identify a row of this node's output among all rows it has emitted
   * and not retracted, preferred first. An empty set means the output has at most one row; an
   * empty list means no key is known.
   */
  public List<int[]> uniqueKeys() {
    return List.of();
  }

  /** The preferred key of updates and deletes, or null when the whole row is the key. */
  public final int[] uniqueKey() {
    List<int[]> keys = uniqueKeys();
    return keys.isEmpty() ? null : keys.get(0);
  }

  /**
   * An output column that determines {@code column} one to one and is determined by it (a
   * window's end and its start), or -1.
   */
  public int equivalentColumn(int column) {
    return -1;
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
