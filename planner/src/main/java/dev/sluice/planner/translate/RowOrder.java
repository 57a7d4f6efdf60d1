package dev.sluice.planner.translate;

import java.util.Comparator;
import java.util.List;
import org.apache.calcite.rel.RelFieldCollation;

/** Orders rows as a collation says: per field, ascending or descending, NULLs first or last. */
public final class RowOrder {
  private RowOrder() {}

  /**
   * @param columns per collation field, the row column it reads (the collation's own field index,
   *     or where a projection moved it)
   */
  public static Comparator<Object[]> of(List<RelFieldCollation> fields, int[] columns) {
    int n = fields.size();
    boolean[] descending = new boolean[n];
    boolean[] nullsFirst = new boolean[n];
    for (int i = 0; i < n; i++) {
      RelFieldCollation f = fields.get(i);
      descending[i] = f.direction.isDescending();
      // SQL's default: NULLs sort as if larger than any value.
      nullsFirst[i] = f.nullDirection == RelFieldCollation.NullDirection.FIRST
          || (f.nullDirection == RelFieldCollation.NullDirection.UNSPECIFIED && descending[i]);
    }
    return (a, b) -> {
      for (int i = 0; i < n; i++) {
        Object x = a[columns[i]];
        Object y = b[columns[i]];
        int c;
        if (x == null || y == null) {
          c = x == y ? 0 : (x == null) == nullsFirst[i] ? -1 : 1;
        } else {
          @SuppressWarnings({"unchecked", "rawtypes"})
          int cmp = ((Comparable) x).compareTo(y);
          c = descending[i] ? -cmp : cmp;
        }
        if (c != 0) return c;
      }
      return 0;
    };
  }

  /** Orders rows by the collation's own field indexes. */
  public static Comparator<Object[]> of(List<RelFieldCollation> fields) {
    return of(fields, fields.stream().mapToInt(RelFieldCollation::getFieldIndex).toArray());
  }
}
