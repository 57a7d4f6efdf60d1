package dev.sluice.connectors.memory;

import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.util.List;

/**
 * Checks a row given from code against a table's columns: its number of values, the class of each
 * value in the row representation of {@link TypeKind} (inside arrays and rows too), and NOT
 * NULL. A wrong row refused here names its table, row and column; accepted, it would fail later
 * inside some query's compiled expression with a bare ClassCastException.
 */
final class RowTypeCheck {
  private RowTypeCheck() {}

  /**
   * Refuses {@code row}, the {@code position}-th (from 1) of one append to {@code table}, unless it
   * fits {@code schema}.
   *
   * @throws IllegalArgumentException naming the table, row and column, and the value expected
   */
  static void check(String table, Schema schema, Object[] row, int position) {
    if (row.length != schema.size()) {
      throw new IllegalArgumentException("Row " + position + " appended to memory table '" + table + "' has " + row.length
          + " values, but the table has " + schema.size() + " columns " + schema);
    }
    for (int column = 0; column < row.length; column++) {
      Field field = schema.field(column);
      String problem = problem(field.type(), row[column]);
      if (problem != null) {
        throw new IllegalArgumentException("Row " + position + " appended to memory table '" + table + "', column '" + field.name()
            + "' (" + field.type() + "): " + problem);
      }
    }
  }

  /** What is wrong with {@code value} as a value of {@code type}, or null when nothing is. */
  private static String problem(DataType type, Object value) {
    if (value == null) return type.nullable() ? null : "the column is NOT NULL but the value is null";
    TypeKind kind = type.kind();
    if (kind == TypeKind.ANY) return null;
    if (!kind.javaClass().isInstance(value)) {
      return "expected " + representation(kind) + ", but got the " + value.getClass().getSimpleName() + " " + shortText(value);
    }
    if (kind == TypeKind.ARRAY && type.element() != null) {
      List<?> elements = (List<?>) value;
      for (int i = 0; i < elements.size(); i++) {
        String problem = problem(type.element(), elements.get(i));
        if (problem != null) return "element " + (i + 1) + ": " + problem;
      }
    }
    if (kind == TypeKind.ROW && !type.fields().isEmpty()) {
      Object[] fields = (Object[]) value;
      if (fields.length != type.fields().size()) {
        return "a ROW of " + type.fields().size() + " fields, but got " + fields.length + " values";
      }
      for (int i = 0; i < fields.length; i++) {
        String problem = problem(type.fields().get(i).type(), fields[i]);
        if (problem != null) return "field '" + type.fields().get(i).name() + "': " + problem;
      }
    }
    return null;
  }

  /** The value a column of {@code kind} holds, as the row representation of {@link TypeKind} says. */
  private static String representation(TypeKind kind) {
    return switch (kind) {
      case TIMESTAMP, TIMESTAMP_LTZ -> "a Long of epoch milliseconds";
      case DATE -> "an Integer of days since 1970-01-01";
      case TIME -> "an Integer of milliseconds since midnight";
      case INTERVAL_DAY_TIME -> "a Long of milliseconds";
      case INTERVAL_YEAR_MONTH -> "an Integer of months";
      case ARRAY -> "a java.util.List";
      case MAP -> "a java.util.Map";
      case ROW -> "an Object[] of the row's fields";
      case BINARY -> "a byte[]";
      default -> "a " + kind.javaClass().getSimpleName();
    };
  }

  private static String shortText(Object value) {
    String text = value instanceof Object[] array ? java.util.Arrays.deepToString(array) : String.valueOf(value);
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
