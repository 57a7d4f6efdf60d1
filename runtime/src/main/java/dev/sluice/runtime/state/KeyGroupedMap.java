package dev.sluice.runtime.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keyed operator state: a hash map per key group, so a key is still found with one hash lookup
 * while a checkpoint can write one key group without scanning the others. Every insertion and
 * removal marks the key's group in a {@link ChangedKeyGroups}; an operator that changes a value in
 * place says so with {@link #markChanged}. Several maps of one operator may share one set.
 *
 * @param <V> the state kept per key
 */
public final class KeyGroupedMap<V> {
  @SuppressWarnings("unchecked")
  private final HashMap<RowKey, V>[] groups = new HashMap[KeyGroups.COUNT];
  private final ChangedKeyGroups changes;
  private int size;

  public KeyGroupedMap(ChangedKeyGroups changes) {
    this.changes = changes;
  }

  public V get(RowKey key) {
    HashMap<RowKey, V> group = groups[key.keyGroup()];
    return group == null ? null : group.get(key);
  }

  /** The value of the key {@code probe} points at, found without making its {@link RowKey}. */
  public V get(KeyProbe probe) {
    HashMap<RowKey, V> group = groups[probe.keyGroup()];
    return group == null ? null : group.get(probe);
  }

  /** Puts {@code value} for {@code key} and marks the key's group changed; returns the previous value. */
  public V put(RowKey key, V value) {
    int keyGroup = key.keyGroup();
    HashMap<RowKey, V> group = groups[keyGroup];
    if (group == null) {
      group = new HashMap<>();
      groups[keyGroup] = group;
    }
    V previous = group.put(key, value);
    if (previous == null) size++;
    changes.mark(keyGroup);
    return previous;
  }

  /**
   * Puts {@code value} unless {@code key} is there already; marks the group changed only when it
   * put. Returns the value that was there, or null when it put.
   */
  public V putIfAbsent(RowKey key, V value) {
    int keyGroup = key.keyGroup();
    HashMap<RowKey, V> group = groups[keyGroup];
    if (group == null) {
      group = new HashMap<>();
      groups[keyGroup] = group;
    }
    V present = group.putIfAbsent(key, value);
    if (present == null) {
      size++;
      changes.mark(keyGroup);
    }
    return present;
  }

  /** Removes {@code key}, marking its group changed when it was there; returns its value or null. */
  public V remove(RowKey key) {
    int keyGroup = key.keyGroup();
    HashMap<RowKey, V> group = groups[keyGroup];
    if (group == null) return null;
    V removed = group.remove(key);
    if (removed != null) {
      size--;
      changes.mark(keyGroup);
    }
    return removed;
  }

  /** Records that the value of {@code key} was changed in place. */
  public void markChanged(RowKey key) {
    changes.mark(key.keyGroup());
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** The entries of one key group, read-only, for writing it to a checkpoint. */
  public Map<RowKey, V> keyGroup(int keyGroup) {
    HashMap<RowKey, V> group = groups[keyGroup];
    return group == null ? Map.of() : Collections.unmodifiableMap(group);
  }

  /** Every key, group by group; allocates, so not for the hot path. */
  public List<RowKey> keys() {
    List<RowKey> keys = new ArrayList<>(size);
    for (HashMap<RowKey, V> group : groups) {
      if (group != null) keys.addAll(group.keySet());
    }
    return keys;
  }

  public void clear() {
    for (int g = 0; g < groups.length; g++) {
      if (groups[g] != null && !groups[g].isEmpty()) changes.mark(g);
      groups[g] = null;
    }
    size = 0;
  }
}
