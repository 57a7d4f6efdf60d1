package dev.sluice.planner.physical;

import java.util.List;

/**
 * Keeps the first row per key ({@code ROW_NUMBER() OVER (PARTITION BY key ORDER BY ...) = 1}):
 * insert-only and final. A key column carrying event time bounds the state by the watermark.
 */
public final class StreamDeduplicate extends PhysicalNode {
  private final int[] keys;
  private final int timeKey;

  /** @param timeKey index into {@code keys} of an event-time column, or -1 */
  public StreamDeduplicate(PhysicalNode input, int[] keys, int timeKey) {
    super(input.rowType(), List.of(input));
    this.keys = keys;
    this.timeKey = timeKey;
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
    return "StreamDeduplicate(keys=" + names(rowType(), keys) + ", keep=first" + (timeKey >= 0 ? ", evictBy=watermark" : "") + ")";
  }

  @Override
  public String state() {
    return "one key per distinct " + names(rowType(), keys) + (timeKey >= 0 ? ", evicted by watermark" : ", kept forever");
  }

  @Override
  public <R> R accept(PhysicalVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
