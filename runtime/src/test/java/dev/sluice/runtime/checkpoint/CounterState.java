package dev.sluice.runtime.checkpoint;

import dev.sluice.runtime.state.ChangedKeyGroups;
import dev.sluice.runtime.state.KeyGroupedMap;
import dev.sluice.runtime.state.KeyGroupedState;
import dev.sluice.runtime.state.RowKey;
import dev.sluice.runtime.state.StateReader;
import dev.sluice.runtime.state.StateWriter;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/** A minimal stateful part for store tests: a counter per long key, and a total. */
final class CounterState implements KeyGroupedState {
  private final ChangedKeyGroups changes = new ChangedKeyGroups();
  private final KeyGroupedMap<long[]> counts = new KeyGroupedMap<>(changes);
  long total;

  void add(long key, long n) {
    RowKey k = new RowKey(new Object[] {key});
    long[] count = counts.get(k);
    if (count == null) counts.put(k, new long[] {n});
    else {
      count[0] += n;
      counts.markChanged(k);
    }
    total += n;
  }

  void remove(long key) {
    counts.remove(new RowKey(new Object[] {key}));
  }

  /** Key to count, sorted, for comparing. */
  Map<Long, Long> contents() {
    Map<Long, Long> contents = new TreeMap<>();
    for (RowKey k : counts.keys()) contents.put((Long) k.values()[0], counts.get(k)[0]);
    return contents;
  }

  @Override
  public ChangedKeyGroups changedKeyGroups() {
    return changes;
  }

  @Override
  public void writeShared(StateWriter out) throws IOException {
    out.writeLong(total);
  }

  @Override
  public void readShared(StateReader in) throws IOException {
    total = in.readLong();
  }

  @Override
  public void writeKeyGroup(int keyGroup, StateWriter out) throws IOException {
    Map<RowKey, long[]> group = counts.keyGroup(keyGroup);
    out.writeInt(group.size());
    for (Map.Entry<RowKey, long[]> e : group.entrySet()) {
      out.writeLong((Long) e.getKey().values()[0]);
      out.writeLong(e.getValue()[0]);
    }
  }

  @Override
  public void readKeyGroup(int keyGroup, StateReader in) throws IOException {
    for (int n = in.readInt(); n > 0; n--) counts.put(new RowKey(new Object[] {in.readLong()}), new long[] {in.readLong()});
  }
}
