package dev.sluice.engine.jdbc;

import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * The columns of a result: names and types as the query produced them (after the extra {@code op}
 * or {@code batch_id} column where the output mode adds one). A result column is not traced back
 * to a table, so the table, schema and catalog names are empty, as JDBC asks when they are unknown.
 */
final class SluiceResultSetMetaData implements ResultSetMetaData {
  private final Schema columns;

  SluiceResultSetMetaData(Schema columns) {
    this.columns = columns;
  }

  private DataType type(int column) throws SQLException {
    if (column < 1 || column > columns.size()) throw JdbcErrors.badIndex("Column", column, columns.size());
    return columns.field(column - 1).type();
  }

  @Override
  public int getColumnCount() {
    return columns.size();
  }

  @Override
  public boolean isAutoIncrement(int column) throws SQLException {
    type(column);
    return false;
  }

  @Override
  public boolean isCaseSensitive(int column) throws SQLException {
    return type(column).kind() == TypeKind.VARCHAR;
  }

  @Override
  public boolean isSearchable(int column) throws SQLException {
    type(column);
    return true;
  }

  @Override
  public boolean isCurrency(int column) throws SQLException {
    type(column);
    return false;
  }

  @Override
  public int isNullable(int column) throws SQLException {
    return type(column).nullable() ? columnNullable : columnNoNulls;
  }

  @Override
  public boolean isSigned(int column) throws SQLException {
    return JdbcTypes.isSigned(type(column));
  }

  @Override
  public int getColumnDisplaySize(int column) throws SQLException {
    return JdbcTypes.displaySize(type(column));
  }

  @Override
  public String getColumnLabel(int column) throws SQLException {
    return getColumnName(column);
  }

  @Override
  public String getColumnName(int column) throws SQLException {
    type(column);
    return columns.field(column - 1).name();
  }

  @Override
  public String getSchemaName(int column) throws SQLException {
    type(column);
    return "";
  }

  @Override
  public int getPrecision(int column) throws SQLException {
    return JdbcTypes.precision(type(column));
  }

  @Override
  public int getScale(int column) throws SQLException {
    return JdbcTypes.scale(type(column));
  }

  @Override
  public String getTableName(int column) throws SQLException {
    type(column);
    return "";
  }

  @Override
  public String getCatalogName(int column) throws SQLException {
    type(column);
    return "";
  }

  @Override
  public int getColumnType(int column) throws SQLException {
    return JdbcTypes.sqlType(type(column));
  }

  @Override
  public String getColumnTypeName(int column) throws SQLException {
    return JdbcTypes.typeName(type(column));
  }

  @Override
  public boolean isReadOnly(int column) throws SQLException {
    type(column);
    return true;
  }

  @Override
  public boolean isWritable(int column) throws SQLException {
    type(column);
    return false;
  }

  @Override
  public boolean isDefinitelyWritable(int column) throws SQLException {
    type(column);
    return false;
  }

  @Override
  public String getColumnClassName(int column) throws SQLException {
    return JdbcTypes.className(type(column));
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
