package dev.sluice.engine.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Connections and the datagen tables the JDBC tests read, declared through SQL. */
final class JdbcTables {
  /**
   * Five rows, ids 1 to 5, all due in the first second, then none: a continuous query delivers
   * them in its first batch and then waits forever, so a further {@code next()} blocks. A bounded
   * datagen table would end the query instead; this test connector's never ends.
   */
  static final String FIVE_NUMBERS = """
      CREATE TABLE numbers (id BIGINT, word VARCHAR) WITH (
        'connector' = 'test-unending-datagen', 'number-of-rows' = '5', 'rows-per-second' = '1000',
        'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '5',
        'fields.word.length' = '3')""";

  /**
   * Four rows at two a second, ids 0 to 3: the first batch has ids 0 and 1, a batch a second later
   * ids 2 and 3, so {@code GROUP BY MOD(id, 2)} first inserts both keys and then updates both.
   */
  static final String TWO_A_SECOND = """
      CREATE TABLE ticks (id BIGINT) WITH (
        'connector' = 'datagen', 'number-of-rows' = '4', 'rows-per-second' = '2',
        'fields.id.kind' = 'sequence', 'fields.id.start' = '0', 'fields.id.end' = '3')""";

  private JdbcTables() {}

  /** A connection to an engine of its own, with {@code ddl} run on it. */
  static Connection connect(String... ddl) throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:sluice:");
    try (Statement statement = connection.createStatement()) {
      for (String sql : ddl) statement.execute(sql);
    }
    return connection;
  }

  /** How many queries the engine behind {@code connection} runs, as SHOW QUERIES lists them. */
  static int runningQueries(Connection connection) throws SQLException {
    int count = 0;
    try (Statement statement = connection.createStatement(); var rows = statement.executeQuery("SHOW QUERIES")) {
      while (rows.next()) count++;
    }
    return count;
  }
}
