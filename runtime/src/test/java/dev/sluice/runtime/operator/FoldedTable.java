package dev.sluice.runtime.operator;

import dev.sluice.runtime.data.RowKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The table a changelog describes, as a multiset of rows: {@code +I} and {@code +U} add a row,
 * {@code -U} and {@code -D} remove one. Removing a row the table does not hold is an error, since
 * a consumer of the changelog (a sink, the next operator) could not apply it.
 */
final class FoldedTable {
  private final Map<RowValue, Integer> counts = new HashMap<>();

  /** A row compared by value, nested arrays included. */
  private record RowValue(Object[] values) {
    @Override
    public boolean equals(Object o) {
      return o instanceof RowValue other && Arrays.deepEquals(values, other.values);
    }

    @Override
    public int hashCode() {
      return Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
      return Arrays.deepToString(values);
    }
  }

  /** A table holding {@code rows}, for expected results. */
  static FoldedTable of(Object[]... rows) {
    FoldedTable table = new FoldedTable();
    for (Object[] row : rows) table.apply(RowKind.INSERT, row);
    return table;
  }

  /** Applies one change; throws an {@link AssertionError} when it removes a row the table does not hold. */
  void apply(RowKind kind, Object[] row) {
    RowValue value = new RowValue(row.clone());
    if (kind.isAccumulate()) {
      counts.merge(value, 1, Integer::sum);
      return;
    }
    Integer held = counts.get(value);
    if (held == null) {
      throw new AssertionError(kind.shortString() + value + " removes a row the folded changelog does not hold; it holds:\n" + this);
    }
    if (held == 1) counts.remove(value);
    else counts.put(value, held - 1);
  }

  /** Every row held, once per multiplicity, in no particular order. */
  List<Object[]> rows() {
    List<Object[]> rows = new ArrayList<>();
    counts.forEach((value, count) -> {
      for (int i = 0; i < count; i++) rows.add(value.values());
    });
    return rows;
  }

  boolean contains(Object... row) {
    return counts.containsKey(new RowValue(row));
  }

  /** Throws an {@link AssertionError} when two rows agree on {@code keyColumns}: the table is not keyed by them. */
  void assertUniqueKey(int[] keyColumns) {
    Map<RowValue, RowValue> byKey = new HashMap<>();
    for (Map.Entry<RowValue, Integer> e : counts.entrySet()) {
      Object[] key = new Object[keyColumns.length];
      for (int i = 0; i < keyColumns.length; i++) key[i] = e.getKey().values()[keyColumns[i]];
      RowValue previous = byKey.put(new RowValue(key), e.getKey());
      if (e.getValue() > 1 || previous != null) {
        throw new AssertionError("key " + Arrays.toString(keyColumns) + " = " + Arrays.deepToString(key) + " holds more than one row: "
            + e.getKey() + (previous == null ? " twice" : " and " + previous) + "; the table:\n" + this);
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FoldedTable other && counts.equals(other.counts);
  }

  @Override
  public int hashCode() {
    return counts.hashCode();
  }

  /** One row a line, sorted, with its multiplicity when above one: assertion failures show a readable diff. */
  @Override
  public String toString() {
    List<String> lines = new ArrayList<>();
    for (Map.Entry<RowValue, Integer> e : counts.entrySet()) lines.add("  " + e.getKey() + (e.getValue() > 1 ? " x" + e.getValue() : ""));
    lines.sort(null);
    return lines.isEmpty() ? "  (empty)" : String.join("\n", lines);
  }
}
