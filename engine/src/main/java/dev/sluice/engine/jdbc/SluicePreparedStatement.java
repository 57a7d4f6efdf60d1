package dev.sluice.engine.jdbc;

import dev.sluice.engine.jdbc.ParameterizedSql.ParameterValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Calendar;

/**
 * A statement with {@code ?} parameters, each replaced by an SQL literal of its value when it runs
 * (see {@link ParameterizedSql}). Nothing is planned before that, so {@link #getMetaData()} is
 * null and {@link #getParameterMetaData()} knows only where the parameters are.
 */
final class SluicePreparedStatement extends SluiceStatement implements PreparedStatement {
  private final ParameterizedSql sql;
  private final ParameterValue[] values;

  SluicePreparedStatement(SluiceConnection connection, String sql) throws SQLException {
    super(connection);
    if (sql == null) throw new SQLException("The SQL text is null");
    this.sql = ParameterizedSql.parse(sql);
    this.values = new ParameterValue[this.sql.parameterCount()];
  }

  @Override
  public boolean execute() throws SQLException {
    return run(rendered(), Expect.ANYTHING) != null;
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    return run(rendered(), Expect.ROWS);
  }

  @Override
  public int executeUpdate() throws SQLException {
    run(rendered(), Expect.NO_ROWS);
    return getUpdateCount();
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    return executeUpdate();
  }

  private synchronized String rendered() throws SQLException {
    checkOpen();
    return sql.render(values);
  }

  private synchronized void set(int index, Object value, Integer sqlType) throws SQLException {
    checkOpen();
    if (index < 1 || index > values.length) throw JdbcErrors.badIndex("Parameter", index, values.length);
    values[index - 1] = new ParameterValue(value, sqlType);
  }

  private void set(int index, Object value) throws SQLException {
    set(index, value, null);
  }

  @Override
  public synchronized void clearParameters() throws SQLException {
    checkOpen();
    Arrays.fill(values, null);
  }

  @Override
  public void setNull(int index, int sqlType) throws SQLException {
    set(index, null, sqlType);
  }

  @Override
  public void setNull(int index, int sqlType, String typeName) throws SQLException {
    set(index, null, sqlType);
  }

  @Override
  public void setBoolean(int index, boolean value) throws SQLException {
    set(index, value);
  }

  @Override
  public void setByte(int index, byte value) throws SQLException {
    set(index, value);
  }

  @Override
  public void setShort(int index, short value) throws SQLException {
    set(index, value);
  }

  @Override
  public void setInt(int index, int value) throws SQLException {
    set(index, value);
  }

  @Override
  public void setLong(int index, long value) throws SQLException {
    set(index, value);
  }

  @Override
  public void setFloat(int index, float value) throws SQLException {
    set(index, value);
  }

  @Override
  public void setDouble(int index, double value) throws SQLException {
    set(index, value);
  }

  @Override
  public void setBigDecimal(int index, BigDecimal value) throws SQLException {
    set(index, value);
  }

  @Override
  public void setString(int index, String value) throws SQLException {
    set(index, value);
  }

  @Override
  public void setNString(int index, String value) throws SQLException {
    set(index, value);
  }

  @Override
  public void setBytes(int index, byte[] value) throws SQLException {
    set(index, value == null ? null : value.clone());
  }

  /** A date, as the wall-clock date it shows in this JVM's zone. */
  @Override
  public void setDate(int index, Date value) throws SQLException {
    set(index, value);
  }

  /** A date, as the wall-clock date its instant has in {@code calendar}'s zone. */
  @Override
  public void setDate(int index, Date value, Calendar calendar) throws SQLException {
    set(index, value == null || calendar == null ? value : inZone(value.getTime(), calendar).toLocalDate());
  }

  @Override
  public void setTime(int index, Time value) throws SQLException {
    set(index, value);
  }

  @Override
  public void setTime(int index, Time value, Calendar calendar) throws SQLException {
    set(index, value == null || calendar == null ? value : inZone(value.getTime(), calendar).toLocalTime());
  }

  /** A timestamp, as the wall-clock time it shows in this JVM's zone: what {@code getTimestamp} returns reads back the same. */
  @Override
  public void setTimestamp(int index, Timestamp value) throws SQLException {
    set(index, value);
  }

  @Override
  public void setTimestamp(int index, Timestamp value, Calendar calendar) throws SQLException {
    set(index, value == null || calendar == null ? value : LocalDateTime.ofInstant(value.toInstant(), zone(calendar)));
  }

  private static LocalDateTime inZone(long epochMillis, Calendar calendar) {
    return LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(epochMillis), zone(calendar));
  }

  private static ZoneId zone(Calendar calendar) {
    return calendar.getTimeZone().toZoneId();
  }

  @Override
  public void setObject(int index, Object value) throws SQLException {
    set(index, value);
  }

  /** The value as a literal of its own class, cast to {@code targetSqlType}'s Sluice type. */
  @Override
  public void setObject(int index, Object value, int targetSqlType) throws SQLException {
    set(index, value, targetSqlType);
  }

  @Override
  public void setObject(int index, Object value, int targetSqlType, int scaleOrLength) throws SQLException {
    set(index, value, targetSqlType);
  }

  @Override
  public void setCharacterStream(int index, Reader reader) throws SQLException {
    set(index, read(reader, Long.MAX_VALUE));
  }

  @Override
  public void setCharacterStream(int index, Reader reader, int length) throws SQLException {
    set(index, read(reader, length));
  }

  @Override
  public void setCharacterStream(int index, Reader reader, long length) throws SQLException {
    set(index, read(reader, length));
  }

  @Override
  public void setNCharacterStream(int index, Reader reader) throws SQLException {
    set(index, read(reader, Long.MAX_VALUE));
  }

  @Override
  public void setNCharacterStream(int index, Reader reader, long length) throws SQLException {
    set(index, read(reader, length));
  }

  @Override
  public void setAsciiStream(int index, InputStream stream) throws SQLException {
    set(index, ascii(read(stream, Long.MAX_VALUE)));
  }

  @Override
  public void setAsciiStream(int index, InputStream stream, int length) throws SQLException {
    set(index, ascii(read(stream, length)));
  }

  @Override
  public void setAsciiStream(int index, InputStream stream, long length) throws SQLException {
    set(index, ascii(read(stream, length)));
  }

  @Override
  public void setBinaryStream(int index, InputStream stream) throws SQLException {
    set(index, read(stream, Long.MAX_VALUE));
  }

  @Override
  public void setBinaryStream(int index, InputStream stream, int length) throws SQLException {
    set(index, read(stream, length));
  }

  @Override
  public void setBinaryStream(int index, InputStream stream, long length) throws SQLException {
    set(index, read(stream, length));
  }

  private static String read(Reader reader, long length) throws SQLException {
    if (reader == null) return null;
    StringWriter text = new StringWriter();
    char[] chunk = new char[8192];
    try {
      long left = length;
      int n;
      while (left > 0 && (n = reader.read(chunk, 0, (int) Math.min(chunk.length, left))) > 0) {
        text.write(chunk, 0, n);
        left -= n;
      }
    } catch (IOException e) {
      throw new SQLException("Could not read the parameter's stream: " + e.getMessage(), JdbcErrors.GENERAL, e);
    }
    return text.toString();
  }

  private static byte[] read(InputStream stream, long length) throws SQLException {
    if (stream == null) return null;
    try {
      return length >= Integer.MAX_VALUE ? stream.readAllBytes() : stream.readNBytes((int) length);
    } catch (IOException e) {
      throw new SQLException("Could not read the parameter's stream: " + e.getMessage(), JdbcErrors.GENERAL, e);
    }
  }

  private static String ascii(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.US_ASCII);
  }

  /** @deprecated as in {@link PreparedStatement}. */
  @Deprecated
  @Override
  public void setUnicodeStream(int index, InputStream stream, int length) throws SQLException {
    throw JdbcErrors.notSupported("setUnicodeStream (deprecated since JDBC 2.0); use setCharacterStream");
  }

  @Override
  public void setRef(int index, Ref value) throws SQLException {
    throw JdbcErrors.notSupported("REF parameters");
  }

  @Override
  public void setBlob(int index, Blob value) throws SQLException {
    throw JdbcErrors.notSupported("BLOB parameters; use setBytes");
  }

  @Override
  public void setBlob(int index, InputStream stream) throws SQLException {
    throw JdbcErrors.notSupported("BLOB parameters; use setBinaryStream");
  }

  @Override
  public void setBlob(int index, InputStream stream, long length) throws SQLException {
    throw JdbcErrors.notSupported("BLOB parameters; use setBinaryStream");
  }

  @Override
  public void setClob(int index, Clob value) throws SQLException {
    throw JdbcErrors.notSupported("CLOB parameters; use setString");
  }

  @Override
  public void setClob(int index, Reader reader) throws SQLException {
    throw JdbcErrors.notSupported("CLOB parameters; use setCharacterStream");
  }

  @Override
  public void setClob(int index, Reader reader, long length) throws SQLException {
    throw JdbcErrors.notSupported("CLOB parameters; use setCharacterStream");
  }

  @Override
  public void setNClob(int index, NClob value) throws SQLException {
    throw JdbcErrors.notSupported("NCLOB parameters; use setString");
  }

  @Override
  public void setNClob(int index, Reader reader) throws SQLException {
    throw JdbcErrors.notSupported("NCLOB parameters; use setCharacterStream");
  }

  @Override
  public void setNClob(int index, Reader reader, long length) throws SQLException {
    throw JdbcErrors.notSupported("NCLOB parameters; use setCharacterStream");
  }

  @Override
  public void setArray(int index, Array value) throws SQLException {
    throw JdbcErrors.notSupported("ARRAY parameters; write ARRAY[...] in the SQL");
  }

  @Override
  public void setURL(int index, URL value) throws SQLException {
    throw JdbcErrors.notSupported("URL parameters; use setString");
  }

  @Override
  public void setRowId(int index, RowId value) throws SQLException {
    throw JdbcErrors.notSupported("ROWID parameters");
  }

  @Override
  public void setSQLXML(int index, SQLXML value) throws SQLException {
    throw JdbcErrors.notSupported("SQLXML parameters");
  }

  /** Null: the result's columns are known only once the query is planned, which happens when it runs. */
  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public synchronized ParameterMetaData getParameterMetaData() throws SQLException {
    checkOpen();
    return new SluiceParameterMetaData(sql, values.clone());
  }

  @Override
  public void addBatch() throws SQLException {
    throw noBatches();
  }

  // A prepared statement runs its own SQL only.

  private static SQLException ownSqlOnly() {
    return new SQLException("A PreparedStatement runs the SQL it was prepared with: call execute(), executeQuery() or executeUpdate() "
        + "without SQL", JdbcErrors.SEQUENCE);
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    throw ownSqlOnly();
  }

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    throw ownSqlOnly();
  }

  @Override
  public int executeUpdate(String sql) throws SQLException {
    throw ownSqlOnly();
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    throw ownSqlOnly();
  }

  @Override
  public void addBatch(String sql) throws SQLException {
    throw ownSqlOnly();
  }
}
