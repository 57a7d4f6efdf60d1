package dev.sluice.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.runtime.data.Values;
import dev.sluice.runtime.type.DataType;
import java.math.BigDecimal;
import java.util.List;

/**
 * Compares scenario values with delivered ones as FORMAT.md says: numbers numerically (floating
 * point within a relative error of 1e-9), timestamps as text with insignificant trailing zero
 * fractions, NULL only with NULL.
 */
final class ValueMatcher {
  private static final double RELATIVE_ERROR = 1e-9;

  private ValueMatcher() {}

  static boolean rowMatches(JsonNode expected, Object[] actual, List<DataType> types) {
    if (expected.size() != actual.length) return false;
    for (int i = 0; i < actual.length; i++) {
      if (!valueMatches(expected.get(i), actual[i], types.get(i))) return false;
    }
    return true;
  }

  static boolean valueMatches(JsonNode expected, Object actual, DataType type) {
    if (expected == null || expected.isNull()) return actual == null;
    if (actual == null) return false;
    switch (type.kind()) {
      case TIMESTAMP, TIMESTAMP_LTZ -> {
        if (!expected.isTextual()) return false;
        try {
          return Values.parseTimestamp(expected.asText()) == ((Number) actual).longValue();
        } catch (RuntimeException e) {
          return false;
        }
      }
      case DATE -> {
        return expected.isTextual() && Values.parseDate(expected.asText()) == ((Number) actual).intValue();
      }
      default -> {}
    }
    if (expected.isNumber() && actual instanceof Number n) {
      if (actual instanceof Double || actual instanceof Float || expected.isFloatingPointNumber()) {
        double e = expected.asDouble();
        double a = n.doubleValue();
        return e == a || Math.abs(e - a) <= RELATIVE_ERROR * Math.max(Math.abs(e), Math.abs(a));
      }
      return expected.decimalValue().compareTo(new BigDecimal(n.toString())) == 0;
    }
    if (expected.isBoolean()) return actual instanceof Boolean b && b == expected.asBoolean();
    if (expected.isTextual()) return expected.asText().equals(actual.toString());
    if (expected.isArray() && actual instanceof List<?> list) {
      if (list.size() != expected.size()) return false;
      DataType element = type.element() == null ? DataType.of(dev.sluice.runtime.type.TypeKind.ANY) : type.element();
      for (int i = 0; i < list.size(); i++) {
        if (!valueMatches(expected.get(i), list.get(i), element)) return false;
      }
      return true;
    }
    return false;
  }

  /** A delivered row as a scenario file would write it. */
  static String render(Object[] row, List<DataType> types) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < row.length; i++) {
      if (i > 0) sb.append(", ");
      Object v = row[i];
      DataType type = i < types.size() ? types.get(i) : DataType.of(dev.sluice.runtime.type.TypeKind.ANY);
      if (v == null) sb.append("null");
      else if (v instanceof String || type.kind() == dev.sluice.runtime.type.TypeKind.TIMESTAMP || type.kind() == dev.sluice.runtime.type.TypeKind.DATE) {
        sb.append('"').append(Values.toDisplayString(v, type)).append('"');
      } else {
        sb.append(Values.toDisplayString(v, type));
      }
    }
    return sb.append(']').toString();
  }
}
