package dev.sluice.planner.physical;

import java.util.List;

/**
 * Keeps the first row per key ({@code ROW_NUMBER() OVER (PARTITION BY key ORDER BY ...) = 1}).
 *
 * <p>Ordered by processing time, or as {@code SELECT DISTINCT}, the first row seen is first:
 * insert-only and final at once. Ordered by an event-time column ({@link #orderTime()}), the first
 * is the earliest by that column (ties: the first seen), which rows arriving out of order can
 * change: in append mode ({@link #emitFinalOnly()}) it is emitted once the watermark reaches its
 * time, when it is final; otherwise it is emitted at once and updated when an earlier row arrives.
 *
 * <p>A key column carrying event time bounds the state by the watermark; without one, a {@link
 * StateTtl} may.
 */
public final class StreamDeduplicate extends PhysicalNode {
  private final int[] keys;
  private final int timeKey;
  private final int orderTime;
  private final boolean emitFinalOnly;
  private final StateTtl ttl;

  /** The first row seen per key. */
  public StreamDeduplicate(PhysicalNode input, int[] keys, int timeKey, StateTtl ttl) {
    this(input, keys, timeKey, -1, false, ttl);
  }

  /**
   * @param timeKey index into {@code keys} of an event-time column, or -1
   * @param orderTime the event-time input column rows are ordered by, or -1 for the first seen
   * @param emitFinalOnly with {@code orderTime}, whether the first row is emitted only once final
   * @param ttl how long a key stays without a time key ({@link StateTtl#NONE} with one)
   */
  public StreamDeduplicate(PhysicalNode input, int[] keys, int timeKey, int orderTime, boolean emitFinalOnly, StateTtl ttl) {
    super(input.rowType(), List.of(input));
    this.keys = keys;
    this.timeKey = timeKey;
    this.orderTime = orderTime;
    this.emitFinalOnly = orderTime >= 0 && emitFinalOnly;
    this.ttl = ttl;
  }

  public StateTtl ttl() {
    return ttl;
  }

  public int[] keys() {
    return keys;
  }

  public int timeKey() {
    return timeKey;
  }

  /** The event-time column the first row is the earliest by, or -1 when it is the first seen. */
  public int orderTime() {
    return orderTime;
  }

  public boolean emitFinalOnly() {
    return emitFinalOnly;
  }

  /** Updating when an earlier row can replace the first after it was emitted. */
  @Override
  public Changelog changelog() {
    return orderTime >= 0 && !emitFinalOnly ? Changelog.UPDATING : Changelog.INSERT_ONLY;
  }

  /** The key identifies the row that an earlier one updates; the first row seen is final, keyed by the whole row. */
  @Override
  public List<int[]> uniqueKeys() {
    return orderTime >= 0 ? List.of(keys) : List.of();
  }

  @Override
  public long closingOffset(int column) {
    return input().closingOffset(column);
  }

  @Override
  public String explain() {
    return "StreamDeduplicate(keys=" + names(rowType(), keys) + ", keep=first"
        + (orderTime >= 0 ? ", orderBy=" + fieldName(orderTime) + (emitFinalOnly ? ", emit=on-watermark" : "") : "")
        + (timeKey >= 0 ? ", evictBy=watermark" : "") + ttl.explain() + ")";
  }

  @Override
  public String state() {
    String kept = orderTime >= 0 ? "the earliest row by " + fieldName(orderTime) + " per distinct " + names(rowType(), keys)
        + ", then its key alone once the watermark reaches its time" : "one key per distinct " + names(rowType(), keys);
    return kept + ", " + (timeKey >= 0 ? "evicted by watermark" : ttl.rowRetention(input()));
  }

  @Override
  public <R> R accept(PhysicalVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
