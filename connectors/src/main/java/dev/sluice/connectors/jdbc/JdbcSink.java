package dev.sluice.connectors.jdbc;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.data.Values;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.spi.QueryStatus;
import dev.sluice.runtime.spi.SecretUrls;
import dev.sluice.runtime.spi.Sink;
import dev.sluice.runtime.spi.SinkContext;
import dev.sluice.runtime.spi.TableContext;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Schema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Writes a query's result into an existing database table, one transaction per batch.
 *
 * <ul>
 *   <li>append mode inserts the batch's rows;
 *   <li>update mode upserts changed rows by the table's primary key (PostgreSQL's {@code INSERT
 *       ... ON CONFLICT (key) DO UPDATE}) and deletes, by that key, the rows that left the result.
 *       The key is the {@code PRIMARY KEY} of Sluice's DDL, else the database table's own;
 *   <li>complete mode deletes the table's rows and inserts the whole result.
 * </ul>
 *
 * The same transaction records the batch id in {@link BatchLedger}'s {@code sluice_batches}, keyed
 * by query id and table, so a batch the engine repeats after a crash (written, not yet committed
 * in the checkpoint) changes nothing. Sink columns match database columns by name, ignoring case.
 */
public final class JdbcSink implements Sink {
  private final String table;
  private final Schema schema;
  private final String url;
  private final String tableName;
  private final Properties credentials = new Properties();
  private final List<String> declaredKey;

  private Connection connection;
  private JdbcTable target;
  private BatchLedger ledger;
  private OutputMode mode;
  private BatchLedger.Committed lastCommitted = BatchLedger.Committed.NONE;
  private Supplier<QueryStatus> status;
  private boolean firstWrite = true;

  public JdbcSink(TableContext context) {
    ConnectorOptions options = context.options();
    this.table = context.tableName();
    this.schema = context.schema();
    this.url = options.require(JdbcConnectorFactory.URL);
    this.tableName = options.require(JdbcConnectorFactory.TABLE_NAME);
    if (options.has(JdbcConnectorFactory.USERNAME)) credentials.setProperty("user", options.get(JdbcConnectorFactory.USERNAME));
    if (options.has(JdbcConnectorFactory.PASSWORD)) credentials.setProperty("password", options.get(JdbcConnectorFactory.PASSWORD));
    this.declaredKey = context.primaryKey();
    for (String key : declaredKey) {
      if (schema.indexOf(key) < 0) {
        throw new IllegalArgumentException("JDBC table '" + table + "': PRIMARY KEY column '" + key + "' is not a column of " + schema);
      }
    }
    if (options.has(JdbcConnectorFactory.DRIVER)) {
      try {
        Class.forName(options.get(JdbcConnectorFactory.DRIVER));
      } catch (ClassNotFoundException e) {
        throw new IllegalArgumentException(
            "JDBC table '" + table + "': driver class '" + options.get(JdbcConnectorFactory.DRIVER) + "' is not on the class path", e);
      }
    }
  }

  @Override
  public void open(SinkContext context) {
    this.mode = context.mode();
    this.status = context.status();
    this.ledger = new BatchLedger(String.valueOf(context.queryId()), tableName);
    try {
      connection = DriverManager.getConnection(url, credentials);
      connection.setAutoCommit(false);
      target = JdbcTable.resolve(connection, table, tableName, schema, declaredKey);
      if (mode == OutputMode.UPDATE) checkUpsertable();
      BatchLedger.ensureExists(connection);
      lastCommitted = ledger.lastBatch(connection);
    } catch (SQLException e) {
      close();
      SQLException shown = withoutUrlSecrets(e);
      throw new IllegalStateException("JDBC sink of table '" + table + "' could not open '" + tableName + "': " + shown.getMessage(), shown);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * {@code e}, or a copy whose message has the URL's passwords masked when it shows them, as
   * DriverManager's "No suitable driver found for <url>" does; the copy keeps the stack and cause.
   */
  private static SQLException withoutUrlSecrets(SQLException e) {
    String masked = SecretUrls.mask(e.getMessage());
    if (masked == null || masked.equals(e.getMessage())) return e;
    SQLException copy = new SQLException(masked, e.getSQLState(), e.getErrorCode(), e.getCause());
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  private void checkUpsertable() {
    if (target.primaryKey.length == 0) {
      throw new IllegalArgumentException(
          "JDBC table '" + table + "' receives an update-mode result, which is upserted by primary key, but neither its DDL nor"
              + " database table '" + tableName + "' declares one. Add PRIMARY KEY (<the result's key columns>) NOT ENFORCED to the"
              + " DDL, or use append or complete mode");
    }
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "JDBC table '" + table + "': update mode upserts with PostgreSQL's INSERT ... ON CONFLICT, and '" + SecretUrls.mask(url)
              + "' is not a PostgreSQL URL; use append or complete mode");
    }
  }

  @Override
  public void write(long batchId, RowBatch rows) {
    if (connection == null) throw new IllegalStateException("JDBC sink of table '" + table + "' was written before open");
    String inputDigest = status.get().inputDigest();
    if (alreadyCommitted(batchId, inputDigest)) return;
    try {
      switch (mode) {
        case APPEND -> insertAll(rows);
        case COMPLETE -> {
          try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(target.deleteAll());
          }
          insertAll(rows);
        }
        case UPDATE -> applyChanges(rows);
      }
      ledger.record(connection, batchId, inputDigest);
      connection.commit();
      lastCommitted = new BatchLedger.Committed(batchId, inputDigest);
    } catch (SQLException e) {
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      SQLException cause = e.getNextException() != null ? e.getNextException() : e;
      throw new IllegalStateException(
          "JDBC sink of table '" + table + "' could not write batch " + batchId + " to '" + tableName + "': " + cause.getMessage(), e);
    }
  }

  /**
   * Same rule as the Kafka sink (see {@code KafkaSink#alreadyCommitted}), and the last committed
   * batch is skipped only when it is repeated over the input it was committed with: over other
   * input the query runs on another or an older checkpoint, and skipping would lose its rows.
   */
  private boolean alreadyCommitted(long batchId, String inputDigest) {
    boolean first = firstWrite;
    firstWrite = false;
    if (first && batchId < lastCommitted.batchId()) {
      lastCommitted = BatchLedger.Committed.NONE;
      return false;
    }
    String committedDigest = lastCommitted.inputDigest();
    if (batchId == lastCommitted.batchId() && committedDigest != null && inputDigest != null && !committedDigest.equals(inputDigest)) {
      throw new IllegalStateException(
          "JDBC sink of table '" + table + "' committed batch " + batchId + " to '" + tableName + "' over other input (digest "
              + committedDigest + ", in " + ledger.describe() + ") than the query runs it over now (digest " + inputDigest
              + "): the query's checkpoint is not the one that wrote this batch, or an older copy of it, and skipping the batch"
              + " would lose its rows. Restart it with the checkpoint that wrote these rows");
    }
    return batchId <= lastCommitted.batchId();
  }

  /** Upserts and deletes in batch order, each run of one kind as one JDBC batch. */
  private void applyChanges(RowBatch rows) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement(target.upsert());
        PreparedStatement delete = connection.prepareStatement(target.deleteByKey())) {
      PreparedStatement pending = null;
      for (int i = 0; i < rows.size(); i++) {
        RowKind kind = rows.kind(i);
        if (kind == RowKind.UPDATE_BEFORE) continue;
        PreparedStatement statement = kind == RowKind.DELETE ? delete : upsert;
        if (pending != null && pending != statement) pending.executeBatch();
        pending = statement;
        Object[] row = rows.row(i);
        if (statement == delete) {
          for (int k = 0; k < target.primaryKey.length; k++) bind(statement, k + 1, row[target.primaryKey[k]], schema.field(target.primaryKey[k]).type());
        } else {
          bindRow(statement, row);
        }
        statement.addBatch();
      }
      if (pending != null) pending.executeBatch();
    }
  }

  private void insertAll(RowBatch rows) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(target.insert())) {
      for (int i = 0; i < rows.size(); i++) {
        if (!rows.kind(i).isAccumulate()) {
          throw new IllegalStateException(
              "JDBC sink of table '" + table + "' received a " + rows.kind(i).shortString() + " row in " + mode.sqlName()
                  + " mode, which only delivers inserts");
        }
        bindRow(insert, rows.row(i));
        insert.addBatch();
      }
      if (rows.size() > 0) insert.executeBatch();
    }
  }

  private void bindRow(PreparedStatement statement, Object[] row) throws SQLException {
    for (int c = 0; c < row.length; c++) bind(statement, c + 1, row[c], schema.field(c).type());
  }

  /** Binds a row value in the JDBC type its SQL type maps to. */
  private static void bind(PreparedStatement statement, int index, Object value, DataType type) throws SQLException {
    if (value == null) {
      statement.setNull(index, sqlType(type));
      return;
    }
    switch (type.kind()) {
      case TIMESTAMP -> statement.setObject(index, LocalDateTime.ofEpochSecond(
          Math.floorDiv(((Number) value).longValue(), 1000), (int) Math.floorMod(((Number) value).longValue(), 1000) * 1_000_000,
          ZoneOffset.UTC));
      case TIMESTAMP_LTZ -> statement.setObject(index, OffsetDateTime.ofInstant(
          java.time.Instant.ofEpochMilli(((Number) value).longValue()), ZoneOffset.UTC));
      case DATE -> statement.setObject(index, LocalDate.ofEpochDay(((Number) value).longValue()));
      case TIME -> statement.setObject(index, LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000_000L));
      case ARRAY, ROW, MAP -> statement.setString(index, Values.toDisplayString(value, type));
      default -> statement.setObject(index, value);
    }
  }

  private static int sqlType(DataType type) {
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
      case BINARY -> Types.BINARY;
      default -> Types.VARCHAR;
    };
  }

  @Override
  public void close() {
    if (connection == null) return;
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Nothing is pending: every batch committed or rolled back before close.
    }
    connection = null;
  }
}
