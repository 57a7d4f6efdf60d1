package dev.sluice.connectors.datagen;

import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Makes the value of one column for one row. A generator is a pure function of its arguments, so
 * the rows of any range come out the same however often and in whatever order they are made.
 */
@FunctionalInterface
interface FieldGenerator {
  long MILLIS_PER_DAY = 86_400_000L;

  /**
   * @param index the row's position in the generated table, from 0
   * @param bits random bits that belong to this row and column
   * @param eventTime the row's event time in epoch milliseconds, before any disorder
   * @return the value in the row representation of the column's type
   */
  Object value(long index, long bits, long eventTime);

  /** {@code start + index}, in the representation of a numeric {@code type}. */
  static FieldGenerator sequence(DataType type, long start) {
    return switch (type.kind()) {
      case TINYINT -> (index, bits, time) -> (byte) (start + index);
      case SMALLINT -> (index, bits, time) -> (short) (start + index);
      case INTEGER -> (index, bits, time) -> (int) (start + index);
      case BIGINT -> (index, bits, time) -> start + index;
      case FLOAT -> (index, bits, time) -> (float) (start + index);
      case DOUBLE -> (index, bits, time) -> (double) (start + index);
      case DECIMAL -> {
        int scale = Math.max(0, type.scale());
        yield (index, bits, time) -> BigDecimal.valueOf(start + index).setScale(scale);
      }
      default -> throw new IllegalArgumentException("no sequence of " + type);
    };
  }

  /** A whole number in {@code [min, max]} for an integer {@code type}. */
  static FieldGenerator randomWhole(DataType type, long min, long max) {
    return switch (type.kind()) {
      case TINYINT -> (index, bits, time) -> (byte) RandomBits.between(bits, min, max);
      case SMALLINT -> (index, bits, time) -> (short) RandomBits.between(bits, min, max);
      case INTEGER -> (index, bits, time) -> (int) RandomBits.between(bits, min, max);
      case BIGINT -> (index, bits, time) -> RandomBits.between(bits, min, max);
      default -> throw new IllegalArgumentException("no whole numbers of " + type);
    };
  }

  /** A FLOAT or DOUBLE in {@code [min, max]}. */
  static FieldGenerator randomFloating(DataType type, double min, double max) {
    double width = max - min;
    boolean finite = Double.isFinite(width);
    if (type.kind() == TypeKind.FLOAT) {
      return (index, bits, time) -> (float) between(RandomBits.unit(bits), min, max, width, finite);
    }
    return (index, bits, time) -> between(RandomBits.unit(bits), min, max, width, finite);
  }

  private static double between(double unit, double min, double max, double width, boolean finite) {
    // Past Double.MAX_VALUE the width overflows; weighing the ends instead stays finite.
    return finite ? min + unit * width : min * (1 - unit) + max * unit;
  }

  /** A DECIMAL with the type's scale in {@code [min, max]}, both already at that scale. */
  static FieldGenerator randomDecimal(BigDecimal min, BigDecimal max) {
    int scale = min.scale();
    try {
      long low = min.unscaledValue().longValueExact();
      long high = max.unscaledValue().longValueExact();
      return (index, bits, time) -> BigDecimal.valueOf(RandomBits.between(bits, low, high), scale);
    } catch (ArithmeticException tooWide) {
      // Precision past 18 digits: a double's 53 bits place the value, the scale rounds it.
      double low = min.doubleValue();
      double width = max.doubleValue() - low;
      return (index, bits, time) -> {
        BigDecimal value =
            BigDecimal.valueOf(low + RandomBits.unit(bits) * width)
                .setScale(scale, RoundingMode.DOWN);
        return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
      };
    }
  }

  static FieldGenerator randomBoolean() {
    return (index, bits, time) -> (bits & 1) != 0;
  }

  /** {@code length} lower-case hexadecimal digits, so there are {@code 16^length} values. */
  static FieldGenerator randomHexString(int length) {
    char[] buffer = new char[length]; // reused: a source makes its rows on one thread
    return (index, bits, time) -> {
      long draw = bits;
      for (int i = 0; i < length; i++) {
        int digit = i & 15;
        if (digit == 0 && i > 0) draw = RandomBits.next(bits, i >>> 4);
        buffer[i] = Character.forDigit((int) (draw >>> (digit * 4)) & 15, 16);
      }
      return new String(buffer);
    };
  }

  /**
   * The row's event time minus a random delay in {@code [0, maxPast]}, cut to the type: a TIMESTAMP
   * or TIMESTAMP_LTZ to its precision, a DATE to its day, a TIME to its time of day.
   */
  static FieldGenerator eventTime(DataType type, long maxPast) {
    return switch (type.kind()) {
      case TIMESTAMP, TIMESTAMP_LTZ -> {
        int precision = type.precision() == DataType.NO_PRECISION ? 3 : type.precision();
        long unit = precision >= 3 ? 1 : precision == 2 ? 10 : precision == 1 ? 100 : 1000;
        yield (index, bits, time) -> {
          long millis = time - RandomBits.between(bits, 0, maxPast);
          return unit == 1 ? millis : Math.floorDiv(millis, unit) * unit;
        };
      }
      case DATE ->
          (index, bits, time) ->
              (int) Math.floorDiv(time - RandomBits.between(bits, 0, maxPast), MILLIS_PER_DAY);
      case TIME ->
          (index, bits, time) ->
              (int) Math.floorMod(time - RandomBits.between(bits, 0, maxPast), MILLIS_PER_DAY);
      default -> throw new IllegalArgumentException("no event time of " + type);
    };
  }
}
