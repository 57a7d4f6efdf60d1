package dev.sluice.runtime.state;

/**
 * The key groups whose state changed since the last checkpoint, as a 128-bit set: marking one is
 * an OR on a long, so operators can mark on every update without measurable cost. The checkpoint
 * writes exactly the marked groups (a delta) and then clears the set.
 */
public final class ChangedKeyGroups {
  static {
    // Two longs hold one bit per key group.
    assert KeyGroups.COUNT == 2 * Long.SIZE;
  }

  private long low;
  private long high;

  public void mark(int keyGroup) {
    if (keyGroup < Long.SIZE) low |= 1L << keyGroup;
    else high |= 1L << (keyGroup - Long.SIZE);
  }

  public void markAll() {
    low = -1L;
    high = -1L;
  }

  public boolean contains(int keyGroup) {
    return keyGroup < Long.SIZE ? (low & (1L << keyGroup)) != 0 : (high & (1L << (keyGroup - Long.SIZE))) != 0;
  }

  public boolean isEmpty() {
    return low == 0 && high == 0;
  }

  public int count() {
    return Long.bitCount(low) + Long.bitCount(high);
  }

  public void clear() {
    low = 0;
    high = 0;
  }

  @Override
  public String toString() {
    return count() + " of " + KeyGroups.COUNT + " key groups";
  }
}
