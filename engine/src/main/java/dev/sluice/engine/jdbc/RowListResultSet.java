package dev.sluice.engine.jdbc;

import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A result whose rows are all known when it is made: what {@code SHOW}, {@code DESCRIBE}, {@code
 * SET}, {@code EXPLAIN} and the {@code DatabaseMetaData} methods return. The rows are in memory,
 * so the fetch size changes nothing here.
 */
final class RowListResultSet extends SluiceResultSet {
  private final List<Object[]> rows;
  private final SluiceStatement statement;
  private int position = -1;
  private int fetchSize;
  private boolean closed;

  RowListResultSet(Schema columns, List<Object[]> rows, SluiceStatement statement) {
    super(columns, statement);
    this.rows = rows;
    this.statement = statement;
  }

  /** A result of VARCHAR columns, as the engine returns SHOW, DESCRIBE and SET. */
  static RowListResultSet ofText(List<String> columnNames, List<List<String>> rows, SluiceStatement statement) {
    List<Field> fields = new ArrayList<>();
    for (String name : columnNames) fields.add(new Field(name, DataType.varchar(DataType.NO_PRECISION)));
    List<Object[]> values = new ArrayList<>();
    for (List<String> row : rows) values.add(row.toArray());
    return new RowListResultSet(new Schema(fields), values, statement);
  }

  @Override
  public boolean next() throws SQLException {
    checkOpen();
    if (position < rows.size()) position++;
    return position < rows.size();
  }

  @Override
  Object[] currentRow() throws SQLException {
    checkOpen();
    if (position < 0) throw new SQLException("There is no current row: call next() first", JdbcErrors.SEQUENCE);
    if (position >= rows.size()) throw new SQLException("There is no current row: next() returned false", JdbcErrors.SEQUENCE);
    return rows.get(position);
  }

  @Override
  void checkOpen() throws SQLException {
    if (closed) throw JdbcErrors.closed("result set");
  }

  @Override
  public boolean isBeforeFirst() throws SQLException {
    checkOpen();
    return position < 0 && !rows.isEmpty();
  }

  @Override
  public boolean isAfterLast() throws SQLException {
    checkOpen();
    return position >= rows.size() && !rows.isEmpty();
  }

  @Override
  public boolean isFirst() throws SQLException {
    checkOpen();
    return position == 0 && !rows.isEmpty();
  }

  @Override
  public boolean isLast() throws SQLException {
    checkOpen();
    return position == rows.size() - 1 && position >= 0;
  }

  @Override
  public int getRow() throws SQLException {
    checkOpen();
    return position >= 0 && position < rows.size() ? position + 1 : 0;
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    checkOpen();
    if (rows < 0) throw new SQLException("The fetch size cannot be negative: " + rows);
    fetchSize = rows;
  }

  @Override
  public int getFetchSize() throws SQLException {
    checkOpen();
    return fetchSize;
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    if (statement != null) statement.resultSetClosed(this);
  }

  @Override
  public boolean isClosed() {
    return closed;
  }
}
