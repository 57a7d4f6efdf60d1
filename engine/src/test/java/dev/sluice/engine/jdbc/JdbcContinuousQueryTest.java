package dev.sluice.engine.jdbc;

import static dev.sluice.engine.jdbc.JdbcTables.FIVE_NUMBERS;
import static dev.sluice.engine.jdbc.JdbcTables.TWO_A_SECOND;
import static dev.sluice.engine.jdbc.JdbcTables.connect;
import static dev.sluice.engine.jdbc.JdbcTables.runningQueries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.StreamingQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Continuous SELECTs read through ResultSet.next(), in each output mode. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdbcContinuousQueryTest {

  @Test
  void nextReturnsEachRowOfACommittedBatchInAppendMode() throws SQLException {
    try (Connection connection = connect(FIVE_NUMBERS);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id, UPPER(word) AS word FROM numbers")) {
      ResultSetMetaData columns = rows.getMetaData();
      assertEquals(2, columns.getColumnCount());
      assertEquals("id", columns.getColumnName(1));
      assertEquals(Types.BIGINT, columns.getColumnType(1));
      assertEquals("word", columns.getColumnLabel(2));
      assertEquals(Types.VARCHAR, columns.getColumnType(2));
      List<Long> ids = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        assertTrue(rows.next());
        ids.add(rows.getLong("id"));
        assertEquals(3, rows.getString(2).length());
        assertEquals(rows.getString(2).toUpperCase(), rows.getString("WORD"), "columns are found by name case-insensitively");
      }
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L), ids);
      assertEquals(1, runningQueries(connection), "the query keeps running for rows to come");
    }
  }

  @Test
  void aQueryThatEndsByItselfEndsTheResultAfterItsLastRow() throws SQLException {
    try (Connection connection = connect(FIVE_NUMBERS, "SET 'trigger' = 'available-now'");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id FROM numbers WHERE id <> 3")) {
      List<Long> ids = new ArrayList<>();
      while (rows.next()) ids.add(rows.getLong(1));
      assertEquals(List.of(1L, 2L, 4L, 5L), ids);
      assertFalse(rows.next(), "next() keeps returning false");
      assertTrue(rows.isAfterLast());
      assertEquals(0, runningQueries(connection));
    }
  }

  @Test
  void updateModeRowsCarryTheirChangeKindInAnOpColumn() throws SQLException {
    try (Connection connection = connect(TWO_A_SECOND, "SET 'output.mode' = 'update'");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT MOD(id, 2) AS k, COUNT(*) AS n FROM ticks GROUP BY MOD(id, 2)")) {
      ResultSetMetaData columns = rows.getMetaData();
      assertEquals(3, columns.getColumnCount());
      assertEquals("op", columns.getColumnName(1));
      assertEquals(Types.VARCHAR, columns.getColumnType(1));
      assertEquals(ResultSetMetaData.columnNoNulls, columns.isNullable(1));
      assertEquals("k", columns.getColumnName(2));
      List<String> changes = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        assertTrue(rows.next());
        changes.add(rows.getString("op") + " " + rows.getLong("k") + " " + rows.getLong("n"));
      }
      assertEquals(List.of("+I 0 1", "+I 1 1"), changes.subList(0, 2).stream().sorted().toList());
      assertEquals(List.of("+U 0 2", "+U 1 2"), changes.subList(2, 4).stream().sorted().toList());
    }
  }

  @Test
  void anUpdateModeDeleteCarriesTheRowThatLeftTheResult() throws SQLException {
    try (Connection connection = connect(TWO_A_SECOND, "SET 'output.mode' = 'update'");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT MOD(id, 2) AS k, COUNT(*) AS n FROM ticks GROUP BY MOD(id, 2) HAVING COUNT(*) < 2")) {
      List<String> changes = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        assertTrue(rows.next());
        changes.add(rows.getString("op") + " " + rows.getLong("k") + " " + rows.getLong("n"));
      }
      assertEquals(List.of("+I 0 1", "+I 1 1"), changes.subList(0, 2).stream().sorted().toList());
      assertEquals(List.of("-D 0 1", "-D 1 1"), changes.subList(2, 4).stream().sorted().toList());
    }
  }

  @Test
  void aQueryThatFailsMakesNextThrowWithTheCause(@TempDir Path directory) throws Exception {
    Files.writeString(directory.resolve("bad.csv"), "1\nten\n");
    try (Connection connection = connect("CREATE TABLE files (id BIGINT) WITH ('connector' = 'filesystem', 'path' = '"
            + directory.toString().replace("'", "''") + "', 'format' = 'csv', 'on-error' = 'fail')");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id FROM files")) {
      SQLException e = assertThrows(SQLException.class, rows::next);
      assertTrue(e.getMessage().contains("failed") && e.getMessage().contains("ten"), e.getMessage());
      assertThrows(SQLException.class, rows::next, "the failure is reported again");
      assertEquals(0, runningQueries(connection));
    }
  }

  @Test
  void completeModeRowsCarryTheBatchWhoseWholeTableTheyBelongTo() throws SQLException {
    try (Connection connection = connect(TWO_A_SECOND, "SET 'output.mode' = 'complete'");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT MOD(id, 2) AS k, COUNT(*) AS n FROM ticks GROUP BY MOD(id, 2)")) {
      assertEquals("batch_id", rows.getMetaData().getColumnName(1));
      assertEquals(Types.BIGINT, rows.getMetaData().getColumnType(1));
      Map<Long, List<String>> tables = new HashMap<>();
      List<Long> batches = new ArrayList<>();
      while (tables.size() < 2 || tables.get(batches.get(1)).size() < 2) {
        assertTrue(rows.next());
        long batch = rows.getLong("batch_id");
        if (!batches.contains(batch)) batches.add(batch);
        tables.computeIfAbsent(batch, b -> new ArrayList<>()).add(rows.getLong("k") + "=" + rows.getLong("n"));
      }
      assertTrue(batches.get(1) > batches.get(0));
      assertEquals(List.of("0=1", "1=1"), tables.get(batches.get(0)).stream().sorted().toList());
      assertEquals(List.of("0=2", "1=2"), tables.get(batches.get(1)).stream().sorted().toList(), "each batch is the whole result table");
    }
  }

  /**
   * Ten files of five rows, one file per batch, read with a fetch size of 5: the first batch fills
   * the buffer, so the query waits to deliver the second and commits nothing more until the
   * reader catches up; then every row arrives, in order, none lost.
   */
  @Test
  void aReaderThatFallsBehindPausesTheQueryAndLosesNoRow(@TempDir Path directory) throws Exception {
    for (int file = 0; file < 10; file++) {
      StringBuilder csv = new StringBuilder();
      for (int row = 1; row <= 5; row++) csv.append(file * 5 + row).append('\n');
      Path path = Files.writeString(directory.resolve("part-" + file + ".csv"), csv);
      Files.setLastModifiedTime(path, FileTime.fromMillis(1_000_000L + file * 1000L));
    }
    try (Connection connection = connect("CREATE TABLE files (id BIGINT) WITH ('connector' = 'filesystem', 'path' = '"
            + directory.toString().replace("'", "''") + "', 'format' = 'csv', 'max-files-per-trigger' = '1')");
        Statement statement = connection.createStatement()) {
      statement.setFetchSize(5);
      try (ResultSet rows = statement.executeQuery("SELECT id FROM files")) {
        assertEquals(5, rows.getFetchSize());
        StreamingQuery query = rows.unwrap(StreamingQuery.class);
        Thread.sleep(1500);
        assertTrue(query.isActive());
        assertEquals(0, query.lastProgress().batchId(), "only the batch that fits the buffer is committed while nobody reads");
        for (long id = 1; id <= 50; id++) {
          assertTrue(rows.next());
          assertEquals(id, rows.getLong(1));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (query.lastProgress().batchId() < 9 && System.nanoTime() < deadline) Thread.sleep(20);
        assertEquals(9, query.lastProgress().batchId(), "once read, every batch commits");
      }
    }
  }

  @Test
  void maxRowsEndsTheResultAndStopsTheQuery() throws SQLException {
    try (Connection connection = connect(FIVE_NUMBERS); Statement statement = connection.createStatement()) {
      statement.setMaxRows(3);
      try (ResultSet rows = statement.executeQuery("SELECT id FROM numbers")) {
        for (int i = 0; i < 3; i++) assertTrue(rows.next());
        assertFalse(rows.next());
        assertEquals(0, runningQueries(connection));
      }
    }
  }

  @Test
  void executeRunsAnyStatementAndSaysWhatItReturned() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      assertFalse(statement.execute(FIVE_NUMBERS));
      assertEquals(0, statement.getUpdateCount());
      assertEquals(0, statement.executeUpdate("SET 'output.mode' = 'append'"));
      assertTrue(statement.execute("SHOW TABLES"));
      try (ResultSet tables = statement.getResultSet()) {
        assertTrue(tables.next());
        assertEquals("numbers", tables.getString("table"));
        assertEquals("test-unending-datagen", tables.getString("connector"), "the connector FIVE_NUMBERS declares");
        assertFalse(tables.next());
      }
      assertEquals(-1, statement.getUpdateCount());
      try (ResultSet plan = statement.executeQuery("EXPLAIN SELECT id FROM numbers WHERE id > 2")) {
        StringBuilder text = new StringBuilder();
        while (plan.next()) text.append(plan.getString("plan")).append('\n');
        assertTrue(text.toString().contains("numbers"), text.toString());
      }
      assertTrue(statement.execute("SELECT id FROM numbers"));
      ResultSet rows = statement.getResultSet();
      assertTrue(rows.next());
      assertEquals(0, statement.executeUpdate("DROP TABLE numbers"));
      assertTrue(rows.isClosed(), "running another statement closes the open result");
      assertEquals(0, runningQueries(connection), "and stops its query");
    }
  }

  @Test
  void theExecuteMethodsRefuseStatementsOfTheWrongKind() throws SQLException {
    try (Connection connection = connect(FIVE_NUMBERS); Statement statement = connection.createStatement()) {
      SQLException noRows = assertThrows(SQLException.class, () -> statement.executeQuery("DROP TABLE numbers"));
      assertTrue(noRows.getMessage().contains("executeQuery"), noRows.getMessage());
      SQLException rows = assertThrows(SQLException.class, () -> statement.executeUpdate("SELECT id FROM numbers"));
      assertTrue(rows.getMessage().contains("executeUpdate"), rows.getMessage());
      assertEquals(0, runningQueries(connection), "a refused statement ran nothing");
    }
  }

  @Test
  void aRefusedStatementSaysWhatAndWhere() throws SQLException {
    try (Connection connection = connect(FIVE_NUMBERS); Statement statement = connection.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> statement.executeQuery("SELECT id,\n  nope FROM numbers"));
      assertEquals("42000", e.getSQLState());
      assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("line 2"), e.getMessage());
      SQLException syntax = assertThrows(SQLException.class, () -> statement.execute("CREATE TABLE ("));
      assertEquals("42000", syntax.getSQLState());
    }
  }

  @Test
  void unwrapReachesTheQueryAndItsProgress() throws Exception {
    try (Connection connection = connect(FIVE_NUMBERS);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id FROM numbers")) {
      for (int i = 0; i < 5; i++) assertTrue(rows.next());
      assertTrue(rows.isWrapperFor(StreamingQuery.class));
      StreamingQuery query = rows.unwrap(StreamingQuery.class);
      assertEquals(query, statement.unwrap(StreamingQuery.class));
      assertTrue(query.isActive());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (query.lastProgress() == null && System.nanoTime() < deadline) Thread.sleep(10);
      assertEquals(5, query.lastProgress().inputRows(), "the batch that delivered the rows commits after them");
    }
  }
}
