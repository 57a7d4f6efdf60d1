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
 * never cut or wrapped: {@code 300} is not a TINYINT, {@code 1.5} not an INT, {@code 1e400} not a
 * DOUBLE (the words {@code NaN} and {@code Infinity} are); a DECIMAL is rounded to its scale as a
 * CAST would, and refused when its digits do not fit the precision. Dates and times are read
 * strictly: {@code 2024-02-30} and {@code 24:00:00} are refused, not moved to another day.
 *
 * <p>Numbers come from untrusted input, where {@code 1e999999999} takes a dozen characters: no
 * conversion here does work that grows with a number's exponent (scaling it, or writing it out in
 * plain digits), only with its digits. The Kafka formats read their values here too, so a value
 * means the same in every format.
 */
public final class TextValues {
  /**
   * The digits a DECIMAL without a declared precision may have before its point, and after it: the
   * widest DECIMAL of Flink and Spark, DECIMAL(38, s).
   */
  private static final int WIDEST_DECIMAL_DIGITS = 38;

  /**
   * The longest text read as a number, Jackson's limit for JSON numbers ({@code
   * StreamReadConstraints}), so that a number reads the same in every format: BigDecimal reads
   * digits in time that grows with their square.
   */
  static final int MAX_NUMBER_CHARS = 1000;

  /** Text longer than this is cut in messages. */
  private static final int SHOWN_TEXT_CHARS = 60;

  /** A number whose plain digits would be longer than this is shown with an exponent. */
  private static final int SHOWN_PLAIN_DIGITS = 40;

  private TextValues() {}

  /** Whether {@link #parse} reads this type. */
  public static boolean isScalar(DataType type) {
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
  public static Object parse(String text, DataType type, String column) {
    try {
      return switch (type.kind()) {
        case TINYINT, SMALLINT, INTEGER, BIGINT -> Values.parse(numberText(text, type, column), type);
        case FLOAT, DOUBLE -> floatingPoint(numberText(text, type, column), type, column);
        case DECIMAL -> fitDecimal(new BigDecimal(numberText(text, type, column)), type, column);
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

  /**
   * An exact number, as JSON writes numbers, as a value of the numeric {@code type}: refused when it
   * is out of the type's range, has a fraction for a whole-number type, or has too many digits for
   * a DECIMAL.
   */
  public static Object number(BigDecimal number, DataType type, String column) {
    return switch (type.kind()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT -> wholeNumber(number, type, column);
      case FLOAT -> {
        // BigDecimal.floatValue reads an extreme exponent through its scientific text, in time
        // that grows with the digits only.
        float f = number.floatValue();
        if (Float.isInfinite(f)) throw notA(shown(number), type, column);
        yield f;
      }
      case DOUBLE -> {
        double d = number.doubleValue();
        if (Double.isInfinite(d)) throw notA(shown(number), type, column);
        yield d;
      }
      case DECIMAL -> fitDecimal(number, type, column);
      default -> throw new IllegalArgumentException("not a numeric type: " + type);
    };
  }

  /** A whole number of any JSON size as {@code type}, refused outside the type's range. */
  static Object wholeNumber(BigDecimal number, DataType type, String column) {
    long value;
    try {
      // Refuses more than 19 integer digits, or a fraction, before any scaling.
      value = number.longValueExact();
    } catch (ArithmeticException e) {
      throw notA(shown(number), type, column);
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

  /**
   * {@code number} rounded to the scale of {@code type}, refused when it has too many digits.
   *
   * <p>Rounding costs as many digits as the scale moves by. The scale moves by little once the
   * number is known to have at most the type's integer digits and to round to something other than
   * zero, so both are checked first from the number's precision and scale.
   */
  static BigDecimal fitDecimal(BigDecimal number, DataType type, String column) {
    if (type.precision() == DataType.NO_PRECISION) return fitWidestDecimal(number, type, column);
    int scale = type.scale();
    if (number.signum() == 0) return BigDecimal.ZERO.setScale(scale);
    // |number| < 10^integerDigits; a long, because precision - scale overflows an int.
    long integerDigits = (long) number.precision() - number.scale();
    if (integerDigits > type.precision() - scale) throw doesNotFit(number, type, column);
    // Below 10^-(scale + 1), a number is less than half the last digit and rounds to zero.
    if (integerDigits < -scale) return BigDecimal.ZERO.setScale(scale);
    BigDecimal scaled = number.setScale(scale, RoundingMode.HALF_UP);
    if (scaled.precision() - scaled.scale() > type.precision() - scale) {
      throw doesNotFit(number, type, column);
    }
    return scaled;
  }

  /** {@code number} as it is, refused beyond 38 digits before or after its point. */
  private static BigDecimal fitWidestDecimal(BigDecimal number, DataType type, String column) {
    long integerDigits = (long) number.precision() - number.scale();
    if (number.signum() != 0
        && (integerDigits > WIDEST_DECIMAL_DIGITS || number.scale() > WIDEST_DECIMAL_DIGITS)) {
      throw doesNotFit(number, type, column);
    }
    return number;
  }

  private static MalformedRecordException doesNotFit(
      BigDecimal number, DataType type, String column) {
    return new MalformedRecordException(
        "column '" + column + "': " + shown(number) + " does not fit " + type);
  }

  /**
   * A float or double, refused when its digits overflow to an infinity; {@code NaN} and {@code
   * Infinity} spelled out are values.
   */
  private static Object floatingPoint(String trimmed, DataType type, String column) {
    double value =
        type.kind() == TypeKind.FLOAT ? Float.parseFloat(trimmed) : Double.parseDouble(trimmed);
    if (Double.isInfinite(value) && !trimmed.endsWith("Infinity")) {
      throw notA(trimmed, type, column);
    }
    return type.kind() == TypeKind.FLOAT ? (Object) (float) value : (Object) value;
  }

  /**
   * {@code number} in plain digits when they are few, else with an exponent: {@code 1e999999999}
   * in plain digits is a billion characters.
   */
  static String shown(BigDecimal number) {
    long plainDigits = Math.max(number.precision(), Math.abs((long) number.scale()));
    return plainDigits <= SHOWN_PLAIN_DIGITS ? number.toPlainString() : number.toString();
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

  /** {@code text} without surrounding blanks, refused past {@link #MAX_NUMBER_CHARS}. */
  private static String numberText(String text, DataType type, String column) {
    String trimmed = text.trim();
    if (trimmed.length() > MAX_NUMBER_CHARS) {
      throw new MalformedRecordException(
          "column '"
              + column
              + "': a number of "
              + trimmed.length()
              + " characters is not a valid "
              + type.withNullable(true)
              + "; numbers have at most "
              + MAX_NUMBER_CHARS);
    }
    return trimmed;
  }

  private static MalformedRecordException notA(Object text, DataType type, String column) {
    String shown = text.toString();
    if (shown.length() > SHOWN_TEXT_CHARS) {
      shown = shown.substring(0, SHOWN_TEXT_CHARS - 3) + "...";
    }
    return new MalformedRecordException(
        "column '" + column + "': '" + shown + "' is not a valid " + type.withNullable(true));
  }

  /**
   * The text of a scalar value, read back by {@link #parse}.
   *
   * @param isoTimestamps {@code yyyy-MM-ddTHH:mm:ss[.SSS]} instead of a space before the time
   */
  public static String format(Object value, DataType type, boolean isoTimestamps) {
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
