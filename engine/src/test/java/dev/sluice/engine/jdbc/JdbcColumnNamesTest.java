package dev.sluice.engine.jdbc;

import static dev.sluice.engine.jdbc.JdbcTables.FIVE_NUMBERS;
import static dev.sluice.engine.jdbc.JdbcTables.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A continuous query's columns are found by the names the query gives them, after any rewrite of its plan. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdbcColumnNamesTest {

  private static List<String> labels(ResultSetMetaData columns) throws SQLException {
    List<String> labels = new ArrayList<>();
    for (int i = 1; i <= columns.getColumnCount(); i++) labels.add(columns.getColumnLabel(i));
    return labels;
  }

  @Test
  void aGroupedColumnOverUnnestIsReadByItsName() throws SQLException {
    try (Connection connection = connect(FIVE_NUMBERS, "SET 'trigger' = 'available-now'", "SET 'output.mode' = 'update'");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT w.word, COUNT(*) FROM numbers CROSS JOIN UNNEST(SPLIT(numbers.word, ' ')) AS w(word) GROUP BY w.word")) {
      assertEquals(List.of("op", "word", "EXPR$1"), labels(rows.getMetaData()),
          "update mode's change column, then the query's; an unnamed expression is named after its position, as in Flink");
      assertTrue(rows.next());
      assertEquals(3, rows.getString("word").length());
      assertTrue(rows.getLong("EXPR$1") >= 1);
    }
  }

  @Test
  void anAliasedWindowStartIsReadByItsAlias() throws SQLException {
    try (Connection connection = connect(FIVE_NUMBERS.replace("id BIGINT,", "id BIGINT, ts AS TIMESTAMP '2024-01-01 00:00:00',"),
            "SET 'trigger' = 'available-now'", "SET 'output.mode' = 'update'");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT TUMBLE_START(ts, INTERVAL '1' MINUTE) AS ws, COUNT(*) AS c FROM numbers GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE)")) {
      assertEquals(List.of("op", "ws", "c"), labels(rows.getMetaData()));
      assertTrue(rows.next());
      assertEquals("2024-01-01 00:00:00", rows.getString("ws").substring(0, 19));
    }
  }
}
