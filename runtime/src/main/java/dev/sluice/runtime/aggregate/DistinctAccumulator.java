package dev.sluice.runtime.aggregate;

import dev.sluice.runtime.state.StateReader;
import dev.sluice.runtime.state.StateWriter;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Makes any aggregate count each distinct value once: the inner accumulator sees a value when
 * its multiplicity in the group goes from 0 to 1, and its retraction when it goes back to 0.
 */
final class DistinctAccumulator implements Accumulator {
  private final Accumulator inner;
  private final Map<Object, long[]> counts = new HashMap<>();

  DistinctAccumulator(Accumulator inner) {
    this.inner = inner;
  }

  @Override
  public void add(Object value) {
    if (value == null) return;
    long[] count = counts.computeIfAbsent(value, k -> new long[1]);
    if (count[0]++ == 0) inner.add(value);
  }

  @Override
  public void retract(Object value) {
    if (value == null) return;
    long[] count = counts.get(value);
    if (count == null) return;
    if (--count[0] == 0) {
      counts.remove(value);
      inner.retract(value);
    }
  }

  @Override
  public void merge(Accumulator other) {
    for (Map.Entry<Object, long[]> e : ((DistinctAccumulator) other).counts.entrySet()) {
      long[] count = counts.computeIfAbsent(e.getKey(), k -> new long[1]);
      if (count[0] == 0) inner.add(e.getKey());
      count[0] += e.getValue()[0];
    }
  }

  @Override
  public Object result() {
    return inner.result();
  }

  @Override
  public void write(StateWriter out) throws IOException {
    inner.write(out);
    out.writeInt(counts.size());
    for (Map.Entry<Object, long[]> e : counts.entrySet()) {
      out.writeValue(e.getKey());
      out.writeLong(e.getValue()[0]);
    }
  }

  @Override
  public void read(StateReader in) throws IOException {
    inner.read(in);
    counts.clear();
    for (int i = in.readInt(); i > 0; i--) {
      Object key = in.readValue();
      counts.put(key, new long[] {in.readLong()});
    }
  }
}
