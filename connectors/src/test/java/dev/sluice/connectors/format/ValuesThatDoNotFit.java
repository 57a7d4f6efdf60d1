package dev.sluice.connectors.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.TypeKind;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Numbers and temporal texts that every format must read the same way, each as the text of one
 * field: a value it must give, or a record it must refuse as malformed. Shared by the tests of the
 * file formats and of the Kafka formats, so that one list says what "does not fit" means.
 */
public final class ValuesThatDoNotFit {
  /** A field's text in a column of a type, and the value it reads as, or null for malformed. */
  public record Case(DataType type, String text, Object value) {
    @Override
    public String toString() {
      String shown = text.length() <= 40 ? text : text.substring(0, 37) + "...";
      return "'" + shown + "' as " + type;
    }
  }

  public static final DataType TINYINT = DataType.of(TypeKind.TINYINT);
  public static final DataType SMALLINT = DataType.of(TypeKind.SMALLINT);
  public static final DataType INT = DataType.of(TypeKind.INTEGER);
  public static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
  public static final DataType FLOAT = DataType.of(TypeKind.FLOAT);
  public static final DataType DOUBLE = DataType.of(TypeKind.DOUBLE);
  public static final DataType DECIMAL = DataType.decimal(10, 2);

  /**
   * Exponents that would take work (or memory) growing with their size if a BigDecimal were scaled
   * by them: every numeric type refuses those out of its range in time that grows with the digits.
   */
  private static final List<String> HUGE =
      List.of(
          "1e999999999",
          "-1e999999999",
          "1E+2147483647",
          "1e2147483648",
          "1e99999999999999999999");

  private ValuesThatDoNotFit() {}

  /** The numbers: huge and tiny exponents, overflow, fractions in whole numbers, NaN. */
  public static List<Case> numbers() {
    List<Case> cases = new ArrayList<>();
    for (DataType type : List.of(TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, DECIMAL)) {
      for (String huge : HUGE) cases.add(new Case(type, huge, null));
    }
    for (DataType whole : List.of(TINYINT, SMALLINT, INT, BIGINT)) {
      cases.add(new Case(whole, "1e-999999999", null));
      cases.add(new Case(whole, "0.5e-2147483648", null));
      cases.add(new Case(whole, "1.5", null));
      cases.add(new Case(whole, "NaN", null));
    }
    cases.add(new Case(TINYINT, "127", (byte) 127));
    cases.add(new Case(TINYINT, "128", null));
    cases.add(new Case(TINYINT, "-129", null));
    cases.add(new Case(SMALLINT, "32768", null));
    cases.add(new Case(SMALLINT, "-32768", (short) -32768));
    cases.add(new Case(INT, "2147483648", null));
    cases.add(new Case(INT, "-2147483649", null));
    cases.add(new Case(BIGINT, "9223372036854775808", null));
    cases.add(new Case(BIGINT, "1e19", null));
    cases.add(new Case(BIGINT, "-9223372036854775808", Long.MIN_VALUE));
    cases.add(new Case(FLOAT, "1e39", null));
    cases.add(new Case(FLOAT, "-3.5e38", null));
    cases.add(new Case(DOUBLE, "1e309", null));
    cases.add(new Case(DOUBLE, "-1.8e308", null));
    cases.add(new Case(DOUBLE, "1e-999999999", 0.0));
    cases.add(new Case(DOUBLE, "2.5", 2.5));
    cases.add(new Case(DECIMAL, "1e-999999999", new BigDecimal("0.00")));
    cases.add(new Case(DECIMAL, "0e999999999", new BigDecimal("0.00")));
    cases.add(new Case(DECIMAL, "0.5e-2147483648", null));
    cases.add(new Case(DECIMAL, "0.004", new BigDecimal("0.00")));
    cases.add(new Case(DECIMAL, "0.005", new BigDecimal("0.01")));
    cases.add(new Case(DECIMAL, "12345678.994", new BigDecimal("12345678.99")));
    cases.add(new Case(DECIMAL, "99999999.995", null));
    cases.add(new Case(DECIMAL, "123456789", null));
    cases.add(new Case(DECIMAL, "1.2345678e7", new BigDecimal("12345678.00")));
    cases.add(new Case(DECIMAL, "NaN", null));
    // Reading digits into a BigDecimal takes time quadratic in their number.
    cases.add(new Case(DECIMAL, "0." + "9".repeat(3_000_000), null));
    cases.add(new Case(DECIMAL, "0." + "0".repeat(996) + "1", new BigDecimal("0.00")));
    // A number has at most 1,000 characters in every format, as Jackson reads JSON numbers.
    cases.add(new Case(DOUBLE, "0." + "0".repeat(2_000) + "1", null));
    cases.add(new Case(FLOAT, "1" + "0".repeat(2_000) + "e-2000", null));
    cases.add(new Case(DOUBLE, "0." + "0".repeat(300) + "1", 1e-301));
    cases.add(new Case(INT, "0".repeat(1_500) + "1", null));
    cases.add(new Case(DECIMAL, "Infinity", null));
    return cases;
  }

  /** Temporal texts: days past their month's end and hour 24 are not values. */
  public static List<Case> temporals() {
    DataType date = DataType.of(TypeKind.DATE);
    DataType time = DataType.of(TypeKind.TIME);
    List<Case> cases = new ArrayList<>();
    for (DataType timestamp :
        List.of(DataType.timestamp(3), new DataType(TypeKind.TIMESTAMP_LTZ, 3, 0, true, null, null))) {
      cases.add(new Case(timestamp, "2024-02-29 00:00:00", 1_709_164_800_000L));
      cases.add(new Case(timestamp, "2024-02-30 00:00:00", null));
      cases.add(new Case(timestamp, "2023-02-29T12:00:00", null));
      cases.add(new Case(timestamp, "2024-04-31", null));
      cases.add(new Case(timestamp, "2024-05-01 24:00:00", null));
      cases.add(new Case(timestamp, "2024-05-01 23:59:60", null));
      cases.add(new Case(timestamp, " 2024-02-30 00:00:00", null));
      cases.add(new Case(timestamp, "2024-02-30T00:00:00Z", null));
      cases.add(new Case(timestamp, "2024-02-30T01:00:00+01:00", null));
      cases.add(new Case(timestamp, "2024-05-01T24:00:00+01:00", null));
    }
    cases.add(new Case(date, "2024-02-29", 19_782));
    cases.add(new Case(date, "2024-02-30", null));
    cases.add(new Case(date, " 2023-02-29", null));
    cases.add(new Case(date, "+10000-01-01", 2_932_897));
    // Its day since 1970 is beyond an INT, the representation of a DATE; it wrapped around.
    cases.add(new Case(date, "+999999999-12-31", null));
    cases.add(new Case(DataType.timestamp(3), "+999999999-12-31 00:00:00", null));
    cases.add(new Case(time, "23:59:59", 86_399_000));
    cases.add(new Case(time, "24:00:00", null));
    cases.add(new Case(time, "24:00", null));
    cases.add(new Case(time, "12:60:00", null));
    return cases;
  }

  /**
   * Checks that {@code read} gives each case's value, or refuses it as malformed, within a time that
   * no exponent-sized work fits in.
   *
   * @param read the value of a case's text in its column, read through the format under test
   */
  public static void check(List<Case> cases, Function<Case, Object> read) {
    for (Case c : cases) {
      String outcome =
          assertTimeoutPreemptively(
              Duration.ofSeconds(5),
              () -> {
                try {
                  return shown(read.apply(c));
                } catch (MalformedRecordException e) {
                  return "malformed";
                }
              },
              c.toString());
      assertEquals(c.value() == null ? "malformed" : shown(c.value()), outcome, c.toString());
    }
  }

  private static String shown(Object value) {
    return value == null ? "NULL" : value.getClass().getSimpleName() + " " + value;
  }
}
