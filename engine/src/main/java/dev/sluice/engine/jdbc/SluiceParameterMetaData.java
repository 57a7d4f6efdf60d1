package dev.sluice.engine.jdbc;

import dev.sluice.engine.jdbc.ParameterizedSql.ParameterValue;
import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * What is known of a prepared statement's parameters before it runs: how many there are, and
 * which take a string (option values, SET values, intervals). The others become literals of
 * whatever value they are given, so their type is the given value's, or {@code OTHER} while unset.
 */
final class SluiceParameterMetaData implements ParameterMetaData {
  private final ParameterizedSql sql;
  private final ParameterValue[] values;

  SluiceParameterMetaData(ParameterizedSql sql, ParameterValue[] values) {
    this.sql = sql;
    this.values = values;
  }

  private void check(int index) throws SQLException {
    if (index < 1 || index > sql.parameterCount()) throw JdbcErrors.badIndex("Parameter", index, sql.parameterCount());
  }

  @Override
  public int getParameterCount() {
    return sql.parameterCount();
  }

  @Override
  public int isNullable(int index) throws SQLException {
    check(index);
    return sql.isTextOnly(index) ? parameterNoNulls : parameterNullableUnknown;
  }

  @Override
  public boolean isSigned(int index) throws SQLException {
    return Number.class.isAssignableFrom(classOf(index));
  }

  @Override
  public int getPrecision(int index) throws SQLException {
    check(index);
    return 0;
  }

  @Override
  public int getScale(int index) throws SQLException {
    check(index);
    return 0;
  }

  @Override
  public int getParameterType(int index) throws SQLException {
    check(index);
    if (sql.isTextOnly(index)) return Types.VARCHAR;
    ParameterValue value = values[index - 1];
    if (value == null) return Types.OTHER;
    if (value.sqlType() != null) return value.sqlType();
    return value.value() == null ? Types.NULL : sqlTypeOf(value.value());
  }

  private static int sqlTypeOf(Object value) {
    if (value instanceof String || value instanceof Character) return Types.VARCHAR;
    if (value instanceof Boolean) return Types.BOOLEAN;
    if (value instanceof Byte) return Types.TINYINT;
    if (value instanceof Short) return Types.SMALLINT;
    if (value instanceof Integer) return Types.INTEGER;
    if (value instanceof Long) return Types.BIGINT;
    if (value instanceof Float) return Types.REAL;
    if (value instanceof Double) return Types.DOUBLE;
    if (value instanceof java.math.BigDecimal || value instanceof java.math.BigInteger) return Types.DECIMAL;
    if (value instanceof java.sql.Timestamp || value instanceof java.time.LocalDateTime) return Types.TIMESTAMP;
    if (value instanceof java.sql.Date || value instanceof java.time.LocalDate) return Types.DATE;
    if (value instanceof java.sql.Time || value instanceof java.time.LocalTime) return Types.TIME;
    if (value instanceof byte[]) return Types.VARBINARY;
    return Types.OTHER;
  }

  @Override
  public String getParameterTypeName(int index) throws SQLException {
    int type = getParameterType(index);
    String name = SqlLiterals.typeName(type);
    return name != null ? name : type == Types.NULL ? "NULL" : "ANY";
  }

  @Override
  public String getParameterClassName(int index) throws SQLException {
    return classOf(index).getName();
  }

  private Class<?> classOf(int index) throws SQLException {
    check(index);
    if (sql.isTextOnly(index)) return String.class;
    ParameterValue value = values[index - 1];
    return value == null || value.value() == null ? Object.class : value.value().getClass();
  }

  @Override
  public int getParameterMode(int index) throws SQLException {
    check(index);
    return parameterModeIn;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) return iface.cast(this);
    throw new SQLException("Not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
