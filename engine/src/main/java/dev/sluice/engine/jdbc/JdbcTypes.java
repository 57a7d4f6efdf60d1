package dev.sluice.engine.jdbc;

import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.TypeKind;
import java.sql.Types;

/**
 * How Sluice's SQL types look through JDBC: the {@link Types} code, the type name, the Java class
 * {@code getObject} returns, and the sizes {@code ResultSetMetaData} and {@code getColumns} report.
 *
 * <p>Sluice's {@code FLOAT} is a 4-byte float, which JDBC calls {@code REAL} (JDBC's {@code FLOAT}
 * is a double). {@code TIMESTAMP} has no time zone and reads as {@link java.sql.Timestamp};
 * {@code TIMESTAMP_LTZ} is an instant and reads as {@link java.time.OffsetDateTime} in UTC.
 */
final class JdbcTypes {
  /** Digits of a TIMESTAMP(3) as text: {@code 2024-05-01 12:00:00.123}. */
  private static final int TIMESTAMP_CHARS = 23;

  private JdbcTypes() {}

  static int sqlType(DataType type) {
    return switch (type.kind()) {
      case BOOLEAN -> Types.BOOLEAN;
      case TINYINT -> Types.TINYINT;
      case SMALLINT -> Types.SMALLINT;
      case INTEGER -> Types.INTEGER;
      case BIGINT -> Types.BIGINT;
      case FLOAT -> Types.REAL;
      case DOUBLE -> Types.DOUBLE;
      case DECIMAL -> Types.DECIMAL;
      case VARCHAR -> Types.VARCHAR;
      case DATE -> Types.DATE;
      case TIME -> Types.TIME;
      case TIMESTAMP -> Types.TIMESTAMP;
      case TIMESTAMP_LTZ -> Types.TIMESTAMP_WITH_TIMEZONE;
      case INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> Types.OTHER;
      case ARRAY -> Types.ARRAY;
      case ROW -> Types.STRUCT;
      case BINARY -> Types.VARBINARY;
      case MAP, ANY -> Types.JAVA_OBJECT;
    };
  }

  /** The type as Sluice spells it, without precision or nullability for the simple types: {@code DECIMAL}, {@code ARRAY<INT>}. */
  static String typeName(DataType type) {
    return switch (type.kind()) {
      case INTEGER -> "INT";
      case INTERVAL_DAY_TIME -> "INTERVAL DAY TO SECOND";
      case INTERVAL_YEAR_MONTH -> "INTERVAL YEAR TO MONTH";
      case ARRAY, ROW -> type.withNullable(true).toString();
      default -> type.kind().name();
    };
  }

  /** The class of what {@code getObject} returns for a column of this type. */
  static String className(DataType type) {
    return switch (type.kind()) {
      case DATE -> java.sql.Date.class.getName();
      case TIME -> java.sql.Time.class.getName();
      case TIMESTAMP -> java.sql.Timestamp.class.getName();
      case TIMESTAMP_LTZ -> java.time.OffsetDateTime.class.getName();
      case INTERVAL_DAY_TIME -> java.time.Duration.class.getName();
      case INTERVAL_YEAR_MONTH -> java.time.Period.class.getName();
      default -> type.kind().javaClass().getName();
    };
  }

  /**
   * JDBC's column size: digits for numbers, characters for text and for date-times written out,
   * bytes for binary; 0 where none applies; {@link Integer#MAX_VALUE} for text without a length.
   */
  static int precision(DataType type) {
    return switch (type.kind()) {
      case BOOLEAN -> 1;
      case TINYINT -> 3;
      case SMALLINT -> 5;
      case INTEGER -> 10;
      case BIGINT -> 19;
      case FLOAT -> 7;
      case DOUBLE -> 15;
      case DECIMAL -> type.precision() == DataType.NO_PRECISION ? 19 : type.precision();
      case VARCHAR -> type.precision() == DataType.NO_PRECISION ? Integer.MAX_VALUE : type.precision();
      case DATE -> 10;
      case TIME -> 12;
      case TIMESTAMP -> TIMESTAMP_CHARS;
      case TIMESTAMP_LTZ -> TIMESTAMP_CHARS + 1;
      case BINARY -> Integer.MAX_VALUE;
      default -> 0;
    };
  }

  static int scale(DataType type) {
    return switch (type.kind()) {
      case DECIMAL -> Math.max(0, type.scale());
      case TIME, TIMESTAMP, TIMESTAMP_LTZ -> 3;
      default -> 0;
    };
  }

  /** Characters needed to show a value, sign and separators included. */
  static int displaySize(DataType type) {
    return switch (type.kind()) {
      case BOOLEAN -> 5;
      case TINYINT -> 4;
      case SMALLINT -> 6;
      case INTEGER -> 11;
      case BIGINT -> 20;
      case FLOAT -> 15;
      case DOUBLE -> 24;
      case DECIMAL -> precision(type) + 2;
      case VARCHAR, DATE, TIME, TIMESTAMP, TIMESTAMP_LTZ -> precision(type);
      default -> Integer.MAX_VALUE;
    };
  }

  static boolean isSigned(DataType type) {
    return type.kind().isNumeric() || type.kind() == TypeKind.INTERVAL_DAY_TIME || type.kind() == TypeKind.INTERVAL_YEAR_MONTH;
  }

  /** 10 for numbers, as {@code getColumns}' NUM_PREC_RADIX wants; 0 for the rest. */
  static int radix(DataType type) {
    return type.kind().isNumeric() ? 10 : 0;
  }
}
