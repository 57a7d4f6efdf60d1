package dev.sluice.connectors.memory;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The values of a row at its key columns, compared by value: arrays element by element and decimals
 * numerically, so {@code 1.0} and {@code 1.00} are one key.
 */
final class RowKey {
  private final Object[] values;
  private final int hash;

  private RowKey(Object[] values) {
    this.values = values;
    this.hash = Arrays.deepHashCode(values);
  }

  /** The key of {@code row}: the values at {@code keyColumns}, or all of them when it is null. */
  static RowKey of(Object[] row, int[] keyColumns) {
    Object[] values;
    if (keyColumns == null) {
      values = row.clone();
    } else {
      values = new Object[keyColumns.length];
      for (int i = 0; i < keyColumns.length; i++) values[i] = row[keyColumns[i]];
    }
    for (int i = 0; i < values.length; i++) {
      if (values[i] instanceof BigDecimal decimal) values[i] = normalize(decimal);
    }
    return new RowKey(values);
  }

  private static BigDecimal normalize(BigDecimal decimal) {
    return decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RowKey key && hash == key.hash && Arrays.deepEquals(values, key.values);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return Arrays.deepToString(values);
  }
}
