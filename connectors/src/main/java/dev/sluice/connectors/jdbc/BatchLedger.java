package dev.sluice.connectors.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The bookkeeping table {@code sluice_batches(query_id, table_name, batch_id)}: per query and sink
 * table, the last batch whose rows were committed. A sink updates it in the same transaction as
 * the rows, so the two are committed together or not at all. Made on first use.
 */
final class BatchLedger {
  static final String TABLE = "sluice_batches";
  private static final String CREATE =
      "CREATE TABLE IF NOT EXISTS " + TABLE
          + " (query_id VARCHAR(255) NOT NULL, table_name VARCHAR(512) NOT NULL, batch_id BIGINT NOT NULL,"
          + " PRIMARY KEY (query_id, table_name))";

  private final String queryId;
  private final String tableName;

  BatchLedger(String queryId, String tableName) {
    this.queryId = queryId;
    this.tableName = tableName;
  }

  /** Creates the ledger table unless it exists, and commits. */
  static void ensureExists(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(CREATE);
      connection.commit();
    } catch (SQLException e) {
      // Two sinks creating it at once: one of them loses the race, and the table is there.
      connection.rollback();
      try (Statement statement = connection.createStatement()) {
        statement.execute("SELECT batch_id FROM " + TABLE + " WHERE 1 = 0");
        connection.commit();
      } catch (SQLException again) {
        e.addSuppressed(again);
        throw e;
      }
    }
  }

  /** The last batch committed for this query and table, or -1. */
  long lastBatch(Connection connection) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT batch_id FROM " + TABLE + " WHERE query_id = ? AND table_name = ?")) {
      select.setString(1, queryId);
      select.setString(2, tableName);
      try (ResultSet rs = select.executeQuery()) {
        long last = rs.next() ? rs.getLong(1) : -1;
        connection.commit();
        return last;
      }
    }
  }

  /** Records {@code batchId} as committed, inside the caller's open transaction. */
  void record(Connection connection, long batchId) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement("UPDATE " + TABLE + " SET batch_id = ? WHERE query_id = ? AND table_name = ?")) {
      update.setLong(1, batchId);
      update.setString(2, queryId);
      update.setString(3, tableName);
      if (update.executeUpdate() > 0) return;
    }
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO " + TABLE + " (query_id, table_name, batch_id) VALUES (?, ?, ?)")) {
      insert.setString(1, queryId);
      insert.setString(2, tableName);
      insert.setLong(3, batchId);
      insert.executeUpdate();
    }
  }
}
