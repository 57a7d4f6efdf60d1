package dev.sluice.engine.jdbc;

import static dev.sluice.engine.jdbc.JdbcTables.FIVE_NUMBERS;
import static dev.sluice.engine.jdbc.JdbcTables.connect;
import static dev.sluice.engine.jdbc.JdbcTables.runningQueries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.StreamingQuery;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Stopping a continuous query under a reader blocked in next(): cancel and close from a second
 * thread, the query timeout, and closing the connection.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdbcCancellationTest {
  /** How long the second thread lets next() block before it acts. */
  private static final long BLOCKED_MILLIS = 300;

  /** Reads the five rows of {@link JdbcTables#FIVE_NUMBERS}; the next call to next() blocks, as no more rows come. */
  private static void readAllFive(ResultSet rows) throws SQLException {
    for (int i = 0; i < 5; i++) assertTrue(rows.next());
  }

  private static CompletableFuture<Void> afterBlocking(SqlAction action) {
    return CompletableFuture.runAsync(() -> {
      try {
        Thread.sleep(BLOCKED_MILLIS);
        action.run();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @FunctionalInterface
  private interface SqlAction {
    void run() throws Exception;
  }

  @Test
  void cancelFromAnotherThreadStopsTheQueryAndWakesTheBlockedReader() throws Exception {
    try (Connection connection = connect(FIVE_NUMBERS); Statement statement = connection.createStatement()) {
      ResultSet rows = statement.executeQuery("SELECT id FROM numbers");
      readAllFive(rows);
      StreamingQuery query = rows.unwrap(StreamingQuery.class);
      CompletableFuture<Void> cancelling = afterBlocking(statement::cancel);
      long start = System.nanoTime();
      SQLException e = assertThrows(SQLException.class, rows::next);
      long blockedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertTrue(blockedMillis >= BLOCKED_MILLIS - 50, "next() waited for a row until the cancel, " + blockedMillis + " ms");
      assertFalse(query.isActive(), "the query has stopped when next() throws");
      assertEquals(0, runningQueries(connection));
      cancelling.get(10, TimeUnit.SECONDS);
      SQLException again = assertThrows(SQLException.class, rows::next);
      assertEquals("57014", again.getSQLState(), "a cancelled result stays cancelled");
      assertFalse(statement.isClosed(), "cancel leaves the statement usable");
      try (ResultSet tables = statement.executeQuery("SHOW TABLES")) {
        assertTrue(tables.next());
      }
    }
  }

  @Test
  void closeFromAnotherThreadStopsTheQueryAndWakesTheBlockedReader() throws Exception {
    try (Connection connection = connect(FIVE_NUMBERS)) {
      Statement statement = connection.createStatement();
      ResultSet rows = statement.executeQuery("SELECT id FROM numbers");
      readAllFive(rows);
      StreamingQuery query = rows.unwrap(StreamingQuery.class);
      CompletableFuture<Void> closing = afterBlocking(statement::close);
      SQLException e = assertThrows(SQLException.class, rows::next);
      assertEquals("57014", e.getSQLState(), e.getMessage());
      closing.get(10, TimeUnit.SECONDS);
      assertFalse(query.isActive());
      assertTrue(statement.isClosed());
      assertTrue(rows.isClosed(), "closing a statement closes its result");
      assertEquals(0, runningQueries(connection));
    }
  }

  @Test
  void closingTheResultFromAnotherThreadWakesTheBlockedReaderToo() throws Exception {
    try (Connection connection = connect(FIVE_NUMBERS); Statement statement = connection.createStatement()) {
      ResultSet rows = statement.executeQuery("SELECT id FROM numbers");
      readAllFive(rows);
      CompletableFuture<Void> closing = afterBlocking(rows::close);
      SQLException e = assertThrows(SQLException.class, rows::next);
      assertEquals("57014", e.getSQLState(), e.getMessage());
      closing.get(10, TimeUnit.SECONDS);
      assertEquals(0, runningQueries(connection));
    }
  }

  /** The query timeout bounds each wait of next(); the query keeps running and can be read on. */
  @Test
  void nextGivesUpAfterTheQueryTimeoutWithoutARow() throws Exception {
    try (Connection connection = connect(FIVE_NUMBERS); Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(1);
      ResultSet rows = statement.executeQuery("SELECT id FROM numbers");
      readAllFive(rows);
      long start = System.nanoTime();
      SQLTimeoutException e = assertThrows(SQLTimeoutException.class, rows::next);
      long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(waitedMillis >= 950 && waitedMillis < 5000, "waited " + waitedMillis + " ms for a timeout of 1 s");
      assertTrue(e.getMessage().contains("1 s"), e.getMessage());
      assertEquals(1, runningQueries(connection), "a timeout does not stop the query");
      assertThrows(SQLTimeoutException.class, rows::next, "next() may be called again, and waits again");
      statement.cancel();
      assertEquals(0, runningQueries(connection));
    }
  }

  @Test
  void closingTheConnectionStopsItsQueries() throws Exception {
    Connection connection = connect(FIVE_NUMBERS);
    Statement statement = connection.createStatement();
    ResultSet rows = statement.executeQuery("SELECT id FROM numbers");
    assertTrue(rows.next());
    StreamingQuery query = rows.unwrap(StreamingQuery.class);
    connection.close();
    assertFalse(query.isActive());
    assertTrue(statement.isClosed());
    assertTrue(rows.isClosed());
    assertThrows(SQLException.class, rows::next);
    assertThrows(SQLException.class, connection::createStatement);
  }
}
