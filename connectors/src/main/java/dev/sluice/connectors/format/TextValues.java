package dev.sluice.connectors.format;

import dev.sluice.runtime.data.Values;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;

/**
 * Scalar values as the text formats write them: numbers as plain digits, BOOLEAN as {@code
 * true}/{@code false}, DATE as {@code yyyy-MM-dd}, TIME as {@code HH:mm:ss[.SSS]}, TIMESTAMP as
 * {@code yyyy-MM-dd HH:mm:ss[.SSS]} (read also with a {@code T}, or as ISO-8601 with an offset,
 * which is converted to UTC), BINARY as base64. A value that does not fit its type is refused,
 * never cut or wrapped: {@code 300} is not a TINYINT; a DECIMAL is rounded to its scale as a CAST
 * would, and refused when its digits do not fit the precision.
 */
final class TextValues {
  private TextValues() {}

  /** Whether {@link #parse} reads this type. */
  static boolean isScalar(DataType type) {
    return switch (type.kind()) {
      case BOOLEAN,
              TINYINT,
              SMALLINT,
              INTEGER,
              BIGINT,
              FLOAT,
              DOUBLE,
              DECIMAL,
              VARCHAR,
              DATE,
              TIME,
              TIMESTAMP,
              TIMESTAMP_LTZ,
              BINARY ->
          true;
      default -> false;
    };
  }

  /**
   * The value of {@code text} as a scalar {@code type}.
   *
   * @throws MalformedRecordException naming the column when the text does not fit
   */
  static Object parse(String text, DataType type, String column) {
    try {
      return switch (type.kind()) {
        case DECIMAL -> fitDecimal(new BigDecimal(text.trim()), type, column);
        case TIMESTAMP, TIMESTAMP_LTZ -> parseTimestamp(text);
        case DATE -> parseDate(text, type);
        case BINARY -> Base64.getDecoder().decode(text.trim());
        default -> Values.parse(text, type);
      };
    } catch (MalformedRecordException e) {
      throw e;
    } catch (RuntimeException e) {
      throw notA(text, type, column);
    }
  }

  /** A whole number of any JSON size as {@code type}, refused outside the type's range. */
  static Object wholeNumber(BigDecimal number, DataType type, String column) {
    long value;
    try {
      value = number.longValueExact();
    } catch (ArithmeticException e) {
      throw notA(number.toPlainString(), type, column);
    }
    return wholeNumber(value, type, column);
  }

  /** A whole number as {@code type}, refused outside the type's range. */
  static Object wholeNumber(long value, DataType type, String column) {
    return switch (type.kind()) {
      case TINYINT -> {
        if (value < Byte.MIN_VALUE || value > Byte.MAX_VALUE) throw notA(value, type, column);
        yield (byte) value;
      }
      case SMALLINT -> {
        if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) throw notA(value, type, column);
        yield (short) value;
      }
      case INTEGER -> {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) throw notA(value, type, column);
        yield (int) value;
      }
      case BIGINT -> value;
      default -> throw new IllegalArgumentException("not a whole-number type: " + type);
    };
  }

  /** {@code number} rounded to the scale of {@code type}, refused when it has too many digits. */
  static BigDecimal fitDecimal(BigDecimal number, DataType type, String column) {
    if (type.precision() == DataType.NO_PRECISION) return number;
    BigDecimal scaled = number.setScale(type.scale(), RoundingMode.HALF_UP);
    if (scaled.precision() - scaled.scale() > type.precision() - type.scale()) {
      throw new MalformedRecordException(
          "column '" + column + "': " + number.toPlainString() + " does not fit " + type);
    }
    return scaled;
  }

  private static long parseTimestamp(String text) {
    long millis = TemporalText.timestampMillis(text);
    if (millis != TemporalText.NOT_READ) return millis;
    String t = text.trim();
    try {
      return Values.parseTimestamp(t);
    } catch (DateTimeParseException e) {
      // Flink's SQL form of TIMESTAMP_LTZ ends in Z; ISO-8601 may carry any offset.
      if (t.endsWith("Z") || t.endsWith("z")) {
        try {
          return Values.parseTimestamp(t.substring(0, t.length() - 1));
        } catch (DateTimeParseException ignored) {
          // tried below as ISO-8601
        }
      }
      return OffsetDateTime.parse(t.replace(' ', 'T')).toInstant().toEpochMilli();
    }
  }

  private static Object parseDate(String text, DataType type) {
    long day = TemporalText.epochDay(text);
    return day != TemporalText.NOT_READ ? (Object) (int) day : Values.parse(text, type);
  }

  private static MalformedRecordException notA(Object text, DataType type, String column) {
    return new MalformedRecordException(
        "column '" + column + "': '" + text + "' is not a valid " + type.withNullable(true));
  }

  /**
   * The text of a scalar value, read back by {@link #parse}.
   *
   * @param isoTimestamps {@code yyyy-MM-ddTHH:mm:ss[.SSS]} instead of a space before the time
   */
  static String format(Object value, DataType type, boolean isoTimestamps) {
    return switch (type.kind()) {
      case TIMESTAMP, TIMESTAMP_LTZ -> {
        String text = Values.formatTimestamp(((Number) value).longValue());
        if (isoTimestamps) text = text.replace(' ', 'T');
        yield type.kind() == TypeKind.TIMESTAMP_LTZ ? text + "Z" : text;
      }
      case DATE -> Values.formatDate(((Number) value).intValue());
      case TIME -> formatTime(((Number) value).intValue());
      case DECIMAL -> ((BigDecimal) value).toPlainString();
      case BINARY -> Base64.getEncoder().encodeToString((byte[]) value);
      default -> value.toString();
    };
  }

  /** {@code HH:mm:ss} with {@code .SSS} only when the milliseconds are not zero. */
  private static String formatTime(int millisOfDay) {
    LocalTime time = LocalTime.ofNanoOfDay(millisOfDay * 1_000_000L);
    String text =
        String.format(
            Locale.ROOT, "%02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond());
    int millis = millisOfDay % 1000;
    return millis == 0 ? text : text + String.format(Locale.ROOT, ".%03d", millis);
  }
}
