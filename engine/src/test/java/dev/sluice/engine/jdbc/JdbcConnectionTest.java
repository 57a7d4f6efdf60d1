package dev.sluice.engine.jdbc;

import static dev.sluice.engine.jdbc.JdbcTables.FIVE_NUMBERS;
import static dev.sluice.engine.jdbc.JdbcTables.TWO_A_SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** URLs, connection properties and engines shared by name. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdbcConnectionTest {

  private static List<String> tables(Connection connection) throws SQLException {
    List<String> names = new ArrayList<>();
    DatabaseMetaData meta = connection.getMetaData();
    try (ResultSet rows = meta.getTables(null, null, "%", null)) {
      while (rows.next()) names.add(rows.getString("TABLE_NAME"));
    }
    return names;
  }

  @Test
  void theDriverIsFoundThroughDriverManager() throws SQLException {
    Driver driver = DriverManager.getDriver("jdbc:sluice:");
    assertTrue(driver.acceptsURL("jdbc:sluice:mem:orders"));
    assertFalse(driver.acceptsURL("jdbc:postgresql://localhost/app"));
    assertFalse(driver.jdbcCompliant());
    assertTrue(driver.getPropertyInfo("jdbc:sluice:", new Properties()).length > 0);
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:sluice:nowhere"));
    assertTrue(e.getMessage().contains("jdbc:sluice:mem:<name>"), e.getMessage());
  }

  @Test
  void aMemUrlSharesOneEngineByNameUntilItsLastConnectionCloses() throws SQLException {
    try (Connection first = DriverManager.getConnection("jdbc:sluice:mem:shared-by-name");
        Connection second = DriverManager.getConnection("jdbc:sluice:mem:shared-by-name");
        Connection other = DriverManager.getConnection("jdbc:sluice:mem:another-name");
        Connection own = DriverManager.getConnection("jdbc:sluice:")) {
      try (Statement statement = first.createStatement()) {
        statement.execute(FIVE_NUMBERS);
      }
      assertEquals(List.of("numbers"), tables(second));
      assertEquals(List.of(), tables(other));
      assertEquals(List.of(), tables(own));
      try (Statement statement = second.createStatement(); ResultSet rows = statement.executeQuery("SELECT id FROM numbers")) {
        assertTrue(rows.next(), "the second connection queries the table the first declared");
      }
      first.close();
      assertEquals(List.of("numbers"), tables(second), "the engine lives while a connection holds it");
    }
    try (Connection again = DriverManager.getConnection("jdbc:sluice:mem:shared-by-name")) {
      assertEquals(List.of(), tables(again), "the last close closed the engine; the name starts afresh");
    }
  }

  @Test
  void connectionPropertiesAreSettings() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("output.mode", "update");
    properties.setProperty("user", "ignored");
    try (Connection connection = DriverManager.getConnection("jdbc:sluice:", properties);
        Statement statement = connection.createStatement()) {
      statement.execute(TWO_A_SECOND);
      try (ResultSet settings = statement.executeQuery("SET")) {
        assertTrue(settings.next());
        assertEquals("output.mode", settings.getString("key"));
        assertEquals("update", settings.getString("value"));
      }
      try (ResultSet rows = statement.executeQuery("SELECT MOD(id, 2) AS k, COUNT(*) AS n FROM ticks GROUP BY MOD(id, 2)")) {
        assertEquals("op", rows.getMetaData().getColumnName(1));
      }
    }
    Properties unknown = new Properties();
    unknown.setProperty("output.modes", "update");
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:sluice:", unknown));
    assertTrue(e.getMessage().contains("output.mode"), "the valid keys are listed: " + e.getMessage());
    Properties bad = new Properties();
    bad.setProperty("trigger", "sometimes");
    assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:sluice:", bad));
  }

  @Test
  void anInsertRunsInTheBackgroundAndTheStatementReachesIt() throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sluice:"); Statement statement = connection.createStatement()) {
      statement.execute(FIVE_NUMBERS);
      statement.execute("CREATE TABLE copies (id BIGINT) WITH ('connector' = 'memory')");
      assertEquals(0, statement.executeUpdate("INSERT INTO copies SELECT id FROM numbers"));
      assertNull(statement.getResultSet());
      var query = statement.unwrap(dev.sluice.engine.StreamingQuery.class);
      assertTrue(query.isActive());
      assertEquals(1, JdbcTables.runningQueries(connection));
      statement.execute("STOP QUERY " + query.id());
      assertFalse(query.isActive());
    }
  }
}
