package dev.sluice.runtime.state;

import java.util.Arrays;
import java.util.Objects;

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
    int h = 1;
    for (Object value : values) h = 31 * h + hash(value);
    this.hash = h;
    this.keyGroup = KeyGroups.of(hash);
  }

  /** The hash of one key value: by content for BINARY ({@code byte[]}), as for every other type. */
  static int hash(Object value) {
    if (value == null) return 0;
    return value instanceof byte[] bytes ? Arrays.hashCode(bytes) : value.hashCode();
  }

  /** Whether two key values are equal: NULLs equal each other, BINARY values compare by content. */
  static boolean same(Object a, Object b) {
    if (a instanceof byte[] x && b instanceof byte[] y) return Arrays.equals(x, y);
    return Objects.equals(a, b);
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
    if (!(o instanceof RowKey other) || hash != other.hash || values.length != other.values.length) return false;
    for (int i = 0; i < values.length; i++) {
      if (!same(values[i], other.values[i])) return false;
    }
    return true;
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
