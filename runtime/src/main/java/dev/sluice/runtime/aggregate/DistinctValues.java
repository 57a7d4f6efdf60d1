package dev.sluice.runtime.aggregate;

import dev.sluice.runtime.state.StateReader;
import dev.sluice.runtime.state.StateWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct values of one argument column in one group, shared by every DISTINCT call on that
 * column (as Flink's distinct view is): one map from value to a multiplicity per call, where a
 * call counts only the rows that pass its {@code FILTER}. So {@code COUNT(DISTINCT x)} and {@code
 * COUNT(DISTINCT x) FILTER (WHERE ...)} cost one lookup per row, not one each, and store each
 * value once.
 *
 * <p>A call's inner accumulator sees a value when the call's multiplicity of it goes from 0 to 1,
 * and its retraction when it goes back to 0. NULL values are ignored, as is the retraction of a
 * value the call does not hold. A value leaves the map when no call holds it.
 *
 * <p>Over insert-only input a value, once held, stays held, so BIGINT values keep one bit per call
 * ({@link LongMasks}) instead of a multiplicity; the checkpoint layout is the same either way.
 */
final class DistinctValues {
  private final int argument;
  /** Per call of the set: its filter column, or -1. Shared by all groups of the operator. */
  private final int[] filters;
  /** Per call of the set: the accumulator of its aggregate function, fed each distinct value once. */
  private final Accumulator[] inner;
  /** Whether no row is ever retracted, so BIGINT values keep {@link #bits}, not {@link #longs}. */
  private final boolean insertOnly;
  /** BIGINT values, while every value seen is one, if rows may be retracted; null until the first. */
  private LongCounts longs;
  /** BIGINT values, while every value seen is one, if no row is retracted; null until the first. */
  private LongMasks bits;
  /** Values of any other type: from value to a multiplicity per call. */
  private Map<Object, long[]> multiplicities;

  /** @param insertOnly whether rows are only ever added, never retracted */
  DistinctValues(int argument, int[] filters, Accumulator[] inner, boolean insertOnly) {
    assert filters.length == inner.length;
    this.argument = argument;
    this.filters = filters;
    this.inner = inner;
    this.insertOnly = insertOnly && filters.length <= Byte.SIZE;
  }

  /** Adds, or retracts, one input row for every call of the set whose filter it passes. */
  void accumulate(Object[] row, boolean add) {
    Object value = row[argument];
    if (value == null) return;
    if (value instanceof Long number && multiplicities == null) {
      if (insertOnly) accumulateBits(number, row, add);
      else accumulateLong(number, row, add);
      return;
    }
    if (multiplicities == null) toMap();
    long[] counts = multiplicities.get(key(value));
    if (add) {
      if (counts == null) {
        if (!passesAny(row)) return; // no entry for a value no call holds
        counts = new long[filters.length];
        multiplicities.put(key(value), counts);
      }
      for (int k = 0; k < filters.length; k++) {
        if (passes(row, filters[k]) && counts[k]++ == 0) inner[k].add(value);
      }
    } else {
      if (counts == null) return; // a retraction of a value no call holds: nothing to undo
      boolean held = false;
      for (int k = 0; k < filters.length; k++) {
        if (counts[k] > 0 && passes(row, filters[k]) && --counts[k] == 0) inner[k].retract(value);
        held |= counts[k] > 0;
      }
      if (!held) multiplicities.remove(key(value));
    }
  }

  /** {@link #accumulate} of a BIGINT value, whose counts sit beside it in a primitive table. */
  private void accumulateLong(Long value, Object[] row, boolean add) {
    if (longs == null) longs = new LongCounts(filters.length);
    int slot = longs.slotOf(value);
    if (add) {
      if (slot < 0) {
        if (!passesAny(row)) return;
        slot = longs.add(value);
      }
      long[] counts = longs.counts();
      int at = longs.offset(slot);
      for (int k = 0; k < filters.length; k++) {
        if (passes(row, filters[k]) && counts[at + k]++ == 0) inner[k].add(value);
      }
    } else {
      if (slot < 0) return;
      long[] counts = longs.counts();
      int at = longs.offset(slot);
      boolean held = false;
      for (int k = 0; k < filters.length; k++) {
        if (counts[at + k] > 0 && passes(row, filters[k]) && --counts[at + k] == 0) inner[k].retract(value);
        held |= counts[at + k] > 0;
      }
      if (!held) longs.remove(slot);
    }
  }

  /** {@link #accumulate} of a BIGINT value of insert-only input: sets a bit per call the row passes. */
  private void accumulateBits(Long value, Object[] row, boolean add) {
    if (!add) throw new IllegalStateException("a retraction reached DISTINCT state kept for insert-only input");
    int passed = 0;
    for (int k = 0; k < filters.length; k++) {
      if (passes(row, filters[k])) passed |= 1 << k;
    }
    if (passed == 0) return;
    if (bits == null) bits = new LongMasks();
    for (int fresh = bits.set(value, passed); fresh != 0; fresh &= fresh - 1) {
      inner[Integer.numberOfTrailingZeros(fresh)].add(value);
    }
  }

  /** Moves the values to the map, for a value that is not a BIGINT (a column holds one type, so only ever at the start). */
  private void toMap() {
    multiplicities = new HashMap<>();
    if (longs == null && bits == null) return;
    for (Map.Entry<Object, long[]> e : entries()) multiplicities.put(e.getKey(), e.getValue());
    longs = null;
    bits = null;
  }

  /** Each value (as its map key) with its multiplicities, copied. */
  private List<Map.Entry<Object, long[]>> entries() {
    List<Map.Entry<Object, long[]>> entries = new ArrayList<>();
    if (multiplicities != null) {
      for (Map.Entry<Object, long[]> e : multiplicities.entrySet()) entries.add(Map.entry(e.getKey(), e.getValue().clone()));
    }
    if (longs != null) {
      for (int slot = 0; slot < longs.slotCount(); slot++) {
        if (!longs.isOccupied(slot)) continue;
        int at = longs.offset(slot);
        entries.add(Map.entry(longs.value(slot), Arrays.copyOfRange(longs.counts(), at, at + filters.length)));
      }
    }
    if (bits != null) {
      bits.forEach((value, held) -> {
        long[] counts = new long[filters.length];
        for (int k = 0; k < counts.length; k++) counts[k] = (held >>> k) & 1;
        entries.add(Map.entry(value, counts));
      });
    }
    return entries;
  }

  /** The map key of a value: BINARY values ({@code byte[]}) are equal by content. */
  private static Object key(Object value) {
    return value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
  }

  /** The value a map key stands for. */
  private static Object value(Object key) {
    return key instanceof ByteBuffer buffer ? buffer.array() : key;
  }

  private boolean passesAny(Object[] row) {
    for (int filter : filters) {
      if (passes(row, filter)) return true;
    }
    return false;
  }

  private static boolean passes(Object[] row, int filter) {
    return filter < 0 || Boolean.TRUE.equals(row[filter]);
  }

  /** Adds the values {@code other} (of the same calls) holds, as when two sessions merge. */
  void merge(DistinctValues other) {
    for (Map.Entry<Object, long[]> e : other.entries()) {
      Object value = value(e.getKey());
      long[] theirs = e.getValue();
      for (int k = 0; k < filters.length; k++) {
        if (theirs[k] > 0 && add(value, k, theirs[k]) == 0) inner[k].add(value);
      }
    }
  }

  /** Adds {@code count} to call {@code call}'s multiplicity of {@code value}; returns what it was. */
  private long add(Object value, int call, long count) {
    if (value instanceof Long number && multiplicities == null && insertOnly) {
      if (count == 0) return 0;
      if (bits == null) bits = new LongMasks();
      return bits.set(number, 1 << call) == 0 ? 1 : 0;
    }
    if (value instanceof Long number && multiplicities == null) {
      if (longs == null) longs = new LongCounts(filters.length);
      int slot = longs.slotOf(number);
      if (slot < 0) slot = longs.add(number);
      int at = longs.offset(slot) + call;
      long before = longs.counts()[at];
      longs.counts()[at] = before + count;
      return before;
    }
    if (multiplicities == null) toMap();
    long[] counts = multiplicities.computeIfAbsent(key(value), v -> new long[filters.length]);
    long before = counts[call];
    counts[call] = before + count;
    return before;
  }

  /** The inner accumulators' states, then each value with one multiplicity per call. */
  void write(StateWriter out) throws IOException {
    for (Accumulator accumulator : inner) accumulator.write(out);
    List<Map.Entry<Object, long[]>> entries = entries();
    out.writeInt(entries.size());
    for (Map.Entry<Object, long[]> e : entries) {
      out.writeValue(value(e.getKey()));
      for (long count : e.getValue()) out.writeLong(count);
    }
  }

  void read(StateReader in) throws IOException {
    for (Accumulator accumulator : inner) accumulator.read(in);
    longs = null;
    bits = null;
    multiplicities = null;
    for (int n = in.readInt(); n > 0; n--) {
      Object value = in.readValue();
      for (int k = 0; k < filters.length; k++) add(value, k, in.readLong());
    }
  }
}
