package dev.sluice.engine.jdbc;

import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Schema;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * What every Sluice result set shares: reading the current row's values through the JDBC getters
 * (see {@link JdbcValues} for the conversions), columns by name, and the forward-only cursor's
 * refusals. Subclasses say what the current row is and how {@link #next()} finds the next one.
 */
abstract class SluiceResultSet extends ReadOnlyResultSet {
  private final Schema columns;
  private final Statement statement;
  private boolean lastWasNull;

  SluiceResultSet(Schema columns, Statement statement) {
    this.columns = columns;
    this.statement = statement;
  }

  /** The values of the row the cursor is on, in the engine's representation. */
  abstract Object[] currentRow() throws SQLException;

  final Schema columns() {
    return columns;
  }

  private Object value(int column) throws SQLException {
    Object[] row = currentRow();
    if (column < 1 || column > columns.size()) throw JdbcErrors.badIndex("Column", column, columns.size());
    Object value = row[column - 1];
    lastWasNull = value == null;
    return value;
  }

  private DataType type(int column) throws SQLException {
    if (column < 1 || column > columns.size()) throw JdbcErrors.badIndex("Column", column, columns.size());
    return columns.field(column - 1).type();
  }

  @Override
  public final boolean wasNull() {
    return lastWasNull;
  }

  @Override
  public final int findColumn(String label) throws SQLException {
    int index = columns.indexOf(label);
    if (index < 0) {
      throw new SQLException("There is no column '" + label + "' in this result; its columns are " + String.join(", ", columns.names()),
          JdbcErrors.COLUMN_NOT_FOUND);
    }
    return index + 1;
  }

  @Override
  public final ResultSetMetaData getMetaData() throws SQLException {
    checkOpen();
    return new SluiceResultSetMetaData(columns);
  }

  @Override
  public final Statement getStatement() throws SQLException {
    checkOpen();
    return statement;
  }

  /** Throws once the result set is closed. */
  abstract void checkOpen() throws SQLException;

  /** Closing never fails: it stops a query at most. */
  @Override
  public abstract void close();

  // Getters by position.

  @Override
  public final Object getObject(int column) throws SQLException {
    return JdbcValues.toObject(type(column), value(column));
  }

  @Override
  public final <T> T getObject(int column, Class<T> type) throws SQLException {
    if (type == null) throw new SQLException("getObject needs a class to convert to");
    return JdbcValues.toClass(type(column), value(column), type);
  }

  @Override
  public final Object getObject(int column, Map<String, Class<?>> map) throws SQLException {
    if (map != null && !map.isEmpty()) throw JdbcErrors.notSupported("type maps: Sluice has no user-defined types");
    return getObject(column);
  }

  @Override
  public final String getString(int column) throws SQLException {
    return JdbcValues.toText(type(column), value(column));
  }

  @Override
  public final String getNString(int column) throws SQLException {
    return getString(column);
  }

  @Override
  public final boolean getBoolean(int column) throws SQLException {
    return JdbcValues.toBoolean(type(column), value(column));
  }

  @Override
  public final byte getByte(int column) throws SQLException {
    return (byte) JdbcValues.toLong(type(column), value(column), Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT");
  }

  @Override
  public final short getShort(int column) throws SQLException {
    return (short) JdbcValues.toLong(type(column), value(column), Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
  }

  @Override
  public final int getInt(int column) throws SQLException {
    return (int) JdbcValues.toLong(type(column), value(column), Integer.MIN_VALUE, Integer.MAX_VALUE, "INT");
  }

  @Override
  public final long getLong(int column) throws SQLException {
    return JdbcValues.toLong(type(column), value(column), Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT");
  }

  @Override
  public final float getFloat(int column) throws SQLException {
    return (float) JdbcValues.toDouble(type(column), value(column));
  }

  @Override
  public final double getDouble(int column) throws SQLException {
    return JdbcValues.toDouble(type(column), value(column));
  }

  @Override
  public final BigDecimal getBigDecimal(int column) throws SQLException {
    return JdbcValues.toBigDecimal(type(column), value(column));
  }

  /** @deprecated as in {@link java.sql.ResultSet}; rounds half up to {@code scale}. */
  @Deprecated
  @Override
  public final BigDecimal getBigDecimal(int column, int scale) throws SQLException {
    BigDecimal value = getBigDecimal(column);
    return value == null ? null : value.setScale(scale, RoundingMode.HALF_UP);
  }

  @Override
  public final byte[] getBytes(int column) throws SQLException {
    return JdbcValues.toBytes(value(column));
  }

  @Override
  public final Date getDate(int column) throws SQLException {
    return JdbcValues.toDate(type(column), value(column), null);
  }

  @Override
  public final Date getDate(int column, Calendar calendar) throws SQLException {
    return JdbcValues.toDate(type(column), value(column), zone(calendar));
  }

  @Override
  public final Time getTime(int column) throws SQLException {
    return JdbcValues.toTime(type(column), value(column), null);
  }

  @Override
  public final Time getTime(int column, Calendar calendar) throws SQLException {
    return JdbcValues.toTime(type(column), value(column), zone(calendar));
  }

  @Override
  public final Timestamp getTimestamp(int column) throws SQLException {
    return JdbcValues.toTimestamp(type(column), value(column), null);
  }

  @Override
  public final Timestamp getTimestamp(int column, Calendar calendar) throws SQLException {
    return JdbcValues.toTimestamp(type(column), value(column), zone(calendar));
  }

  private static java.time.ZoneId zone(Calendar calendar) {
    return calendar == null ? null : calendar.getTimeZone().toZoneId();
  }

  @Override
  public final Reader getCharacterStream(int column) throws SQLException {
    String value = getString(column);
    return value == null ? null : new StringReader(value);
  }

  @Override
  public final Reader getNCharacterStream(int column) throws SQLException {
    return getCharacterStream(column);
  }

  @Override
  public final InputStream getAsciiStream(int column) throws SQLException {
    String value = getString(column);
    return value == null ? null : new ByteArrayInputStream(value.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public final InputStream getBinaryStream(int column) throws SQLException {
    byte[] value = getBytes(column);
    return value == null ? null : new ByteArrayInputStream(value);
  }

  /** @deprecated as in {@link java.sql.ResultSet}. */
  @Deprecated
  @Override
  public final InputStream getUnicodeStream(int column) throws SQLException {
    throw JdbcErrors.notSupported("getUnicodeStream (deprecated since JDBC 2.0); use getCharacterStream");
  }

  @Override
  public final Array getArray(int column) throws SQLException {
    throw JdbcErrors.notSupported("java.sql.Array; getObject returns an ARRAY column's value as a java.util.List");
  }

  @Override
  public final Blob getBlob(int column) throws SQLException {
    throw JdbcErrors.notSupported("BLOB; use getBytes");
  }

  @Override
  public final Clob getClob(int column) throws SQLException {
    throw JdbcErrors.notSupported("CLOB; use getString");
  }

  @Override
  public final NClob getNClob(int column) throws SQLException {
    throw JdbcErrors.notSupported("NCLOB; use getString");
  }

  @Override
  public final Ref getRef(int column) throws SQLException {
    throw JdbcErrors.notSupported("REF values");
  }

  @Override
  public final RowId getRowId(int column) throws SQLException {
    throw JdbcErrors.notSupported("ROWID values");
  }

  @Override
  public final SQLXML getSQLXML(int column) throws SQLException {
    throw JdbcErrors.notSupported("SQLXML values");
  }

  @Override
  public final URL getURL(int column) throws SQLException {
    throw JdbcErrors.notSupported("DATALINK values; use getString");
  }

  // Getters by label.

  @Override
  public final Object getObject(String label) throws SQLException {
    return getObject(findColumn(label));
  }

  @Override
  public final <T> T getObject(String label, Class<T> type) throws SQLException {
    return getObject(findColumn(label), type);
  }

  @Override
  public final Object getObject(String label, Map<String, Class<?>> map) throws SQLException {
    return getObject(findColumn(label), map);
  }

  @Override
  public final String getString(String label) throws SQLException {
    return getString(findColumn(label));
  }

  @Override
  public final String getNString(String label) throws SQLException {
    return getNString(findColumn(label));
  }

  @Override
  public final boolean getBoolean(String label) throws SQLException {
    return getBoolean(findColumn(label));
  }

  @Override
  public final byte getByte(String label) throws SQLException {
    return getByte(findColumn(label));
  }

  @Override
  public final short getShort(String label) throws SQLException {
    return getShort(findColumn(label));
  }

  @Override
  public final int getInt(String label) throws SQLException {
    return getInt(findColumn(label));
  }

  @Override
  public final long getLong(String label) throws SQLException {
    return getLong(findColumn(label));
  }

  @Override
  public final float getFloat(String label) throws SQLException {
    return getFloat(findColumn(label));
  }

  @Override
  public final double getDouble(String label) throws SQLException {
    return getDouble(findColumn(label));
  }

  @Override
  public final BigDecimal getBigDecimal(String label) throws SQLException {
    return getBigDecimal(findColumn(label));
  }

  /** @deprecated as in {@link java.sql.ResultSet}. */
  @Deprecated
  @Override
  public final BigDecimal getBigDecimal(String label, int scale) throws SQLException {
    return getBigDecimal(findColumn(label), scale);
  }

  @Override
  public final byte[] getBytes(String label) throws SQLException {
    return getBytes(findColumn(label));
  }

  @Override
  public final Date getDate(String label) throws SQLException {
    return getDate(findColumn(label));
  }

  @Override
  public final Date getDate(String label, Calendar calendar) throws SQLException {
    return getDate(findColumn(label), calendar);
  }

  @Override
  public final Time getTime(String label) throws SQLException {
    return getTime(findColumn(label));
  }

  @Override
  public final Time getTime(String label, Calendar calendar) throws SQLException {
    return getTime(findColumn(label), calendar);
  }

  @Override
  public final Timestamp getTimestamp(String label) throws SQLException {
    return getTimestamp(findColumn(label));
  }

  @Override
  public final Timestamp getTimestamp(String label, Calendar calendar) throws SQLException {
    return getTimestamp(findColumn(label), calendar);
  }

  @Override
  public final Reader getCharacterStream(String label) throws SQLException {
    return getCharacterStream(findColumn(label));
  }

  @Override
  public final Reader getNCharacterStream(String label) throws SQLException {
    return getNCharacterStream(findColumn(label));
  }

  @Override
  public final InputStream getAsciiStream(String label) throws SQLException {
    return getAsciiStream(findColumn(label));
  }

  @Override
  public final InputStream getBinaryStream(String label) throws SQLException {
    return getBinaryStream(findColumn(label));
  }

  /** @deprecated as in {@link java.sql.ResultSet}. */
  @Deprecated
  @Override
  public final InputStream getUnicodeStream(String label) throws SQLException {
    return getUnicodeStream(findColumn(label));
  }

  @Override
  public final Array getArray(String label) throws SQLException {
    return getArray(findColumn(label));
  }

  @Override
  public final Blob getBlob(String label) throws SQLException {
    return getBlob(findColumn(label));
  }

  @Override
  public final Clob getClob(String label) throws SQLException {
    return getClob(findColumn(label));
  }

  @Override
  public final NClob getNClob(String label) throws SQLException {
    return getNClob(findColumn(label));
  }

  @Override
  public final Ref getRef(String label) throws SQLException {
    return getRef(findColumn(label));
  }

  @Override
  public final RowId getRowId(String label) throws SQLException {
    return getRowId(findColumn(label));
  }

  @Override
  public final SQLXML getSQLXML(String label) throws SQLException {
    return getSQLXML(findColumn(label));
  }

  @Override
  public final URL getURL(String label) throws SQLException {
    return getURL(findColumn(label));
  }

  // The forward-only cursor.

  private static SQLException forwardOnly() {
    return JdbcErrors.notSupported("moving back or jumping in a result: results are TYPE_FORWARD_ONLY; use next()");
  }

  @Override
  public final int getType() {
    return TYPE_FORWARD_ONLY;
  }

  @Override
  public final boolean previous() throws SQLException {
    throw forwardOnly();
  }

  @Override
  public final boolean absolute(int row) throws SQLException {
    throw forwardOnly();
  }

  @Override
  public final boolean relative(int rows) throws SQLException {
    throw forwardOnly();
  }

  @Override
  public final boolean first() throws SQLException {
    throw forwardOnly();
  }

  @Override
  public final boolean last() throws SQLException {
    throw forwardOnly();
  }

  @Override
  public final void beforeFirst() throws SQLException {
    throw forwardOnly();
  }

  @Override
  public final void afterLast() throws SQLException {
    throw forwardOnly();
  }

  @Override
  public final void setFetchDirection(int direction) throws SQLException {
    if (direction != FETCH_FORWARD) throw forwardOnly();
  }

  @Override
  public final int getFetchDirection() {
    return FETCH_FORWARD;
  }

  /** Results outlive no transaction (Sluice has none), so they are never closed by a commit. */
  @Override
  public final int getHoldability() {
    return HOLD_CURSORS_OVER_COMMIT;
  }

  @Override
  public final String getCursorName() throws SQLException {
    throw JdbcErrors.notSupported("named cursors (positioned UPDATE and DELETE)");
  }

  /** Sluice raises no warnings: what a person should know is an exception or in the query's progress. */
  @Override
  public final SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public final void clearWarnings() throws SQLException {
    checkOpen();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) return iface.cast(this);
    throw new SQLException("This result set is not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
