package dev.sluice.runtime.aggregate;

/**
 * A hash set of {@code long} values, each with up to eight bits: which DISTINCT calls of a column
 * hold the value. For insert-only input, where a value once held is held for good, so {@link
 * LongCounts}' multiplicities (eight bytes per call) are not needed and nine bytes a slot suffice.
 * Open addressing with linear probing, at most half full; nothing is ever removed. Value 0 marks
 * an empty slot and keeps its bits in a field of its own.
 *
 * <p>Nexmark q16 counts the distinct bidders and auctions of a day per channel under four filters:
 * with counts its tables outgrew a 4 GiB heap after about 15 M events.
 */
final class LongMasks {
  private static final int MIN_CAPACITY = 4;

  private long[] values;
  private byte[] masks;
  private int mask;
  private int shift;
  /** Values in the table proper, not counting 0. */
  private int size;
  /** The bits of value 0; 0 when absent. */
  private byte zeroBits;

  LongMasks() {
    allocate(MIN_CAPACITY);
  }

  private void allocate(int capacity) {
    mask = capacity - 1;
    shift = 64 - Integer.numberOfTrailingZeros(capacity);
    values = new long[capacity];
    masks = new byte[capacity];
  }

  /** The values held. */
  int size() {
    return size + (zeroBits != 0 ? 1 : 0);
  }

  /**
   * Sets {@code bits} for {@code value}, adding the value if absent; returns the bits among {@code
   * bits} that were not set before.
   */
  int set(long value, int bits) {
    if (value == 0) {
      int fresh = bits & ~zeroBits;
      zeroBits |= (byte) bits;
      return fresh;
    }
    int slot = home(value);
    while (true) {
      long held = values[slot];
      if (held == value) break;
      if (held == 0) {
        if (2 * (size + 1) > values.length) {
          grow();
          return set(value, bits);
        }
        size++;
        values[slot] = value;
        break;
      }
      slot = (slot + 1) & mask;
    }
    int fresh = bits & ~masks[slot];
    masks[slot] |= (byte) bits;
    return fresh;
  }

  /** Calls {@code visitor} with each value and its bits. */
  void forEach(Visitor visitor) {
    if (zeroBits != 0) visitor.visit(0, zeroBits & 0xFF);
    for (int slot = 0; slot < values.length; slot++) {
      if (values[slot] != 0) visitor.visit(values[slot], masks[slot] & 0xFF);
    }
  }

  interface Visitor {
    void visit(long value, int bits);
  }

  private int home(long value) {
    return (int) ((value * 0x9E3779B97F4A7C15L) >>> shift);
  }

  private void grow() {
    long[] oldValues = values;
    byte[] oldMasks = masks;
    allocate(oldValues.length * 2);
    for (int old = 0; old < oldValues.length; old++) {
      long value = oldValues[old];
      if (value == 0) continue;
      int slot = home(value);
      while (values[slot] != 0) slot = (slot + 1) & mask;
      values[slot] = value;
      masks[slot] = oldMasks[old];
    }
  }
}
