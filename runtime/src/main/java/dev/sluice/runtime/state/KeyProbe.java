package dev.sluice.runtime.state;

/**
 * Finds the state of a row's key without making a {@link RowKey}: it hashes and compares the key
 * columns where they are, in the row. One probe per operator, pointed at each row in turn; a
 * {@code RowKey} is made only when a new key enters state.
 */
public final class KeyProbe {
  private final int[] columns;
  private Object[] row;
  private int hash;
  private int keyGroup;

  public KeyProbe(int[] columns) {
    this.columns = columns;
  }

  /** Points the probe at the key of {@code row}; returns this probe. */
  public KeyProbe of(Object[] row) {
    this.row = row;
    int h = 1;
    for (int column : columns) {
      h = 31 * h + RowKey.hash(row[column]);
    }
    this.hash = h;
    this.keyGroup = KeyGroups.of(h);
    return this;
  }

  /** The key the probe points at, as a new key for state. */
  public RowKey toKey() {
    return RowKey.of(row, columns);
  }

  int keyGroup() {
    return keyGroup;
  }

  /** Equal to a {@link RowKey} with the same values: the lookups of a hash map ask the probe. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RowKey key) || key.hashCode() != hash) return false;
    Object[] values = key.values();
    for (int i = 0; i < columns.length; i++) {
      if (!RowKey.same(row[columns[i]], values[i])) return false;
    }
    return true;
  }

  /** The same as the hash of the {@link RowKey} of the same values. */
  @Override
  public int hashCode() {
    return hash;
  }
}
