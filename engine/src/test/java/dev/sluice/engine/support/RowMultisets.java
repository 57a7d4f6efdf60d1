package dev.sluice.engine.support;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    Unmatched unmatched = unmatched(expected, actual);
    if (unmatched.none()) return null;
    return "expected " + render(expected) + "\n  actual " + render(actual) + "\n  missing " + render(unmatched.missing())
        + "\n  extra   " + render(unmatched.extra());
  }

  /** The rows of one side that the other side lacks, counting copies. */
  public record Unmatched(List<Object[]> missing, List<Object[]> extra) {
    public boolean none() {
      return missing.isEmpty() && extra.isEmpty();
    }
  }

  /**
   * The rows of {@code expected} that {@code actual} lacks and the rows of {@code actual} that
   * {@code expected} lacks, as multisets. Rows with exactly equal values are paired by hashing, so
   * results of many thousands of rows compare quickly; what is left, such as floating-point values
   * equal only within {@link #RELATIVE_ERROR}, is paired one by one.
   */
  public static Unmatched unmatched(Collection<Object[]> expected, Collection<Object[]> actual) {
    Map<String, List<Object[]>> byKey = new HashMap<>();
    for (Object[] row : actual) byKey.computeIfAbsent(key(row), k -> new ArrayList<>()).add(row);
    List<Object[]> missing = new ArrayList<>();
    for (Object[] row : expected) {
      List<Object[]> same = byKey.get(key(row));
      if (same == null || same.isEmpty()) missing.add(row);
      else same.remove(same.size() - 1);
    }
    List<Object[]> extra = new ArrayList<>();
    for (List<Object[]> rows : byKey.values()) extra.addAll(rows);
    List<Object[]> stillMissing = new ArrayList<>();
    for (Object[] row : missing) {
      int found = -1;
      for (int i = 0; i < extra.size() && found < 0; i++) {
        if (rowsEqual(row, extra.get(i))) found = i;
      }
      if (found < 0) stillMissing.add(row);
      else extra.remove(found);
    }
    return new Unmatched(stillMissing, extra);
  }

  /** A text equal for two rows only if {@link #rowsEqual} holds for them. */
  private static String key(Object[] row) {
    StringBuilder sb = new StringBuilder();
    appendKey(row, sb);
    return sb.toString();
  }

  private static void appendKey(Object value, StringBuilder sb) {
    if (value == null) {
      sb.append('N');
    } else if (value instanceof Number n) {
      if (isFloating(n) && !Double.isFinite(n.doubleValue())) {
        // valuesEqual never holds for NaN: a key no other value has
        sb.append("F").append(System.identityHashCode(value)).append('@').append(n);
      } else {
        // floating point by its exact binary value, so equal keys mean equal doubles
        BigDecimal exact = isFloating(n) ? new BigDecimal(n.doubleValue()) : new BigDecimal(n.toString());
        sb.append('#').append(exact.stripTrailingZeros().toPlainString());
      }
    } else if (value instanceof List<?> list) {
      sb.append('[');
      for (Object element : list) {
        appendKey(element, sb);
        sb.append(',');
      }
      sb.append(']');
    } else if (value instanceof Object[] array) {
      sb.append('(');
      for (Object element : array) {
        appendKey(element, sb);
        sb.append(',');
      }
      sb.append(')');
    } else {
      String text = value.toString();
      sb.append(value.getClass().getName()).append(text.length()).append(':').append(text);
    }
    sb.append(';');
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
