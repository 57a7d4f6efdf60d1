package dev.sluice.planner.physical;

import dev.sluice.runtime.aggregate.AggregateCall;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;

/**
 * {@code GROUP BY} with aggregates, keeping one accumulator set per group.
 *
 * <p>Its emission follows the output mode: in append mode a group is emitted once, when the
 * watermark passes its event-time key ({@link #emitFinalOnly()}); otherwise each batch emits the
 * groups it changed. Outside complete mode, groups whose event-time key the watermark passed are
 * evicted and late rows for them dropped ({@link #dropLateAndEvict()}). Groups of a window over
 * processing time are evicted once the wall clock passes the window's end ({@link
 * #evictByProcessingTime()}): no later row can enter it, and each batch has emitted its changes.
 */
public final class StreamGroupAggregate extends PhysicalNode implements Aggregating {
  private final int[] groupKeys;
  private final List<AggregateCall> calls;
  private final List<String> callNames;
  private final int timeKey;
  private final long timeOffset;
  private final boolean emitFinalOnly;
  private final boolean dropLateAndEvict;
  private final boolean evictByProcessingTime;
  private final StateTtl ttl;

  /**
   * @param timeKey index into {@code groupKeys} of a key carrying event time, or -1; with {@code
   *     evictByProcessingTime}, of a key carrying processing time
   * @param timeOffset added to the time key's value to get when a group is final
   * @param callNames the aggregates as the query wrote them, for EXPLAIN
   * @param ttl how long a group without a time key stays past the event time of its newest row
   */
  public StreamGroupAggregate(RelDataType rowType, PhysicalNode input, int[] groupKeys, List<AggregateCall> calls, List<String> callNames,
      int timeKey, long timeOffset, boolean emitFinalOnly, boolean dropLateAndEvict, boolean evictByProcessingTime, StateTtl ttl) {
    super(rowType, List.of(input));
    this.groupKeys = groupKeys;
    this.calls = List.copyOf(calls);
    this.callNames = List.copyOf(callNames);
    this.timeKey = timeKey;
    this.timeOffset = timeOffset;
    this.emitFinalOnly = emitFinalOnly;
    this.dropLateAndEvict = dropLateAndEvict;
    this.evictByProcessingTime = evictByProcessingTime;
    this.ttl = ttl;
  }

  public StateTtl ttl() {
    return ttl;
  }

  public int[] groupKeys() {
    return groupKeys;
  }

  public List<AggregateCall> calls() {
    return calls;
  }

  public int timeKey() {
    return timeKey;
  }

  public long timeOffset() {
    return timeOffset;
  }

  @Override
  public boolean emitFinalOnly() {
    return emitFinalOnly;
  }

  public boolean dropLateAndEvict() {
    return dropLateAndEvict;
  }

  /** Whether the time key carries processing time, and groups leave once the wall clock passes it. */
  public boolean evictByProcessingTime() {
    return evictByProcessingTime;
  }

  /**
   * Insert-only when each group is emitted once: at the watermark, or at first sight for a
   * {@code SELECT DISTINCT} (no aggregates) over insert-only input, whose rows never change.
   */
  @Override
  public Changelog changelog() {
    return emitFinalOnly || isDistinct() ? Changelog.INSERT_ONLY : Changelog.UPDATING;
  }

  /** A grouping without aggregates over insert-only input: deduplication. */
  public boolean isDistinct() {
    return calls.isEmpty() && input().changelog() == Changelog.INSERT_ONLY;
  }

  /** The group keys, which lead each output row; a window bound may stand for its partner. */
  @Override
  public List<int[]> uniqueKeys() {
    return Aggregating.keysWithEquivalents(groupKeys.length, this::equivalentColumn);
  }

  @Override
  public int equivalentColumn(int column) {
    if (column >= groupKeys.length) return -1;
    int partner = input().equivalentColumn(groupKeys[column]);
    for (int i = 0; i < groupKeys.length; i++) {
      if (groupKeys[i] == partner) return i;
    }
    return -1;
  }

  /** Group keys that carry event time keep it. */
  @Override
  public long closingOffset(int column) {
    return column < groupKeys.length ? input().closingOffset(groupKeys[column]) : NOT_EVENT_TIME;
  }

  @Override
  public String explain() {
    StringBuilder sb = new StringBuilder("StreamGroupAggregate(groupBy=").append(names(input().rowType(), groupKeys));
    sb.append(", select=").append(callNames);
    if (evictByProcessingTime) {
      sb.append(", processingTimeKey=").append(input().rowType().getFieldList().get(groupKeys[timeKey]).getName());
      if (timeOffset != 0) sb.append(" + ").append(timeOffset).append(" ms");
      sb.append(", evictBy=processing-time");
    } else if (timeKey >= 0) {
      sb.append(", eventTimeKey=").append(input().rowType().getFieldList().get(groupKeys[timeKey]).getName());
      if (timeOffset != 0) sb.append(" + ").append(timeOffset).append(" ms");
      if (emitFinalOnly) sb.append(", emit=on-watermark");
      if (dropLateAndEvict) sb.append(", evictBy=watermark");
    }
    return sb.append(ttl.explain()).append(')').toString();
  }

  @Override
  public String state() {
    String eviction = dropLateAndEvict ? "evicted by watermark" : evictByProcessingTime ? "evicted by processing time" : ttl.retention(input());
    return "one row per group " + names(input().rowType(), groupKeys) + ", " + eviction;
  }

  @Override
  public <R> R accept(PhysicalVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
