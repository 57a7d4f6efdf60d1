package dev.sluice.engine.jdbc;

import dev.sluice.engine.jdbc.ParameterizedSql.ParameterValue;
import dev.sluice.runtime.data.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * SQL literals of parameter values. Strings are quoted with {@code '} doubled inside; numbers are
 * written exactly (a negative one in parentheses, so {@code x -?} cannot become a comment);
 * doubles as approximate literals ({@code 1.5E0}); timestamps, dates and times as typed literals
 * of their wall-clock time, the inverse of what the getters return; bytes as {@code X'..'};
 * NULL as a typed {@code CAST(NULL AS ...)} when the caller named a type.
 */
final class SqlLiterals {
  private SqlLiterals() {}

  /** The literal of {@code parameter} where any expression may stand. */
  static String literal(int index, ParameterValue parameter) throws SQLException {
    Object value = parameter.value();
    String literal = value == null ? "NULL" : typedLiteral(index, value);
    String castTo = parameter.sqlType() == null ? null : typeName(parameter.sqlType());
    return castTo == null ? literal : "CAST(" + literal + " AS " + castTo + ")";
  }

  private static String typedLiteral(int index, Object value) throws SQLException {
    if (value instanceof String || value instanceof Character) return quote(value.toString());
    if (value instanceof Boolean b) return b ? "TRUE" : "FALSE";
    if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
      return signed(value.toString());
    }
    if (value instanceof BigDecimal d) return signed(d.toPlainString());
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new SQLException("Parameter " + index + " is " + d + ", which no SQL literal can hold", JdbcErrors.BAD_CONVERSION);
      }
      String text = value.toString();
      return signed(text.contains("E") ? text : text + "E0");
    }
    if (value instanceof Timestamp || value instanceof LocalDateTime) return "TIMESTAMP " + quote(timestampText(value));
    if (value instanceof java.sql.Date || value instanceof LocalDate) return "DATE " + quote(dateText(value));
    if (value instanceof Time || value instanceof LocalTime) return "TIME " + quote(timeText(value));
    if (value instanceof byte[] bytes) return "X'" + HexFormat.of().formatHex(bytes) + "'";
    throw unsupported(index, value);
  }

  /**
   * The string literal of {@code parameter}'s text, for a parameter where the grammar takes a
   * string: numbers and booleans as written, date-times as {@code yyyy-MM-dd HH:mm:ss[.SSS]}.
   */
  static String text(int index, ParameterValue parameter) throws SQLException {
    Object value = parameter.value();
    if (value == null) {
      throw new SQLException("Parameter " + index + " stands where Sluice takes a string (an option value, a SET value or an "
          + "interval) and cannot be NULL", JdbcErrors.BAD_CONVERSION);
    }
    String text;
    if (value instanceof String || value instanceof Character || value instanceof Boolean || value instanceof Byte || value instanceof Short
        || value instanceof Integer || value instanceof Long || value instanceof BigInteger || value instanceof Double || value instanceof Float) {
      text = value.toString();
    } else if (value instanceof BigDecimal d) {
      text = d.toPlainString();
    } else if (value instanceof Timestamp || value instanceof LocalDateTime) {
      text = timestampText(value);
    } else if (value instanceof java.sql.Date || value instanceof LocalDate) {
      text = dateText(value);
    } else if (value instanceof Time || value instanceof LocalTime) {
      text = timeText(value);
    } else {
      throw unsupported(index, value);
    }
    return quote(text);
  }

  static String quote(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  private static String signed(String number) {
    return number.startsWith("-") ? "(" + number + ")" : number;
  }

  /** A Timestamp's wall-clock time in this JVM's zone, as {@code getTimestamp} made it; milliseconds, as Sluice keeps. */
  private static String timestampText(Object value) {
    LocalDateTime time = value instanceof Timestamp t ? t.toLocalDateTime() : (LocalDateTime) value;
    return Values.formatTimestamp(time.toInstant(ZoneOffset.UTC).toEpochMilli());
  }

  private static String dateText(Object value) {
    return (value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value).toString();
  }

  private static String timeText(Object value) {
    LocalTime time;
    if (value instanceof Time t) {
      // Time.toLocalTime drops the milliseconds the Time holds.
      time = t.toLocalTime().withNano((int) Math.floorMod(t.getTime(), 1000L) * 1_000_000);
    } else {
      time = (LocalTime) value;
    }
    return Values.formatTime((int) (time.toNanoOfDay() / 1_000_000));
  }

  private static SQLException unsupported(int index, Object value) {
    return JdbcErrors.notSupported("parameters of class " + value.getClass().getName() + " (parameter " + index + "); pass a String, "
        + "a number, a Boolean, a Timestamp or LocalDateTime, a Date or LocalDate, a Time or LocalTime, or byte[]");
  }

  /** The Sluice type of a {@link Types} code, for a CAST; null where there is none to name. */
  static String typeName(int sqlType) {
    return switch (sqlType) {
      case Types.BOOLEAN, Types.BIT -> "BOOLEAN";
      case Types.TINYINT -> "TINYINT";
      case Types.SMALLINT -> "SMALLINT";
      case Types.INTEGER -> "INT";
      case Types.BIGINT -> "BIGINT";
      case Types.REAL -> "FLOAT";
      case Types.FLOAT, Types.DOUBLE -> "DOUBLE";
      case Types.DECIMAL, Types.NUMERIC -> "DECIMAL";
      case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR -> "VARCHAR";
      case Types.DATE -> "DATE";
      case Types.TIME -> "TIME";
      case Types.TIMESTAMP -> "TIMESTAMP(3)";
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> "VARBINARY";
      default -> null;
    };
  }
}
