package dev.sluice.runtime.state;

import java.util.Arrays;
import java.util.function.LongToIntFunction;

/**
 * Keyed state for keys that are one whole number or NULL, in one primitive array: an
 * open-addressing hash table (linear probing) from a {@code long} key to a slot, each slot the key
 * followed by a row of {@code width} longs that the table's owner reads and writes directly. No
 * object per key, so a key costs its share of the array only: {@code 8 * (1 + width)} bytes per
 * slot at a load of at most 3/4 once the table is large. The key sits beside its row so that
 * finding a key brings its row into the cache with it.
 *
 * <p>A key hashes as a {@link RowKey} of its boxed value would, so it belongs to the same {@link
 * KeyGroups key group} as in {@link KeyGroupedMap}; the table is laid out in {@link KeyGroups#COUNT}
 * equal segments, one per key group, where a key's probe starts, so the keys of one group are found
 * by scanning its segment (and the run of occupied slots that spills past its end).
 *
 * <p>Key 0 marks an empty slot; the key 0 itself and NULL live in two extra slots after the
 * table, {@link #capacity()} and {@code capacity() + 1}. Removal shifts later keys of the probe run
 * back (no tombstones), and growth rehashes: both move keys to other slots, so a slot number is
 * valid only until the next {@link #add}, {@link #addNull} or {@link #remove}. A row is all zeros
 * when its key is added.
 */
public final class LongKeyTable {
  /** The probe's start is the key group's segment plus at least one bit within it, so the smallest table has 2 slots per group. */
  private static final int MIN_SEGMENT_BITS = 1;

  private static final int KEY_GROUP_BITS = Integer.numberOfTrailingZeros(KeyGroups.COUNT);

  /**
   * Below this many slots the table stays at most 1/4 full, above it 3/4. A small table costs
   * little memory and stays in the cache when it doubles, and fewer keys collide; that matters
   * because {@link KeyGroups#of} spreads dense keys unevenly over the segments, so a table of a
   * thousand consecutive keys at 1/2 probes two slots per lookup on average and mispredicts the
   * loop's exit. A large table holds many keys per segment, which evens out.
   */
  private static final int SMALL_TABLE_SLOTS = 1 << 16;

  static {
    assert Integer.bitCount(KeyGroups.COUNT) == 1 : "segments per key group need a power-of-two group count";
  }

  private final int width;
  /** Longs per slot: the key, then the row. */
  private final int stride;
  private final boolean longHash;
  /** Slot {@code s} holds its key at {@code s * stride} (0: empty) and its row after it. */
  private long[] slots;
  private int segmentBits;
  private int capacity;
  private int mask;
  /** Occupied slots in the table proper, not counting the slots of 0 and NULL. */
  private int size;
  private boolean zeroPresent;
  private boolean nullPresent;

  /**
   * @param width longs per row
   * @param longHash whether keys hash as {@code Long} values ({@code BIGINT}, {@code TIMESTAMP}) rather
   *     than as {@code Integer}, {@code Short} or {@code Byte} values, whose hash is the value itself
   */
  public LongKeyTable(int width, boolean longHash) {
    this.width = width;
    this.stride = width + 1;
    this.longHash = longHash;
    allocate(MIN_SEGMENT_BITS);
  }

  private void allocate(int bits) {
    if (bits + KEY_GROUP_BITS > 30 || (long) ((KeyGroups.COUNT << bits) + 2) * (width + 1) > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("Grouped state cannot hold more than " + size() + " keys in one operator: its arrays would exceed "
          + "the largest Java array");
    }
    segmentBits = bits;
    capacity = KeyGroups.COUNT << bits;
    mask = capacity - 1;
    slots = new long[(capacity + 2) * stride];
  }

  /** The array holding the rows, each {@code width} longs from {@link #offset}; a new array after the table grows. */
  public long[] rows() {
    return slots;
  }

  /** Where the row of {@code slot} starts in {@link #rows()}. */
  public int offset(int slot) {
    return slot * stride + 1;
  }

  public int width() {
    return width;
  }

  /** Slots in the table proper; the slots of 0 and NULL follow. */
  public int capacity() {
    return capacity;
  }

  /** Keys held, NULL included. */
  public int size() {
    return size + (zeroPresent ? 1 : 0) + (nullPresent ? 1 : 0);
  }

  /** The slot of {@code key}, or -1. */
  public int slotOf(long key) {
    if (key == 0) return zeroPresent ? capacity : -1;
    int slot = home(key);
    long present;
    while ((present = slots[slot * stride]) != 0) {
      if (present == key) return slot;
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  /** The slot of NULL, or -1. */
  public int nullSlot() {
    return nullPresent ? capacity + 1 : -1;
  }

  /** Adds {@code key}, which must be absent, with a row of zeros; returns its slot. May grow the table. */
  public int add(long key) {
    assert slotOf(key) < 0 : "key " + key + " is present";
    if (key == 0) {
      zeroPresent = true;
      return capacity;
    }
    if (capacity < SMALL_TABLE_SLOTS ? 4L * (size + 1) > capacity : 4L * (size + 1) > 3L * capacity) grow();
    size++;
    return place(key);
  }

  /** Adds NULL, which must be absent, with a row of zeros; returns its slot. */
  public int addNull() {
    assert !nullPresent;
    nullPresent = true;
    return capacity + 1;
  }

  private int place(long key) {
    int slot = home(key);
    while (slots[slot * stride] != 0) slot = (slot + 1) & mask;
    slots[slot * stride] = key;
    return slot;
  }

  /** Whether {@code slot} holds the NULL key. */
  public boolean isNull(int slot) {
    return slot == capacity + 1;
  }

  /** The key in {@code slot}, which must be occupied and not NULL's. */
  public long key(int slot) {
    assert slot != capacity + 1;
    return slot == capacity ? 0 : slots[slot * stride];
  }

  /** The key group of the key in {@code slot}, as {@link RowKey#keyGroup()} of its boxed value. */
  public int keyGroup(int slot) {
    return isNull(slot) ? KeyGroups.of(31) : keyGroupOf(key(slot));
  }

  /** The key group of {@code key}: a {@link RowKey} of one value hashes as {@code 31 + value.hashCode()}. */
  private int keyGroupOf(long key) {
    return KeyGroups.of(31 + (longHash ? Long.hashCode(key) : (int) key));
  }

  /** Where the probe for {@code key} (not 0) starts: in its key group's segment, spread within it. */
  private int home(long key) {
    long h = key * 0x9E3779B97F4A7C15L; // 2^64 / golden ratio: Fibonacci hashing, then fold the high bits down
    h ^= h >>> 32;
    h ^= h >>> 16;
    return (keyGroupOf(key) << segmentBits) | ((int) h & ((1 << segmentBits) - 1));
  }

  /** Removes the key in {@code slot}; keys after it in its probe run move back, and its row becomes zeros. */
  public void remove(int slot) {
    if (slot >= capacity) {
      if (isNull(slot)) nullPresent = false;
      else zeroPresent = false;
      Arrays.fill(slots, slot * stride + 1, (slot + 1) * stride, 0);
      return;
    }
    size--;
    removeFromProbeRun(slots, stride, mask, slot, this::home);
  }

  /**
   * Empties {@code slot} of an open-addressing table with linear probing whose slots are {@code
   * stride} longs, the key first (0: empty): later keys of the probe run move back into the gap
   * unless their {@code home} slot lies after it, so no tombstone is left. Shared with the other
   * primitive tables of the runtime.
   */
  public static void removeFromProbeRun(long[] slots, int stride, int mask, int slot, LongToIntFunction home) {
    int free = slot;
    int next = slot;
    while (true) {
      next = (next + 1) & mask;
      long key = slots[next * stride];
      if (key == 0) break;
      int start = home.applyAsInt(key);
      // The key at next may fill the free slot unless its home lies cyclically in (free, next].
      boolean homeBetween = free <= next ? free < start && start <= next : free < start || start <= next;
      if (homeBetween) continue;
      System.arraycopy(slots, next * stride, slots, free * stride, stride);
      free = next;
    }
    Arrays.fill(slots, free * stride, (free + 1) * stride, 0);
  }

  private void grow() {
    long[] old = slots;
    int oldCapacity = capacity;
    allocate(segmentBits + 1);
    for (int slot = 0; slot < oldCapacity; slot++) {
      long key = old[slot * stride];
      if (key != 0) System.arraycopy(old, slot * stride + 1, slots, offset(place(key)), width);
    }
    // The slots of 0 and NULL follow the table, wherever it ends now.
    System.arraycopy(old, oldCapacity * stride, slots, capacity * stride, 2 * stride);
  }

  /**
   * The first occupied slot at or after {@code from}, those of 0 and NULL last, or -1: every key is
   * visited by {@code for (int s = nextSlot(0); s >= 0; s = nextSlot(s + 1))}.
   */
  public int nextSlot(int from) {
    for (int slot = from; slot < capacity; slot++) {
      if (slots[slot * stride] != 0) return slot;
    }
    if (from <= capacity && zeroPresent) return capacity;
    if (from <= capacity + 1 && nullPresent) return capacity + 1;
    return -1;
  }

  /** The slots of the keys in {@code keyGroup}, for a checkpoint; scans the group's segment. */
  public int[] slotsOf(int keyGroup) {
    int[] found = new int[8];
    int count = 0;
    int start = keyGroup << segmentBits;
    int end = start + (1 << segmentBits);
    for (int slot = start; slot < end; slot++) {
      long key = slots[slot * stride];
      if (key != 0 && keyGroupOf(key) == keyGroup) found = append(found, count++, slot);
    }
    // Keys whose probe ran past the segment sit in the run of occupied slots that follows it.
    for (int slot = end & mask; slots[slot * stride] != 0 && slot != start; slot = (slot + 1) & mask) {
      if (keyGroupOf(slots[slot * stride]) == keyGroup) found = append(found, count++, slot);
    }
    if (zeroPresent && keyGroupOf(0) == keyGroup) found = append(found, count++, capacity);
    if (nullPresent && KeyGroups.of(31) == keyGroup) found = append(found, count++, capacity + 1);
    return Arrays.copyOf(found, count);
  }

  private static int[] append(int[] found, int count, int slot) {
    if (count == found.length) found = Arrays.copyOf(found, count * 2);
    found[count] = slot;
    return found;
  }

  /** The bytes the table's arrays take on the heap, array headers included. */
  public long heapBytes() {
    return arrayBytes(slots.length, Long.BYTES);
  }

  /** An array's payload plus a 16-byte header (12-byte header and length, aligned to 8). */
  public static long arrayBytes(int length, int elementBytes) {
    return 16 + (long) length * elementBytes;
  }
}
