package dev.sluice.engine.jdbc;

import dev.sluice.engine.ResultBuffer;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.StatementResult;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.engine.internal.StatementThread;
import dev.sluice.engine.jdbc.StreamingResultSet.ExtraColumn;
import dev.sluice.sql.SqlSyntaxException;
import dev.sluice.sql.StatementParser;
import dev.sluice.sql.ast.Describe;
import dev.sluice.sql.ast.Explain;
import dev.sluice.sql.ast.Query;
import dev.sluice.sql.ast.SetOption;
import dev.sluice.sql.ast.Show;
import dev.sluice.sql.ast.Statement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one statement at a time on its connection's engine. A {@code SELECT} starts a continuous
 * query whose rows its {@link StreamingResultSet} delivers; {@code SHOW}, {@code DESCRIBE}, {@code
 * EXPLAIN} and a bare {@code SET} return their rows at once; DDL, {@code SET}, {@code RESET},
 * {@code STOP QUERY} and {@code INSERT INTO} (which starts a background query) return the update
 * count 0.
 *
 * <p>Running another statement, closing this one or its connection closes the open result and
 * stops its query. {@link #cancel()} and {@link #close()} may be called from any thread.
 */
class SluiceStatement implements java.sql.Statement {
  /** Rows a SELECT's result buffers when no fetch size is set: the engine's own default for a bare SELECT. */
  static final int DEFAULT_FETCH_SIZE = 10_000;

  private final SluiceConnection connection;
  private volatile boolean closed;
  private volatile SluiceResultSet result;
  /** False once getMoreResults moved past the result, which may stay open (KEEP_CURRENT_RESULT). */
  private boolean resultIsCurrent;
  /** The query of the open result, or the last INSERT INTO's, for {@code unwrap(StreamingQuery.class)}. */
  private volatile StreamingQuery query;
  private int updateCount = -1;
  private volatile int queryTimeoutSeconds;
  private int fetchSize;
  private long maxRows;
  private boolean closeOnCompletion;
  private boolean poolable;

  SluiceStatement(SluiceConnection connection) {
    this.connection = connection;
  }

  // Running statements.

  @Override
  public boolean execute(String sql) throws SQLException {
    return run(sql, Expect.ANYTHING) != null;
  }

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    return run(sql, Expect.ROWS);
  }

  @Override
  public int executeUpdate(String sql) throws SQLException {
    run(sql, Expect.NO_ROWS);
    return updateCount;
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    return executeUpdate(sql);
  }

  /** What the caller's execute method allows the statement to return. */
  enum Expect { ANYTHING, ROWS, NO_ROWS }

  /** Runs {@code sql}; its result set, or null when it returned an update count. */
  final synchronized SluiceResultSet run(String sql, Expect expect) throws SQLException {
    checkOpen();
    closeResult();
    updateCount = -1;
    query = null;
    resultIsCurrent = true;
    Statement statement = parse(sql);
    boolean returnsRows = statement instanceof Query || statement instanceof Show || statement instanceof Describe
        || statement instanceof Explain || (statement instanceof SetOption set && set.key() == null);
    if (expect == Expect.ROWS && !returnsRows) {
      throw new SQLException("executeQuery runs statements that return rows (SELECT, SHOW, DESCRIBE, EXPLAIN, SET without "
          + "arguments); use execute or executeUpdate for: " + statement.text(), JdbcErrors.SEQUENCE);
    }
    if (expect == Expect.NO_ROWS && returnsRows) {
      throw new SQLException("executeUpdate runs statements that return no rows; use executeQuery or execute for: " + statement.text(),
          JdbcErrors.SEQUENCE);
    }
    try {
      if (statement instanceof Query select) {
        result = startQuery(select.query().sql());
      } else {
        StatementResult done = connection.engine().execute(sql);
        result = switch (done.kind()) {
          case ROWS -> RowListResultSet.ofText(done.columns(), limited(done.rows()), this);
          case EXPLAIN -> RowListResultSet.ofText(List.of("plan"), limited(lines(done.message())), this);
          default -> null;
        };
        if (done.query() != null) query = done.query();
        if (result == null) updateCount = 0;
      }
    } catch (SluiceException e) {
      throw JdbcErrors.fromEngine(e);
    } catch (RuntimeException e) {
      throw new SQLException("Sluice could not run the statement: " + e, JdbcErrors.GENERAL, e);
    }
    return result;
  }

  private static Statement parse(String sql) throws SQLException {
    if (sql == null) throw new SQLException("The SQL text is null");
    try {
      // On the engine's statement thread, whose stack holds any statement the nesting limit lets through.
      return StatementThread.run(() -> StatementParser.parseStatement(sql));
    } catch (SqlSyntaxException e) {
      throw JdbcErrors.fromEngine(new SluiceException(e.getMessage(), e.line(), e.column(), e.sourceLine(), e));
    }
  }

  /** Starts the query with a result buffer of the fetch size, so the fetch size bounds what waits for the reader. */
  private StreamingResultSet startQuery(String sql) {
    int capacity = getFetchSize();
    ResultBuffer buffer = new ResultBuffer(capacity);
    StreamingQuery started = connection.engine().query(sql).onBatch(buffer).start();
    ExtraColumn extra = switch (started.outputMode()) {
      case APPEND -> ExtraColumn.NONE;
      case UPDATE -> ExtraColumn.OP;
      case COMPLETE -> ExtraColumn.BATCH_ID;
    };
    query = started;
    return new StreamingResultSet(started, buffer, capacity, extra, this, maxRows);
  }

  /** The first max-rows rows, as JDBC asks of every result. */
  private List<List<String>> limited(List<List<String>> rows) {
    return maxRows > 0 && rows.size() > maxRows ? rows.subList(0, (int) maxRows) : rows;
  }

  private static List<List<String>> lines(String text) {
    List<List<String>> rows = new ArrayList<>();
    for (String line : text.split("\n", -1)) rows.add(List.of(line));
    if (!rows.isEmpty() && rows.get(rows.size() - 1).get(0).isEmpty()) rows.remove(rows.size() - 1);
    return rows;
  }

  @Override
  public synchronized ResultSet getResultSet() throws SQLException {
    checkOpen();
    return resultIsCurrent ? result : null;
  }

  @Override
  public synchronized int getUpdateCount() throws SQLException {
    checkOpen();
    return updateCount;
  }

  @Override
  public long getLargeUpdateCount() throws SQLException {
    return getUpdateCount();
  }

  /** Every statement returns one result; moving past it closes it, unless asked to keep it. */
  @Override
  public boolean getMoreResults() throws SQLException {
    return getMoreResults(CLOSE_CURRENT_RESULT);
  }

  @Override
  public synchronized boolean getMoreResults(int current) throws SQLException {
    checkOpen();
    if (current != KEEP_CURRENT_RESULT) closeResult();
    resultIsCurrent = false;
    updateCount = -1;
    return false;
  }

  // Stopping.

  /** Stops the running SELECT, if any: a {@code next()} waiting for its rows throws with SQLState 57014. */
  @Override
  public void cancel() throws SQLException {
    checkOpen();
    if (result instanceof StreamingResultSet streaming) streaming.cancel();
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) return;
      closed = true;
      closeResult();
    }
    connection.statementClosed(this);
  }

  private void closeResult() {
    SluiceResultSet open = result;
    result = null;
    if (open != null) open.close();
  }

  /** Called by a result set as it closes. */
  final void resultSetClosed(SluiceResultSet closedResult) {
    boolean closeNow;
    synchronized (this) {
      if (result == closedResult) result = null;
      closeNow = closeOnCompletion && !closed;
    }
    if (closeNow) close();
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  final void checkOpen() throws SQLException {
    if (closed) throw JdbcErrors.closed("statement");
    connection.checkOpen();
  }

  @Override
  public synchronized void closeOnCompletion() throws SQLException {
    checkOpen();
    closeOnCompletion = true;
  }

  @Override
  public synchronized boolean isCloseOnCompletion() throws SQLException {
    checkOpen();
    return closeOnCompletion;
  }

  // Limits.

  /** How long {@code ResultSet.next()} waits for a row, in seconds; 0 waits as long as it takes. */
  @Override
  public void setQueryTimeout(int seconds) throws SQLException {
    checkOpen();
    if (seconds < 0) throw new SQLException("The query timeout cannot be negative: " + seconds);
    queryTimeoutSeconds = seconds;
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    checkOpen();
    return queryTimeoutSeconds;
  }

  /** The rows a query started afterwards may buffer for its reader before it pauses; 0 for the default of 10,000. */
  @Override
  public synchronized void setFetchSize(int rows) throws SQLException {
    checkOpen();
    if (rows < 0) throw new SQLException("The fetch size cannot be negative: " + rows);
    fetchSize = rows;
  }

  @Override
  public synchronized int getFetchSize() {
    return fetchSize == 0 ? DEFAULT_FETCH_SIZE : fetchSize;
  }

  /** After this many rows {@code next()} returns false and the query stops; 0 for no limit. */
  @Override
  public void setMaxRows(int max) throws SQLException {
    setLargeMaxRows(max);
  }

  @Override
  public synchronized void setLargeMaxRows(long max) throws SQLException {
    checkOpen();
    if (max < 0) throw new SQLException("The maximum number of rows cannot be negative: " + max);
    maxRows = max;
  }

  @Override
  public int getMaxRows() throws SQLException {
    return (int) Math.min(getLargeMaxRows(), Integer.MAX_VALUE);
  }

  @Override
  public synchronized long getLargeMaxRows() throws SQLException {
    checkOpen();
    return maxRows;
  }

  @Override
  public void setMaxFieldSize(int max) throws SQLException {
    checkOpen();
    if (max != 0) throw JdbcErrors.notSupported("a maximum field size: values are returned whole");
  }

  @Override
  public int getMaxFieldSize() throws SQLException {
    checkOpen();
    return 0;
  }

  /** SQL is passed to Sluice as written: JDBC escapes ({@code {fn ...}}, {@code {ts ...}}) are not translated. */
  @Override
  public void setEscapeProcessing(boolean enable) throws SQLException {
    checkOpen();
    if (enable) throw JdbcErrors.notSupported("JDBC escape processing ({fn ...}, {ts ...}); write Sluice SQL");
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    checkOpen();
    if (direction != ResultSet.FETCH_FORWARD) throw JdbcErrors.notSupported("fetch directions other than FETCH_FORWARD");
  }

  @Override
  public int getFetchDirection() throws SQLException {
    checkOpen();
    return ResultSet.FETCH_FORWARD;
  }

  @Override
  public int getResultSetConcurrency() throws SQLException {
    checkOpen();
    return ResultSet.CONCUR_READ_ONLY;
  }

  @Override
  public int getResultSetType() throws SQLException {
    checkOpen();
    return ResultSet.TYPE_FORWARD_ONLY;
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    checkOpen();
    return ResultSet.HOLD_CURSORS_OVER_COMMIT;
  }

  @Override
  public synchronized void setPoolable(boolean poolable) throws SQLException {
    checkOpen();
    this.poolable = poolable;
  }

  @Override
  public synchronized boolean isPoolable() throws SQLException {
    checkOpen();
    return poolable;
  }

  @Override
  public Connection getConnection() throws SQLException {
    checkOpen();
    return connection;
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
  }

  // Refused.

  @Override
  public void setCursorName(String name) throws SQLException {
    throw JdbcErrors.notSupported("named cursors (positioned UPDATE and DELETE)");
  }

  @Override
  public void addBatch(String sql) throws SQLException {
    throw noBatches();
  }

  @Override
  public void clearBatch() throws SQLException {
    throw noBatches();
  }

  @Override
  public int[] executeBatch() throws SQLException {
    throw noBatches();
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    throw noBatches();
  }

  static SQLException noBatches() {
    return JdbcErrors.notSupported("statement batches; run statements one by one");
  }

  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    throw noGeneratedKeys();
  }

  @Override
  public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    if (autoGeneratedKeys != NO_GENERATED_KEYS) throw noGeneratedKeys();
    return executeUpdate(sql);
  }

  @Override
  public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
    throw noGeneratedKeys();
  }

  @Override
  public int executeUpdate(String sql, String[] columnNames) throws SQLException {
    throw noGeneratedKeys();
  }

  @Override
  public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    return executeUpdate(sql, autoGeneratedKeys);
  }

  @Override
  public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
    throw noGeneratedKeys();
  }

  @Override
  public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
    throw noGeneratedKeys();
  }

  @Override
  public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
    if (autoGeneratedKeys != NO_GENERATED_KEYS) throw noGeneratedKeys();
    return execute(sql);
  }

  @Override
  public boolean execute(String sql, int[] columnIndexes) throws SQLException {
    throw noGeneratedKeys();
  }

  @Override
  public boolean execute(String sql, String[] columnNames) throws SQLException {
    throw noGeneratedKeys();
  }

  private static SQLException noGeneratedKeys() {
    return JdbcErrors.notSupported("generated keys: Sluice generates none");
  }

  /**
   * Reaches the statement's query: {@code unwrap(StreamingQuery.class)} gives the query of the open
   * SELECT result, or the one the last {@code INSERT INTO} started, with its id, progress and stop.
   */
  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface == StreamingQuery.class) {
      StreamingQuery current = query;
      if (current == null) throw new SQLException("This statement has no query: execute a SELECT or an INSERT INTO first", JdbcErrors.SEQUENCE);
      return iface.cast(current);
    }
    if (iface.isInstance(this)) return iface.cast(this);
    throw new SQLException("This statement is not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return (iface == StreamingQuery.class && query != null) || iface.isInstance(this);
  }
}
