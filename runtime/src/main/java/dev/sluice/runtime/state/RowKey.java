package dev.sluice.runtime.state;

import java.util.Arrays;

/**
 * The key of a row in keyed state: some of its columns, compared by value (NULLs equal each
 * other, as GROUP BY wants). The hash is computed once.
 */
public final class RowKey {
  private final Object[] values;
  private final int hash;
  /** Computed with the hash: keyed state looks it up on every access. */
  private final int keyGroup;

  public RowKey(Object[] values) {
    this.values = values;
    this.hash = Arrays.hashCode(values);
    this.keyGroup = KeyGroups.of(hash);
  }

  /** The key made of {@code columns} of {@code row}. */
  public static RowKey of(Object[] row, int[] columns) {
    Object[] values = new Object[columns.length];
    for (int i = 0; i < columns.length; i++) values[i] = row[columns[i]];
    return new RowKey(values);
  }

  public Object[] values() {
    return values;
  }

  /** The key group this key belongs to, out of {@link KeyGroups#COUNT}. */
  public int keyGroup() {
    return keyGroup;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RowKey other && hash == other.hash && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return Arrays.toString(values);
  }
}
