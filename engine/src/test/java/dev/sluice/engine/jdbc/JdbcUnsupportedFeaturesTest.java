package dev.sluice.engine.jdbc;

import static dev.sluice.engine.jdbc.JdbcTables.FIVE_NUMBERS;
import static dev.sluice.engine.jdbc.JdbcTables.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/** What Sluice does not do is refused with SQLFeatureNotSupportedException (SQLState 0A000), never ignored. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdbcUnsupportedFeaturesTest {

  private static void assertRefused(Map<String, Executable> calls) {
    for (Map.Entry<String, Executable> call : calls.entrySet()) {
      SQLFeatureNotSupportedException e = assertThrows(SQLFeatureNotSupportedException.class, call.getValue(), call.getKey());
      assertEquals("0A000", e.getSQLState(), call.getKey());
      assertTrue(e.getMessage().startsWith("Sluice's JDBC driver does not support "), e.getMessage());
    }
  }

  @Test
  void transactionsAndOtherConnectionFeaturesAreRefused() throws SQLException {
    try (Connection connection = connect()) {
      Map<String, Executable> calls = new LinkedHashMap<>();
      calls.put("setAutoCommit(false)", () -> connection.setAutoCommit(false));
      calls.put("commit", connection::commit);
      calls.put("rollback", connection::rollback);
      calls.put("setSavepoint", connection::setSavepoint);
      calls.put("setTransactionIsolation", () -> connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE));
      calls.put("setReadOnly(true)", () -> connection.setReadOnly(true));
      calls.put("prepareCall", () -> connection.prepareCall("CALL p()"));
      calls.put("scrollable statement", () -> connection.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY));
      calls.put("updatable statement", () -> connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE));
      calls.put("generated keys", () -> connection.prepareStatement("SHOW TABLES", Statement.RETURN_GENERATED_KEYS));
      calls.put("createBlob", connection::createBlob);
      calls.put("setNetworkTimeout", () -> connection.setNetworkTimeout(Runnable::run, 1000));
      assertRefused(calls);
      assertTrue(connection.getAutoCommit(), "what is supported still answers");
      connection.setAutoCommit(true);
      assertEquals(Connection.TRANSACTION_NONE, connection.getTransactionIsolation());
    }
  }

  @Test
  void batchesCursorsAndRowChangesAreRefused() throws SQLException {
    try (Connection connection = connect(FIVE_NUMBERS);
        Statement statement = connection.createStatement();
        PreparedStatement prepared = connection.prepareStatement("SELECT id FROM numbers WHERE id > ?");
        ResultSet rows = statement.executeQuery("SELECT id FROM numbers")) {
      assertTrue(rows.next());
      Map<String, Executable> calls = new LinkedHashMap<>();
      calls.put("addBatch", () -> statement.addBatch("SHOW TABLES"));
      calls.put("executeBatch", statement::executeBatch);
      calls.put("prepared addBatch", prepared::addBatch);
      calls.put("getGeneratedKeys", statement::getGeneratedKeys);
      calls.put("setCursorName", () -> statement.setCursorName("c"));
      calls.put("setMaxFieldSize", () -> statement.setMaxFieldSize(10));
      calls.put("escape processing", () -> statement.setEscapeProcessing(true));
      calls.put("fetch in reverse", () -> statement.setFetchDirection(ResultSet.FETCH_REVERSE));
      calls.put("previous", rows::previous);
      calls.put("absolute", () -> rows.absolute(1));
      calls.put("isLast", rows::isLast);
      calls.put("updateLong", () -> rows.updateLong(1, 7));
      calls.put("deleteRow", rows::deleteRow);
      calls.put("getArray", () -> rows.getArray(1));
      calls.put("getBlob", () -> rows.getBlob(1));
      calls.put("changing the fetch size of a running query", () -> rows.setFetchSize(3));
      calls.put("setArray", () -> prepared.setArray(1, null));
      calls.put("parameters of an unknown class", () -> {
        prepared.setObject(1, new Object());
        prepared.executeQuery();
      });
      assertRefused(calls);
      assertEquals(1L, rows.getLong(1), "the result reads on");
    }
  }
}
