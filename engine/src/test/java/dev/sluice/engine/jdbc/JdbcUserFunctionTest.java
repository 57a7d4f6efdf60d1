package dev.sluice.engine.jdbc;

import static dev.sluice.engine.jdbc.JdbcTables.FIVE_NUMBERS;
import static dev.sluice.engine.jdbc.JdbcTables.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CREATE FUNCTION through Statement.execute, then a continuous query that calls the function. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdbcUserFunctionTest {

  @Test
  void aFunctionCreatedThroughExecuteIsCalledByAQuery() throws Exception {
    try (Connection connection = connect(FIVE_NUMBERS); Statement statement = connection.createStatement()) {
      assertFalse(statement.execute("CREATE FUNCTION count_char AS 'com.github.nexmark.flink.udf.CountChar'"), "DDL returns no rows");
      assertEquals(0, statement.getUpdateCount());
      try (ResultSet functions = connection.getMetaData().getFunctions(null, null, "count\\_%")) {
        assertTrue(functions.next());
        assertEquals("count_char", functions.getString("FUNCTION_NAME"));
        assertEquals("com.github.nexmark.flink.udf.CountChar", functions.getString("REMARKS"), "the class is the remark");
      }

      try (ResultSet rows = statement.executeQuery("SELECT id, word, count_char(word, SUBSTRING(word FROM 1 FOR 1)) AS firsts FROM numbers")) {
        for (int i = 0; i < 5; i++) {
          assertTrue(rows.next());
          String word = rows.getString("word");
          assertEquals(word.chars().filter(c -> c == word.charAt(0)).count(), rows.getLong("firsts"), word);
        }
      }
    }
  }

  @Test
  void aRefusedCreateFunctionIsASyntaxErrorExceptionSayingWhyAndWhere() throws Exception {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      SQLSyntaxErrorException error =
          assertThrows(SQLSyntaxErrorException.class, () -> statement.execute("CREATE FUNCTION f AS 'com.example.Missing'"));
      assertTrue(error.getMessage().startsWith("Error at line 1, column 22: Cannot create function 'f': class 'com.example.Missing' was "
          + "not found."), error.getMessage());
      try (ResultSet functions = statement.executeQuery("SHOW USER FUNCTIONS")) {
        assertFalse(functions.next(), "nothing was created");
      }
    }
  }
}
