package dev.sluice.engine.jdbc;

import dev.sluice.engine.ResultBuffer;
import dev.sluice.engine.ResultRow;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rows of a continuous query, as its batches commit. {@link #next()} takes the next row of the
 * batch in hand, or waits for the next batch in the query's bounded {@link ResultBuffer}; a reader
 * that falls behind fills the buffer and the query then waits in its sink, so nothing is dropped
 * and the heap holds at most the buffer and one batch.
 *
 * <p>Threads: one thread reads ({@code next()} and the getters); {@link #cancel} and {@link
 * #close} may come from any other. Either ends the query and wakes a waiting {@code next()}, which
 * then throws an SQLException with SQLState {@code 57014} once the query's thread is gone.
 */
final class StreamingResultSet extends SluiceResultSet {
  /** How long a waiting {@code next()} sleeps before it looks again whether the query has ended by itself. */
  private static final long END_CHECK_MILLIS = 50;

  /** The column the output mode adds in front of the query's own. */
  enum ExtraColumn {
    NONE,
    /** Update mode: each row's change kind, {@code +I}, {@code +U} or {@code -D}. */
    OP,
    /** Complete mode: the batch whose whole result table the row belongs to. */
    BATCH_ID
  }

  private enum State { OPEN, ENDED, CANCELLED, CLOSED }

  private final StreamingQuery query;
  private final ResultBuffer buffer;
  private final int capacityRows;
  private final ExtraColumn extra;
  private final SluiceStatement statement;
  private final long maxRows;
  private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);

  // Touched by the reading thread only.
  private ResultBuffer.Batch batch;
  private int indexInBatch;
  private Object[] current;
  private long rowNumber;
  private SQLException failure;

  StreamingResultSet(StreamingQuery query, ResultBuffer buffer, int capacityRows, ExtraColumn extra, SluiceStatement statement, long maxRows) {
    super(columnsOf(query.schema(), extra), statement);
    this.query = query;
    this.buffer = buffer;
    this.capacityRows = capacityRows;
    this.extra = extra;
    this.statement = statement;
    this.maxRows = maxRows;
  }

  private static Schema columnsOf(Schema result, ExtraColumn extra) {
    if (extra == ExtraColumn.NONE) return result;
    List<Field> fields = new ArrayList<>();
    fields.add(extra == ExtraColumn.OP
        ? new Field("op", DataType.varchar(2).withNullable(false))
        : new Field("batch_id", DataType.of(TypeKind.BIGINT).withNullable(false)));
    fields.addAll(result.fields());
    return new Schema(fields);
  }

  StreamingQuery query() {
    return query;
  }

  /**
   * Moves to the next row, waiting for a batch to deliver it: at most the statement's query
   * timeout, if one is set (then {@link java.sql.SQLTimeoutException}, and the query keeps
   * running); false once a query that ends by itself (trigger {@code once} or {@code
   * available-now}) has delivered its last row, or after the statement's max rows.
   */
  @Override
  public boolean next() throws SQLException {
    State now = state.get();
    if (now == State.CLOSED) throw JdbcErrors.closed("result set");
    if (now == State.CANCELLED) throw stopped(now);
    current = null;
    if (failure != null) throw failure;
    if (now == State.ENDED) return false;
    if (maxRows > 0 && rowNumber >= maxRows) {
      end();
      return false;
    }
    while (batch == null || indexInBatch >= batch.rows().size()) {
      batch = awaitBatch(statement == null ? 0 : statement.getQueryTimeout());
      indexInBatch = 0;
      if (batch == null) return false;
    }
    current = withExtraColumn(batch.rows().get(indexInBatch++), batch.batchId());
    rowNumber++;
    return true;
  }

  /** The next batch, or null when the query ended by itself with everything read. */
  private ResultBuffer.Batch awaitBatch(int timeoutSeconds) throws SQLException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (true) {
      long waitMillis = END_CHECK_MILLIS;
      if (timeoutSeconds > 0) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) throw JdbcErrors.timedOut(query.id(), timeoutSeconds);
        waitMillis = Math.min(waitMillis, left);
      }
      ResultBuffer.Batch next = poll(waitMillis);
      if (next != null) return next;
      if (!query.isActive()) {
        // The query's thread delivers before it ends, so what is left is in the buffer now.
        next = poll(0);
        if (next != null) return next;
        state.compareAndSet(State.OPEN, State.ENDED);
        if (query.exception() != null) {
          failure = new SQLException("Query " + query.id() + " failed: " + query.exception().getMessage(), JdbcErrors.GENERAL, query.exception());
          throw failure;
        }
        return null;
      }
    }
  }

  private ResultBuffer.Batch poll(long millis) throws SQLException {
    ResultBuffer.Batch next;
    try {
      next = buffer.poll(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("Interrupted while waiting for a row of query " + query.id() + "; the query keeps running", JdbcErrors.GENERAL, e);
    }
    State now = state.get();
    if (now == State.CANCELLED || now == State.CLOSED) throw stopped(now);
    return next;
  }

  /** The exception for a reader whose query was stopped under it, thrown once the query is gone. */
  private SQLException stopped(State now) {
    buffer.close();
    query.stop();
    return JdbcErrors.cancelled(query.id(), now == State.CANCELLED ? "Statement.cancel() was called" : "its result set, statement or connection was closed");
  }

  private Object[] withExtraColumn(ResultRow row, long batchId) {
    if (extra == ExtraColumn.NONE) return row.values();
    Object[] values = new Object[row.values().length + 1];
    values[0] = extra == ExtraColumn.OP ? row.kind().shortString() : (Object) batchId;
    System.arraycopy(row.values(), 0, values, 1, row.values().length);
    return values;
  }

  /** Stops the query; a waiting {@code next()} throws with SQLState 57014. Does nothing once the query ended. */
  void cancel() {
    if (state.compareAndSet(State.OPEN, State.CANCELLED)) stopQuery();
  }

  /** The reader is done: stop the query, which delivers to no one any more. */
  private void end() {
    if (state.compareAndSet(State.OPEN, State.ENDED)) stopQuery();
  }

  private void stopQuery() {
    buffer.close();
    query.stop();
  }

  @Override
  public void close() {
    if (state.getAndSet(State.CLOSED) == State.CLOSED) return;
    stopQuery();
    if (statement != null) statement.resultSetClosed(this);
  }

  @Override
  public boolean isClosed() {
    return state.get() == State.CLOSED;
  }

  @Override
  void checkOpen() throws SQLException {
    if (state.get() == State.CLOSED) throw JdbcErrors.closed("result set");
  }

  @Override
  Object[] currentRow() throws SQLException {
    checkOpen();
    if (current == null) throw new SQLException("There is no current row: call next(), and read only after it returned true", JdbcErrors.SEQUENCE);
    return current;
  }

  @Override
  public int getRow() throws SQLException {
    checkOpen();
    return current == null ? 0 : (int) Math.min(rowNumber, Integer.MAX_VALUE);
  }

  /** Whether any row came before cannot be known without waiting for it, which this method must not do. */
  @Override
  public boolean isBeforeFirst() throws SQLException {
    throw JdbcErrors.notSupported("isBeforeFirst on a continuous query's result: it would have to wait for the first row");
  }

  @Override
  public boolean isAfterLast() throws SQLException {
    checkOpen();
    return current == null && rowNumber > 0 && state.get() == State.ENDED;
  }

  @Override
  public boolean isFirst() throws SQLException {
    checkOpen();
    return current != null && rowNumber == 1;
  }

  @Override
  public boolean isLast() throws SQLException {
    throw JdbcErrors.notSupported("isLast on a continuous query's result: it would have to wait for the next row");
  }

  /** The rows the query may buffer for this reader, fixed when the query started. */
  @Override
  public int getFetchSize() throws SQLException {
    checkOpen();
    return capacityRows;
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    checkOpen();
    if (rows != 0 && rows != capacityRows) {
      throw JdbcErrors.notSupported("changing the fetch size of a running query's result (" + capacityRows
          + " rows); call Statement.setFetchSize before executeQuery");
    }
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface == StreamingQuery.class) return iface.cast(query);
    return super.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface == StreamingQuery.class || super.isWrapperFor(iface);
  }
}
