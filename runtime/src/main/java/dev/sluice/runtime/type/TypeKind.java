package dev.sluice.runtime.type;

/**
 * The SQL types Sluice stores in rows, with the Java class each value has at run time.
 *
 * <p>The representation follows Calcite's internal one, so compiled expressions read rows
 * without conversion: TIMESTAMP is epoch milliseconds in a {@code Long} (no time zone), DATE
 * is days since the epoch in an {@code Integer}, TIME is milliseconds of the day in an
 * {@code Integer}, DECIMAL is a {@code BigDecimal}, ARRAY is a {@code java.util.List}, ROW is
 * an {@code Object[]}.
 */
public enum TypeKind {
  BOOLEAN(Boolean.class),
  TINYINT(Byte.class),
  SMALLINT(Short.class),
  INTEGER(Integer.class),
  BIGINT(Long.class),
  FLOAT(Float.class),
  DOUBLE(Double.class),
  DECIMAL(java.math.BigDecimal.class),
  VARCHAR(String.class),
  DATE(Integer.class),
  TIME(Integer.class),
  TIMESTAMP(Long.class),
  TIMESTAMP_LTZ(Long.class),
  INTERVAL_DAY_TIME(Long.class),
  INTERVAL_YEAR_MONTH(Integer.class),
  ARRAY(java.util.List.class),
  MAP(java.util.Map.class),
  ROW(Object[].class),
  BINARY(byte[].class),
  ANY(Object.class);

  private final Class<?> javaClass;

  TypeKind(Class<?> javaClass) {
    this.javaClass = javaClass;
  }

  /** The class of a non-null value of this kind inside a row. */
  public Class<?> javaClass() {
    return javaClass;
  }

  public boolean isNumeric() {
    return switch (this) {
      case TINYINT, SMALLINT, INTEGER, BIGINT, FLOAT, DOUBLE, DECIMAL -> true;
      default -> false;
    };
  }
}
