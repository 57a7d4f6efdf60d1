package dev.sluice.engine;

import dev.sluice.runtime.data.RowKind;
import java.util.Arrays;

/**
 * One row a query delivered: its values (TIMESTAMP as epoch milliseconds, DATE as epoch days)
 * and its kind: {@code INSERT} in append and complete mode; in update mode {@code INSERT} for a
 * new key, {@code UPDATE_AFTER} for a changed one, {@code DELETE} for a row that left the result.
 */
public record ResultRow(RowKind kind, Object[] values) {
  @Override
  public String toString() {
    return kind.shortString() + Arrays.toString(values);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResultRow r && r.kind == kind && Arrays.equals(r.values, values);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + Arrays.hashCode(values);
  }
}
