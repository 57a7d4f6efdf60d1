package dev.sluice.runtime.data;

import dev.sluice.runtime.type.DataType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Arrays;
import java.util.List;

/**
 * Converts between row values and the text users read and write: {@code YYYY-MM-DD HH:MM:SS[.fff]}
 * timestamps without a time zone, days-since-epoch dates, plain numbers.
 */
public final class Values {
  /**
   * Strict, as ISO-8601's own formatters are: {@code 2024-02-30} and {@code 24:00} are refused
   * rather than moved to the month's last day or the next day ({@code uuuu}, the proleptic year,
   * because strict {@code yyyy} would also want an era).
   */
  private static final DateTimeFormatter TIMESTAMP_IN =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd")
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendPattern("HH:mm")
          .optionalStart()
          .appendPattern(":ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalEnd()
          .optionalEnd()
          .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
          .toFormatter()
          .withResolverStyle(ResolverStyle.STRICT);

  private Values() {}

  /** Epoch milliseconds of a timestamp written as {@code 2024-05-01 12:07:00[.123]}. */
  public static long parseTimestamp(String text) {
    LocalDateTime t = LocalDateTime.parse(text.trim(), TIMESTAMP_IN);
    return t.toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  /** {@code yyyy-MM-dd HH:mm:ss} with {@code .SSS} only when the milliseconds are not zero. */
  public static String formatTimestamp(long epochMillis) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000), (int) Math.floorMod(epochMillis, 1000) * 1_000_000, ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder(23);
    sb.append(t.toLocalDate()).append(' ');
    appendTwo(sb, t.getHour()).append(':');
    appendTwo(sb, t.getMinute()).append(':');
    appendTwo(sb, t.getSecond());
    int millis = (int) Math.floorMod(epochMillis, 1000);
    if (millis != 0) {
      sb.append('.');
      if (millis < 100) sb.append('0');
      if (millis < 10) sb.append('0');
      sb.append(millis);
    }
    return sb.toString();
  }

  private static StringBuilder appendTwo(StringBuilder sb, int v) {
    if (v < 10) sb.append('0');
    return sb.append(v);
  }

  /**
   * Days since 1970-01-01 of {@code yyyy-MM-dd}, read strictly.
   *
   * @throws ArithmeticException for a year so far out (ISO-8601 allows nine digits) that its day
   *     does not fit the int a DATE is; a cast would wrap it to another day
   */
  public static int parseDate(String text) {
    return Math.toIntExact(LocalDate.parse(text.trim()).toEpochDay());
  }

  /**
   * The milliseconds of the day of ISO-8601 {@code text} ({@code HH:mm}, {@code HH:mm:ss} and a
   * fraction), strictly: hour 24 or second 60 is refused, not the next day.
   *
   * @throws java.time.format.DateTimeParseException when the text is no time of a day
   */
  public static int parseTime(String text) {
    return (int) (LocalTime.parse(text.trim()).toNanoOfDay() / 1_000_000);
  }

  public static String formatDate(int epochDay) {
    return LocalDate.ofEpochDay(epochDay).toString();
  }

  public static String formatTime(int millisOfDay) {
    return LocalTime.ofNanoOfDay(millisOfDay * 1_000_000L).toString();
  }

  /**
   * The value of {@code text} as {@code type}, in row representation.
   *
   * @throws IllegalArgumentException naming the type when the text does not fit it
   */
  public static Object parse(String text, DataType type) {
    if (text == null) return null;
    try {
      return switch (type.kind()) {
        case BOOLEAN -> parseBoolean(text);
        case TINYINT -> Byte.parseByte(text.trim());
        case SMALLINT -> Short.parseShort(text.trim());
        case INTEGER -> Integer.parseInt(text.trim());
        case BIGINT -> Long.parseLong(text.trim());
        case FLOAT -> Float.parseFloat(text.trim());
        case DOUBLE -> Double.parseDouble(text.trim());
        case DECIMAL -> new BigDecimal(text.trim());
        case VARCHAR -> text;
        case DATE -> parseDate(text);
        case TIME -> parseTime(text);
        case TIMESTAMP, TIMESTAMP_LTZ -> parseTimestamp(text);
        default -> throw new IllegalArgumentException("cannot read a " + type + " from text");
      };
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith("'")) throw e;
      throw new IllegalArgumentException("'" + text + "' is not a valid " + type, e);
    }
  }

  private static Boolean parseBoolean(String text) {
    String t = text.trim();
    if (t.equalsIgnoreCase("true")) return Boolean.TRUE;
    if (t.equalsIgnoreCase("false")) return Boolean.FALSE;
    throw new IllegalArgumentException("'" + text + "' is not a valid BOOLEAN");
  }

  /** Turns a Java value of any numeric or textual kind into the row representation of {@code type}. */
  public static Object coerce(Object value, DataType type) {
    if (value == null) return null;
    return switch (type.kind()) {
      case TINYINT -> value instanceof Number n ? n.byteValue() : parse(value.toString(), type);
      case SMALLINT -> value instanceof Number n ? n.shortValue() : parse(value.toString(), type);
      case INTEGER -> value instanceof Number n ? exactInt(n, type) : parse(value.toString(), type);
      case BIGINT -> value instanceof Number n ? exactLong(n, type) : parse(value.toString(), type);
      case FLOAT -> value instanceof Number n ? n.floatValue() : parse(value.toString(), type);
      case DOUBLE -> value instanceof Number n ? n.doubleValue() : parse(value.toString(), type);
      case DECIMAL -> value instanceof BigDecimal b ? b : value instanceof Number n ? new BigDecimal(n.toString()) : parse(value.toString(), type);
      case BOOLEAN -> value instanceof Boolean ? value : parse(value.toString(), type);
      case VARCHAR -> value.toString();
      case TIMESTAMP, TIMESTAMP_LTZ -> value instanceof Number n ? n.longValue() : parse(value.toString(), type);
      case DATE -> value instanceof Number n ? n.intValue() : parse(value.toString(), type);
      case ARRAY -> value instanceof List<?> l ? l : value instanceof Object[] a ? Arrays.asList(a) : fail(value, type);
      default -> value;
    };
  }

  private static Object fail(Object value, DataType type) {
    throw new IllegalArgumentException("'" + value + "' is not a valid " + type);
  }

  private static Integer exactInt(Number n, DataType type) {
    if (n instanceof Double || n instanceof Float || n instanceof BigDecimal) {
      double d = n.doubleValue();
      if (d != Math.rint(d) || d > Integer.MAX_VALUE || d < Integer.MIN_VALUE) fail(n, type);
      return (int) d;
    }
    long l = n.longValue();
    if (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE) fail(n, type);
    return (int) l;
  }

  private static Long exactLong(Number n, DataType type) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (d != Math.rint(d)) fail(n, type);
      return (long) d;
    }
    if (n instanceof BigDecimal b) {
      try {
        return b.longValueExact();
      } catch (ArithmeticException e) {
        fail(n, type);
      }
    }
    return n.longValue();
  }

  /** How a value is shown to a person: timestamps and dates as text, NULL as {@code NULL}. */
  public static String toDisplayString(Object value, DataType type) {
    if (value == null) return "NULL";
    return switch (type.kind()) {
      case TIMESTAMP, TIMESTAMP_LTZ -> formatTimestamp(((Number) value).longValue());
      case DATE -> formatDate(((Number) value).intValue());
      case TIME -> formatTime(((Number) value).intValue());
      case ROW -> {
        Object[] fields = (Object[]) value;
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < fields.length; i++) {
          if (i > 0) sb.append(", ");
          sb.append(i < type.fields().size() ? toDisplayString(fields[i], type.fields().get(i).type()) : String.valueOf(fields[i]));
        }
        yield sb.append(')').toString();
      }
      case ARRAY -> {
        StringBuilder sb = new StringBuilder("[");
        List<?> list = (List<?>) value;
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) sb.append(", ");
          sb.append(type.element() == null ? String.valueOf(list.get(i)) : toDisplayString(list.get(i), type.element()));
        }
        yield sb.append(']').toString();
      }
      default -> value.toString();
    };
  }
}
