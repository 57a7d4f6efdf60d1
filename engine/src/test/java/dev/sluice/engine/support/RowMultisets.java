package dev.sluice.engine.support;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Compares result tables as multisets of rows: numbers by value whatever their Java class,
 * floating point within a relative error of 1e-9 (as FORMAT.md does), NULL only with NULL, lists
 * element by element.
 */
public final class RowMultisets {
  /** The relative error two floating-point results may differ by: FORMAT.md's tolerance. */
  public static final double RELATIVE_ERROR = 1e-9;

  private RowMultisets() {}

  /** Null when {@code actual} holds the same rows as {@code expected}, else what differs. */
  public static String difference(Collection<Object[]> expected, Collection<Object[]> actual) {
    List<Object[]> unmatched = new ArrayList<>(actual);
    List<Object[]> missing = new ArrayList<>();
    for (Object[] row : expected) {
      int found = -1;
      for (int i = 0; i < unmatched.size(); i++) {
        if (rowsEqual(row, unmatched.get(i))) {
          found = i;
          break;
        }
      }
      if (found < 0) missing.add(row);
      else unmatched.remove(found);
    }
    if (missing.isEmpty() && unmatched.isEmpty()) return null;
    return "expected " + render(expected) + "\n  actual " + render(actual) + "\n  missing " + render(missing) + "\n  extra   "
        + render(unmatched);
  }

  public static boolean rowsEqual(Object[] a, Object[] b) {
    if (a.length != b.length) return false;
    for (int i = 0; i < a.length; i++) {
      if (!valuesEqual(a[i], b[i])) return false;
    }
    return true;
  }

  public static boolean valuesEqual(Object a, Object b) {
    if (a == null || b == null) return a == b;
    if (a instanceof Number x && b instanceof Number y) {
      if (isFloating(x) || isFloating(y)) {
        double p = x.doubleValue();
        double q = y.doubleValue();
        return p == q || Math.abs(p - q) <= RELATIVE_ERROR * Math.max(Math.abs(p), Math.abs(q));
      }
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) return false;
      for (int i = 0; i < x.size(); i++) {
        if (!valuesEqual(x.get(i), y.get(i))) return false;
      }
      return true;
    }
    if (a instanceof Object[] x && b instanceof Object[] y) return rowsEqual(x, y);
    return a.equals(b);
  }

  private static boolean isFloating(Number n) {
    return n instanceof Double || n instanceof Float;
  }

  public static String render(Collection<Object[]> rows) {
    return rows.stream().map(Arrays::deepToString).collect(Collectors.joining(", ", "[", "]"));
  }
}
