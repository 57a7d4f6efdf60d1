package dev.sluice.connectors.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The bookkeeping table {@code sluice_batches(query_id, table_name, batch_id, input_digest)}: per
 * query and sink table, the last batch whose rows were committed and the digest of its input
 * ranges. A sink updates it in the same transaction as the rows, so the two are committed together
 * or not at all. Made on first use; a ledger made before {@code input_digest} existed gets the
 * column.
 */
final class BatchLedger {
  static final String TABLE = "sluice_batches";
  private static final String CREATE =
      "CREATE TABLE IF NOT EXISTS " + TABLE
          + " (query_id VARCHAR(255) NOT NULL, table_name VARCHAR(512) NOT NULL, batch_id BIGINT NOT NULL,"
          + " input_digest VARCHAR(64), PRIMARY KEY (query_id, table_name))";
  private static final String ADD_DIGEST = "ALTER TABLE " + TABLE + " ADD COLUMN input_digest VARCHAR(64)";

  /**
   * The last committed batch of a query and table.
   *
   * @param batchId -1 for none
   * @param inputDigest the digest of its input ranges, null when the writer had none
   */
  record Committed(long batchId, String inputDigest) {
    static final Committed NONE = new Committed(-1, null);
  }

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
      addDigestColumnIfMissing(connection);
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
      addDigestColumnIfMissing(connection);
    }
  }

  /** A ledger made by a version before input digests has no column for them: add it. */
  private static void addDigestColumnIfMissing(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT input_digest FROM " + TABLE + " WHERE 1 = 0");
      connection.commit();
      return;
    } catch (SQLException missing) {
      connection.rollback();
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(ADD_DIGEST);
      connection.commit();
    } catch (SQLException e) {
      // Another sink added it at the same time: then the column is there.
      connection.rollback();
      try (Statement statement = connection.createStatement()) {
        statement.execute("SELECT input_digest FROM " + TABLE + " WHERE 1 = 0");
        connection.commit();
      } catch (SQLException again) {
        e.addSuppressed(again);
        throw e;
      }
    }
  }

  /** The last batch committed for this query and table, {@link Committed#NONE} for none. */
  Committed lastBatch(Connection connection) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT batch_id, input_digest FROM " + TABLE + " WHERE query_id = ? AND table_name = ?")) {
      select.setString(1, queryId);
      select.setString(2, tableName);
      try (ResultSet rs = select.executeQuery()) {
        Committed last = rs.next() ? new Committed(rs.getLong(1), rs.getString(2)) : Committed.NONE;
        connection.commit();
        return last;
      }
    }
  }

  /** Records {@code batchId} over input {@code inputDigest} as committed, inside the caller's open transaction. */
  void record(Connection connection, long batchId, String inputDigest) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement("UPDATE " + TABLE + " SET batch_id = ?, input_digest = ? WHERE query_id = ? AND table_name = ?")) {
      update.setLong(1, batchId);
      update.setString(2, inputDigest);
      update.setString(3, queryId);
      update.setString(4, tableName);
      if (update.executeUpdate() > 0) return;
    }
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO " + TABLE + " (query_id, table_name, batch_id, input_digest) VALUES (?, ?, ?, ?)")) {
      insert.setString(1, queryId);
      insert.setString(2, tableName);
      insert.setLong(3, batchId);
      insert.setString(4, inputDigest);
      insert.executeUpdate();
    }
  }

  String describe() {
    return TABLE + " (query_id '" + queryId + "', table_name '" + tableName + "')";
  }
}
