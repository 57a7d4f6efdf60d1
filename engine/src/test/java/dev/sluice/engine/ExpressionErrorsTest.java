package dev.sluice.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.exec.Trigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An expression that fails at run time names itself, its column, the row and where the row was read. */
class ExpressionErrorsTest {
  private SluiceEngine engine;

  @BeforeEach
  void openEngine() {
    engine = SluiceEngine.open();
    engine.execute("CREATE TABLE t (x INT, s VARCHAR) WITH ('connector' = 'memory')");
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  private String failureOf(String sql) {
    StreamingQuery query = engine.query(sql).trigger(new Trigger.Manual()).onBatch((id, rows) -> {}).start();
    engine.memoryTables().append("t", List.<Object[]>of(new Object[] {1, "1"}, new Object[] {0, "abc"}));
    RuntimeException e = assertThrows(RuntimeException.class, query::processAllAvailable);
    return e.getMessage();
  }

  private static void assertContains(String message, String... parts) {
    for (String part : parts) assertTrue(message.contains(part), "'" + part + "' in: " + message);
  }

  @Test
  void aCastThatFailsNamesTheCastTheColumnTheRowAndTheBatch() {
    assertContains(failureOf("SELECT x, CAST(s AS INT) AS n FROM t"),
        "Cannot evaluate CAST(`s` AS INTEGER) for column 'n': For input string: \"abc\"", "on the row (x = 0, s = 'abc')",
        "in batch 0, reading table 't' from offset");
  }

  @Test
  void aDivisionByZeroNamesTheDivision() {
    assertContains(failureOf("SELECT x, 10 / x AS tenth FROM t"), "Cannot evaluate 10 / `x` for column 'tenth': / by zero",
        "reading table 't'");
    assertContains(failureOf("SELECT x FROM t WHERE 10 / x > 1"), "Cannot evaluate 10 / `x` > 1 for the filter condition: / by zero");
  }

  @Test
  void aComputedColumnThatFailsNamesTheColumnOfTheTable(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("numbers.csv"), "1\nabc\n");
    engine.execute("CREATE TABLE numbers (s VARCHAR, n AS CAST(s AS INT)) WITH ('connector' = 'filesystem', 'path' = '"
        + dir.toString().replace("'", "''") + "', 'format' = 'csv')");
    StreamingQuery query = engine.query("SELECT n FROM numbers").trigger(new Trigger.Manual()).onBatch((id, rows) -> {}).start();
    RuntimeException e = assertThrows(RuntimeException.class, query::processAllAvailable);
    assertContains(e.getMessage(), "Cannot evaluate CAST(`s` AS INTEGER) for column 'n'", "reading table 'numbers'", "numbers.csv");
  }

  @Test
  void theJdbcDriverShowsTheSameMessage(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("words.csv"), "abc\n");
    try (Connection connection = DriverManager.getConnection("jdbc:sluice:;trigger=once"); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE words (s VARCHAR) WITH ('connector' = 'filesystem', 'path' = '" + dir.toString().replace("'", "''")
          + "', 'format' = 'csv')");
      try (ResultSet rows = statement.executeQuery("SELECT CAST(s AS INT) AS n FROM words")) {
        SQLException e = assertThrows(SQLException.class, () -> {
          while (rows.next()) {
            // reading until the failure arrives
          }
        });
        assertContains(e.getMessage(), "Cannot evaluate CAST(`s` AS INTEGER) for column 'n'", "reading table 'words'");
      }
    }
  }
}
