package dev.sluice.runtime.aggregate;

import dev.sluice.runtime.state.LongKeyTable;
import java.util.Arrays;

/**
 * A hash table from a {@code long} value to {@code width} counts, in one primitive array: each
 * slot is the value followed by its counts, so finding a value brings its counts into the cache
 * with it. Open addressing with linear probing, at most half full; removal moves later values of
 * the probe run back, so there are no tombstones. Value 0 marks an empty slot and lives in an extra
 * slot after the table.
 *
 * <p>The distinct values of a BIGINT column in a group, where a {@code HashMap} from boxed value
 * to count array cost three objects per value and a cache miss for each (Nexmark q16 spent 40% of
 * its time in those lookups).
 */
final class LongCounts {
  private static final int MIN_CAPACITY = 4;

  private final int width;
  private final int stride;
  /** Slot {@code s} holds its value at {@code s * stride} (0: empty) and its counts after it. */
  private long[] slots;
  private int capacity;
  private int mask;
  private int shift;
  /** Values in the table proper, not counting 0. */
  private int size;
  private boolean zeroPresent;

  LongCounts(int width) {
    this.width = width;
    this.stride = width + 1;
    allocate(MIN_CAPACITY);
  }

  private void allocate(int slotCount) {
    capacity = slotCount;
    mask = slotCount - 1;
    shift = 64 - Integer.numberOfTrailingZeros(slotCount);
    slots = new long[(slotCount + 1) * stride];
  }

  /** The values held. */
  int size() {
    return size + (zeroPresent ? 1 : 0);
  }

  /** The array holding the counts; a new one after {@link #add} grows the table. */
  long[] counts() {
    return slots;
  }

  /** Where the counts of {@code slot} start in {@link #counts()}. */
  int offset(int slot) {
    return slot * stride + 1;
  }

  /** The slot of {@code value}, or -1. */
  int slotOf(long value) {
    if (value == 0) return zeroPresent ? capacity : -1;
    for (int slot = home(value); ; slot = (slot + 1) & mask) {
      long held = slots[slot * stride];
      if (held == value) return slot;
      if (held == 0) return -1;
    }
  }

  /** Adds {@code value}, which must be absent, with zero counts; returns its slot. May grow the table. */
  int add(long value) {
    if (value == 0) {
      zeroPresent = true;
      return capacity;
    }
    if (2 * (size + 1) > capacity) grow();
    size++;
    return place(value);
  }

  /** The value in {@code slot}. */
  long value(int slot) {
    return slot == capacity ? 0 : slots[slot * stride];
  }

  /** Whether {@code slot} holds a value, for walking slots 0 to {@link #slotCount()}. */
  boolean isOccupied(int slot) {
    return slot == capacity ? zeroPresent : slots[slot * stride] != 0;
  }

  /** Slots to walk, the extra slot of 0 included. */
  int slotCount() {
    return capacity + 1;
  }

  /** Removes the value in {@code slot}; values after it in its probe run move back. */
  void remove(int slot) {
    if (slot == capacity) {
      zeroPresent = false;
      Arrays.fill(slots, slot * stride + 1, (slot + 1) * stride, 0);
      return;
    }
    size--;
    LongKeyTable.removeFromProbeRun(slots, stride, mask, slot, this::home);
  }

  private int home(long value) {
    return (int) ((value * 0x9E3779B97F4A7C15L) >>> shift);
  }

  private int place(long value) {
    int slot = home(value);
    while (slots[slot * stride] != 0) slot = (slot + 1) & mask;
    slots[slot * stride] = value;
    return slot;
  }

  private void grow() {
    long[] old = slots;
    int oldCapacity = capacity;
    allocate(capacity * 2);
    for (int slot = 0; slot < oldCapacity; slot++) {
      long value = old[slot * stride];
      if (value != 0) System.arraycopy(old, slot * stride + 1, slots, place(value) * stride + 1, width);
    }
    System.arraycopy(old, oldCapacity * stride, slots, capacity * stride, stride);
  }
}
