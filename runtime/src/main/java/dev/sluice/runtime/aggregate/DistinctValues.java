package dev.sluice.runtime.aggregate;

import dev.sluice.runtime.state.StateReader;
import dev.sluice.runtime.state.StateWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
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
 */
final class DistinctValues {
  private final int argument;
  /** Per call of the set: its filter column, or -1. Shared by all groups of the operator. */
  private final int[] filters;
  /** Per call of the set: the accumulator of its aggregate function, fed each distinct value once. */
  private final Accumulator[] inner;
  private final Map<Object, long[]> multiplicities = new HashMap<>();

  DistinctValues(int argument, int[] filters, Accumulator[] inner) {
    assert filters.length == inner.length;
    this.argument = argument;
    this.filters = filters;
    this.inner = inner;
  }

  /** Adds, or retracts, one input row for every call of the set whose filter it passes. */
  void accumulate(Object[] row, boolean add) {
    Object value = row[argument];
    if (value == null) return;
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
    for (Map.Entry<Object, long[]> e : other.multiplicities.entrySet()) {
      long[] theirs = e.getValue();
      long[] ours = multiplicities.get(e.getKey());
      if (ours == null) {
        ours = new long[filters.length];
        multiplicities.put(e.getKey(), ours);
      }
      for (int k = 0; k < filters.length; k++) {
        if (ours[k] == 0 && theirs[k] > 0) inner[k].add(value(e.getKey()));
        ours[k] += theirs[k];
      }
    }
  }

  /** The inner accumulators' states, then each value with one multiplicity per call. */
  void write(StateWriter out) throws IOException {
    for (Accumulator accumulator : inner) accumulator.write(out);
    out.writeInt(multiplicities.size());
    for (Map.Entry<Object, long[]> e : multiplicities.entrySet()) {
      out.writeValue(value(e.getKey()));
      for (long count : e.getValue()) out.writeLong(count);
    }
  }

  void read(StateReader in) throws IOException {
    for (Accumulator accumulator : inner) accumulator.read(in);
    multiplicities.clear();
    for (int n = in.readInt(); n > 0; n--) {
      Object value = in.readValue();
      long[] counts = new long[filters.length];
      for (int k = 0; k < counts.length; k++) counts[k] = in.readLong();
      multiplicities.put(key(value), counts);
    }
  }
}
