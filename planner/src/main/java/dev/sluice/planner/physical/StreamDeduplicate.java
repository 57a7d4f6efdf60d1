package dev.sluice.planner.physical;

import java.util.List;

/**
 * Keeps the first row per key ({@code ROW_NUMBER() OVER (PARTITION BY key ORDER BY ...) = 1}):
 * insert-only and final. A key column carrying event time bounds the state by the watermark;
 * without one, a {@link StateTtl} may.
 */
public final class StreamDeduplicate extends PhysicalNode {
  private final int[] keys;
  private final int timeKey;
  private final StateTtl ttl;

  /**
   * @param timeKey index into {@code keys} of an event-time column, or -1
   * @param ttl how long a key stays without a time key ({@link StateTtl#NONE} with one)
   */
  public StreamDeduplicate(PhysicalNode input, int[] keys, int timeKey, StateTtl ttl) {
    super(input.rowType(), List.of(input));
    this.keys = keys;
    this.timeKey = timeKey;
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

  @Override
  public Changelog changelog() {
    return Changelog.INSERT_ONLY;
  }

  @Override
  public long closingOffset(int column) {
    return input().closingOffset(column);
  }

  @Override
  public String explain() {
    return "StreamDeduplicate(keys=" + names(rowType(), keys) + ", keep=first" + (timeKey >= 0 ? ", evictBy=watermark" : "") + ttl.explain() + ")";
  }

  @Override
  public String state() {
    return "one key per distinct " + names(rowType(), keys) + ", " + (timeKey >= 0 ? "evicted by watermark" : ttl.rowRetention(input()));
  }

  @Override
  public <R> R accept(PhysicalVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
