package dev.sluice.engine.jdbc;

import dev.sluice.runtime.data.Values;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.TypeKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Turns the engine's row values into what the JDBC getters return.
 *
 * <p>Rows hold TIMESTAMP as epoch milliseconds of a wall-clock time with no time zone, DATE as
 * epoch days and TIME as milliseconds of the day. They are read as {@link LocalDateTime}, {@link
 * LocalDate} and {@link LocalTime} (the milliseconds taken as UTC, so no zone ever shifts them),
 * and become {@link Timestamp}, {@link Date} and {@link Time} through their {@code valueOf}: a
 * row's {@code 2024-05-01 12:00:00} prints as that in any JVM time zone. A {@code Calendar}
 * passed to a getter names the zone in which that wall-clock time is meant instead.
 * TIMESTAMP_LTZ is an instant and stays one.
 */
final class JdbcValues {
  private JdbcValues() {}

  /** What {@code getObject} returns; see {@link JdbcTypes#className}. */
  static Object toObject(DataType type, Object value) {
    if (value == null) return null;
    return switch (type.kind()) {
      case DATE -> Date.valueOf(localDate(value));
      case TIME -> time(localTime(value));
      case TIMESTAMP -> Timestamp.valueOf(localDateTime(value));
      case TIMESTAMP_LTZ -> Instant.ofEpochMilli(((Number) value).longValue()).atOffset(ZoneOffset.UTC);
      case INTERVAL_DAY_TIME -> Duration.ofMillis(((Number) value).longValue());
      case INTERVAL_YEAR_MONTH -> Period.ofMonths(((Number) value).intValue()).normalized();
      case ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (Object element : (List<?>) value) list.add(type.element() == null ? element : toObject(type.element(), element));
        yield list;
      }
      case ROW -> {
        Object[] fields = ((Object[]) value).clone();
        for (int i = 0; i < fields.length && i < type.fields().size(); i++) fields[i] = toObject(type.fields().get(i).type(), fields[i]);
        yield fields;
      }
      case BINARY -> binary(value);
      default -> value;
    };
  }

  /** What {@code getString} returns: the text the shell shows, numbers without exponents. */
  static String toText(DataType type, Object value) {
    if (value == null) return null;
    if (value instanceof BigDecimal decimal) return decimal.toPlainString();
    if (type.kind() == TypeKind.BINARY) return java.util.Base64.getEncoder().encodeToString(binary(value));
    return Values.toDisplayString(value, type);
  }

  static boolean toBoolean(DataType type, Object value) throws SQLException {
    if (value == null) return false;
    if (value instanceof Boolean b) return b;
    if (type.kind().isNumeric()) return ((Number) value).doubleValue() != 0;
    if (value instanceof String s) {
      String t = s.trim();
      if (t.equalsIgnoreCase("true") || t.equals("1")) return true;
      if (t.equalsIgnoreCase("false") || t.equals("0")) return false;
    }
    throw JdbcErrors.conversion(value, "BOOLEAN");
  }

  /** A whole number within {@code [min, max]}; a fraction is cut off toward zero, as JDBC drivers do. */
  static long toLong(DataType type, Object value, long min, long max, String target) throws SQLException {
    if (value == null) return 0;
    BigDecimal number = toBigDecimal(type, value);
    BigInteger whole = number.setScale(0, RoundingMode.DOWN).toBigIntegerExact();
    if (whole.compareTo(BigInteger.valueOf(min)) < 0 || whole.compareTo(BigInteger.valueOf(max)) > 0) {
      throw JdbcErrors.outOfRange(value, target);
    }
    return whole.longValue();
  }

  static double toDouble(DataType type, Object value) throws SQLException {
    if (value == null) return 0;
    if (type.kind().isNumeric()) return ((Number) value).doubleValue();
    if (value instanceof Boolean b) return b ? 1 : 0;
    if (value instanceof String s) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        throw JdbcErrors.conversion(value, "DOUBLE");
      }
    }
    throw JdbcErrors.conversion(value, "DOUBLE");
  }

  static BigDecimal toBigDecimal(DataType type, Object value) throws SQLException {
    if (value == null) return null;
    if (value instanceof BigDecimal d) return d;
    if (type.kind().isNumeric()) {
      if (value instanceof Double || value instanceof Float) {
        double d = ((Number) value).doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) throw JdbcErrors.conversion(value, "DECIMAL");
        return BigDecimal.valueOf(d);
      }
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof Boolean b) return b ? BigDecimal.ONE : BigDecimal.ZERO;
    if (value instanceof String s) {
      try {
        return new BigDecimal(s.trim());
      } catch (NumberFormatException e) {
        throw JdbcErrors.conversion(value, "DECIMAL");
      }
    }
    throw JdbcErrors.conversion(value, "DECIMAL");
  }

  static byte[] toBytes(Object value) throws SQLException {
    if (value == null) return null;
    if (value instanceof byte[] || value instanceof ByteString) return binary(value);
    throw JdbcErrors.conversion(value, "bytes");
  }

  /**
   * A copy of a BINARY value. Rows hold {@code byte[]}, but a binary literal computed by the
   * planner's generated code arrives as Calcite's {@link ByteString}; both read the same.
   */
  private static byte[] binary(Object value) {
    return value instanceof ByteString bytes ? bytes.getBytes() : ((byte[]) value).clone();
  }

  /** The wall-clock time of a TIMESTAMP, DATE or text value; the instant of a TIMESTAMP_LTZ in {@code zone}. */
  static LocalDateTime toLocalDateTime(DataType type, Object value, ZoneId zone) throws SQLException {
    if (value == null) return null;
    return switch (type.kind()) {
      case TIMESTAMP -> localDateTime(value);
      case TIMESTAMP_LTZ -> LocalDateTime.ofInstant(Instant.ofEpochMilli(((Number) value).longValue()), zone);
      case DATE -> localDate(value).atStartOfDay();
      case TIME -> localTime(value).atDate(LocalDate.EPOCH);
      case VARCHAR -> {
        try {
          yield localDateTime(Values.parseTimestamp((String) value));
        } catch (RuntimeException e) {
          throw JdbcErrors.conversion(value, "TIMESTAMP");
        }
      }
      default -> throw JdbcErrors.conversion(value, "TIMESTAMP");
    };
  }

  /** {@code getTimestamp}: a wall-clock TIMESTAMP taken in {@code zone} (the JVM's without a Calendar); an LTZ instant as is. */
  static Timestamp toTimestamp(DataType type, Object value, ZoneId zone) throws SQLException {
    if (value == null) return null;
    if (type.kind() == TypeKind.TIMESTAMP_LTZ) return new Timestamp(((Number) value).longValue());
    LocalDateTime wallClock = toLocalDateTime(type, value, zone);
    return zone == null ? Timestamp.valueOf(wallClock) : Timestamp.from(wallClock.atZone(zone).toInstant());
  }

  static Date toDate(DataType type, Object value, ZoneId zone) throws SQLException {
    if (value == null) return null;
    if (type.kind() == TypeKind.TIME) throw JdbcErrors.conversion(value, "DATE");
    LocalDate date = toLocalDateTime(type, value, zone == null ? ZoneId.systemDefault() : zone).toLocalDate();
    return zone == null ? Date.valueOf(date) : new Date(date.atStartOfDay(zone).toInstant().toEpochMilli());
  }

  static Time toTime(DataType type, Object value, ZoneId zone) throws SQLException {
    if (value == null) return null;
    if (type.kind() == TypeKind.DATE) throw JdbcErrors.conversion(value, "TIME");
    LocalTime time = toLocalDateTime(type, value, zone == null ? ZoneId.systemDefault() : zone).toLocalTime();
    return zone == null ? time(time) : new Time(time.atDate(LocalDate.EPOCH).atZone(zone).toInstant().toEpochMilli());
  }

  /** {@code getObject(column, type)}: the classes of JDBC 4.2's table B-6 that make sense for Sluice's values. */
  static <T> T toClass(DataType type, Object value, Class<T> target) throws SQLException {
    if (value == null) return null;
    Object result;
    if (target == String.class) result = toText(type, value);
    else if (target == Boolean.class) result = toBoolean(type, value);
    else if (target == Byte.class) result = (byte) toLong(type, value, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT");
    else if (target == Short.class) result = (short) toLong(type, value, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
    else if (target == Integer.class) result = (int) toLong(type, value, Integer.MIN_VALUE, Integer.MAX_VALUE, "INT");
    else if (target == Long.class) result = toLong(type, value, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT");
    else if (target == Float.class) result = (float) toDouble(type, value);
    else if (target == Double.class) result = toDouble(type, value);
    else if (target == BigDecimal.class) result = toBigDecimal(type, value);
    else if (target == byte[].class) result = toBytes(value);
    else if (target == LocalDateTime.class) result = toLocalDateTime(type, value, ZoneOffset.UTC);
    else if (target == LocalDate.class) result = toLocalDateTime(type, value, ZoneOffset.UTC).toLocalDate();
    else if (target == LocalTime.class) result = toLocalDateTime(type, value, ZoneOffset.UTC).toLocalTime();
    else if (target == Timestamp.class) result = toTimestamp(type, value, null);
    else if (target == Date.class) result = toDate(type, value, null);
    else if (target == Time.class) result = toTime(type, value, null);
    else if (target == Instant.class || target == OffsetDateTime.class) result = instant(type, value, target);
    else result = toObject(type, value);
    if (!target.isInstance(result)) throw JdbcErrors.conversion(value, target.getName());
    return target.cast(result);
  }

  /** An LTZ value as an instant; a wall-clock TIMESTAMP has none, so it is refused rather than guessed. */
  private static Object instant(DataType type, Object value, Class<?> target) throws SQLException {
    if (type.kind() != TypeKind.TIMESTAMP_LTZ) throw JdbcErrors.conversion(value, target.getSimpleName() + " (only TIMESTAMP_LTZ is an instant)");
    Instant instant = Instant.ofEpochMilli(((Number) value).longValue());
    return target == Instant.class ? instant : instant.atOffset(ZoneOffset.UTC);
  }

  static LocalDateTime localDateTime(Object epochMillis) {
    long millis = ((Number) epochMillis).longValue();
    return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000, ZoneOffset.UTC);
  }

  private static LocalDate localDate(Object epochDays) {
    return LocalDate.ofEpochDay(((Number) epochDays).longValue());
  }

  private static LocalTime localTime(Object millisOfDay) {
    return LocalTime.ofNanoOfDay(((Number) millisOfDay).longValue() * 1_000_000L);
  }

  /** A {@link Time} that keeps the milliseconds {@link Time#valueOf(LocalTime)} drops. */
  private static Time time(LocalTime time) {
    Time t = Time.valueOf(time);
    t.setTime(t.getTime() + time.getNano() / 1_000_000);
    return t;
  }
}
