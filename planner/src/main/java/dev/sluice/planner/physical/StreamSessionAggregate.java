package dev.sluice.planner.physical;

import dev.sluice.runtime.aggregate.AggregateCall;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;

/**
 * An aggregation over {@code SESSION} windows, fused with the window function because a row's
 * session depends on the rows around it: per session key it keeps the open sessions, merging two
 * when a row bridges them (sessions that touch merge too).
 *
 * <p>Output columns follow the aggregation: its group keys (session keys, {@code window_start},
 * {@code window_end}) then the aggregates. In update mode a merge deletes the merged sessions'
 * rows; in append mode a session is emitted once its end is at or before the watermark. With a
 * watermark, a row that would overlap or touch a closed session is late, as one whose own session
 * ends by the watermark is (SEMANTICS.md).
 */
public final class StreamSessionAggregate extends PhysicalNode implements Aggregating {
  /** In {@link #outputKeys()}: the session's start. */
  public static final int WINDOW_START = -1;
  /** In {@link #outputKeys()}: the session's end. */
  public static final int WINDOW_END = -2;
  /** In {@link #outputKeys()}: the session's last instant, its end minus 1 ms. */
  public static final int WINDOW_TIME = -3;

  private final int[] partitionColumns;
  private final int timeColumn;
  private final long gap;
  private final int[] outputKeys;
  private final List<AggregateCall> calls;
  private final List<String> callNames;
  private final boolean emitFinalOnly;
  private final boolean dropLateAndEvict;

  /**
   * @param partitionColumns the session key columns of the input
   * @param outputKeys per group key of the output: an index into {@code partitionColumns}, or
   *     {@link #WINDOW_START} or {@link #WINDOW_END}
   */
  public StreamSessionAggregate(RelDataType rowType, PhysicalNode input, int[] partitionColumns, int timeColumn, long gap, int[] outputKeys,
      List<AggregateCall> calls, List<String> callNames, boolean emitFinalOnly, boolean dropLateAndEvict) {
    super(rowType, List.of(input));
    this.partitionColumns = partitionColumns;
    this.timeColumn = timeColumn;
    this.gap = gap;
    this.outputKeys = outputKeys;
    this.calls = List.copyOf(calls);
    this.callNames = List.copyOf(callNames);
    this.emitFinalOnly = emitFinalOnly;
    this.dropLateAndEvict = dropLateAndEvict;
  }

  public int[] partitionColumns() {
    return partitionColumns;
  }

  public int timeColumn() {
    return timeColumn;
  }

  public long gap() {
    return gap;
  }

  public int[] outputKeys() {
    return outputKeys;
  }

  public List<AggregateCall> calls() {
    return calls;
  }

  @Override
  public boolean emitFinalOnly() {
    return emitFinalOnly;
  }

  public boolean dropLateAndEvict() {
    return dropLateAndEvict;
  }

  @Override
  public Changelog changelog() {
    return emitFinalOnly ? Changelog.INSERT_ONLY : Changelog.UPDATING;
  }

  /** The group keys; a session's start and end each identify it among the key's sessions. */
  @Override
  public List<int[]> uniqueKeys() {
    return Aggregating.keysWithEquivalents(outputKeys.length, this::equivalentColumn);
  }

  @Override
  public int equivalentColumn(int column) {
    if (column >= outputKeys.length || outputKeys[column] >= 0) return -1;
    int partner = outputKeys[column] == WINDOW_START ? WINDOW_END : outputKeys[column] == WINDOW_END ? WINDOW_START : WINDOW_END;
    for (int i = 0; i < outputKeys.length; i++) {
      if (outputKeys[i] == partner) return i;
    }
    return -1;
  }

  /** A session's end is final once the watermark passes it. */
  @Override
  public long closingOffset(int column) {
    if (column >= outputKeys.length || input().closingOffset(timeColumn) == NOT_EVENT_TIME) return NOT_EVENT_TIME;
    return outputKeys[column] == WINDOW_END ? 0 : outputKeys[column] == WINDOW_TIME ? 1 : NOT_EVENT_TIME;
  }

  @Override
  public String explain() {
    StringBuilder sb = new StringBuilder("StreamSessionAggregate(session=SESSION(time=")
        .append(input().rowType().getFieldList().get(timeColumn).getName()).append(", key=")
        .append(names(input().rowType(), partitionColumns)).append(", gap=").append(gap).append(" ms), select=").append(callNames);
    if (emitFinalOnly) sb.append(", emit=on-watermark");
    if (dropLateAndEvict) sb.append(", evictBy=watermark");
    return sb.append(')').toString();
  }

  @Override
  public String state() {
    if (!dropLateAndEvict) return "open sessions per key " + names(input().rowType(), partitionColumns) + ", kept forever";
    // A row touching a closed session is late, so its end is kept until every such row is late by ts + gap alone.
    return "open sessions per key " + names(input().rowType(), partitionColumns) + ", evicted by watermark, and the end of "
        + "the key's last closed session until end + gap <= watermark";
  }

  @Override
  public <R> R accept(PhysicalVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
