package dev.sluice.engine.jdbc;

import static dev.sluice.engine.jdbc.JdbcTables.connect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Parameters in DDL options and in query literals, substituted as quoted SQL literals. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdbcPreparedStatementTest {

  /** Declares {@code numbers} with ids 1 to {@code rows} through parameters, and makes queries end after what is there. */
  private static Connection connectWithNumbers(int rows) throws SQLException {
    Connection connection = connect("SET 'trigger' = 'available-now'");
    try (PreparedStatement ddl = connection.prepareStatement("""
        CREATE TABLE numbers (id BIGINT, word VARCHAR) WITH (
          'connector' = ?, 'number-of-rows' = ?, 'rows-per-second' = ?,
          'fields.id.kind' = 'sequence', 'fields.id.start' = ?, 'fields.id.end' = ?, 'fields.word.length' = ?)""")) {
      assertEquals(6, ddl.getParameterMetaData().getParameterCount());
      assertEquals(Types.VARCHAR, ddl.getParameterMetaData().getParameterType(2), "an option value is a string");
      ddl.setString(1, "datagen");
      ddl.setInt(2, rows);
      ddl.setLong(3, 1000);
      ddl.setBigDecimal(4, BigDecimal.ONE);
      ddl.setInt(5, rows);
      ddl.setShort(6, (short) 2);
      assertEquals(0, ddl.executeUpdate());
    }
    return connection;
  }

  @Test
  void parametersFillDdlOptionsAndQueryLiterals() throws SQLException {
    try (Connection connection = connectWithNumbers(6);
        PreparedStatement query = connection.prepareStatement(
            "SELECT id, ? AS label, ? AS flag, ? AS price, ? AS ratio, ? AS t, ? AS d FROM numbers WHERE id > ? AND id < ?")) {
      query.setString(1, "it's; DROP TABLE numbers --");
      query.setBoolean(2, true);
      query.setBigDecimal(3, new BigDecimal("-12.50"));
      query.setDouble(4, 0.25);
      query.setTimestamp(5, Timestamp.valueOf("2024-05-01 12:00:00.5"));
      query.setDate(6, Date.valueOf("2024-05-01"));
      query.setLong(7, -1);
      query.setInt(8, 3);
      List<Long> ids = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getLong("id"));
          assertEquals("it's; DROP TABLE numbers --", rows.getString("label"), "a string parameter is a literal, never SQL");
          assertTrue(rows.getBoolean("flag"));
          assertEquals(new BigDecimal("-12.50"), rows.getBigDecimal("price"));
          assertEquals(0.25, rows.getDouble("ratio"));
          assertEquals(Timestamp.valueOf("2024-05-01 12:00:00.5"), rows.getTimestamp("t"));
          assertEquals(Date.valueOf("2024-05-01"), rows.getDate("d"));
        }
      }
      assertEquals(List.of(1L, 2L), ids);
      query.setInt(8, 5);
      ids.clear();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) ids.add(rows.getLong("id"));
      }
      assertEquals(List.of(1L, 2L, 3L, 4L), ids, "a prepared statement runs again with new values");
    }
  }

  /**
   * Text is limited to Latin-1 for now: the planner's SQL literals use Calcite's default character
   * set, ISO-8859-1, so {@code '東京'} fails to plan whether a parameter or written in the SQL.
   */
  @Test
  void nullBytesAndQuotedTextBecomeLiterals() throws SQLException {
    try (Connection connection = connectWithNumbers(1);
        PreparedStatement query = connection.prepareStatement("SELECT ? AS nothing, ? AS bytes, ? AS text FROM numbers")) {
      query.setNull(1, Types.VARCHAR);
      query.setBytes(2, new byte[] {1, 2, (byte) 0xff});
      query.setString(3, "Grüße, 'l'été'");
      try (ResultSet rows = query.executeQuery()) {
        assertTrue(rows.next());
        assertNull(rows.getString("nothing"));
        assertTrue(rows.wasNull());
        assertArrayEquals(new byte[] {1, 2, (byte) 0xff}, rows.getBytes("bytes"));
        assertEquals("Grüße, 'l'été'", rows.getString("text"));
      }
    }
  }

  @Test
  void aQuestionMarkInTextOrACommentIsNoParameter() throws SQLException {
    try (Connection connection = connectWithNumbers(3);
        PreparedStatement query = connection.prepareStatement("""
            SELECT '?' AS q, `?x` AS w -- what?
            FROM (SELECT id AS `?x` FROM numbers) /* ? */ WHERE `?x` = ?""")) {
      ParameterMetaData parameters = query.getParameterMetaData();
      assertEquals(1, parameters.getParameterCount());
      query.setInt(1, 2);
      try (ResultSet rows = query.executeQuery()) {
        assertTrue(rows.next());
        assertEquals("?", rows.getString("q"));
        assertEquals(2, rows.getInt("w"));
        assertFalse(rows.next());
      }
    }
  }

  @Test
  void aMissingParameterIsNamed() throws SQLException {
    try (Connection connection = connectWithNumbers(1);
        PreparedStatement query = connection.prepareStatement("SELECT id FROM numbers WHERE id > ? AND id < ?")) {
      query.setInt(1, 0);
      SQLException e = assertThrows(SQLException.class, query::executeQuery);
      assertEquals("07001", e.getSQLState());
      assertTrue(e.getMessage().contains("Parameter 2 of 2 is not set"), e.getMessage());
      query.setInt(2, 5);
      query.clearParameters();
      assertThrows(SQLException.class, query::executeQuery, "clearParameters unsets them all");
      assertThrows(SQLException.class, () -> query.setInt(3, 1), "there is no parameter 3");
      assertThrows(SQLException.class, () -> query.executeQuery("SELECT 1"), "a prepared statement runs only its own SQL");
    }
  }

  @Test
  void setParametersWorkForSettings() throws SQLException {
    try (Connection connection = connectWithNumbers(2);
        PreparedStatement set = connection.prepareStatement("SET 'output.mode' = ?");
        Statement statement = connection.createStatement()) {
      set.setString(1, "update");
      set.execute();
      try (ResultSet rows = statement.executeQuery("SELECT MOD(id, 2) AS k, COUNT(*) AS n FROM numbers GROUP BY MOD(id, 2)")) {
        assertEquals("op", rows.getMetaData().getColumnName(1));
      }
    }
  }
}
