package dev.sluice.shell.interactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.SluiceEngine;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What Tab offers where, with the engine's catalog and the connectors on the class path. */
class SqlCompleterTest {
  private final SluiceEngine engine = SluiceEngine.open();
  private final SqlCompleter completer = new SqlCompleter(engine);

  SqlCompleterTest() {
    engine.execute("CREATE TABLE clicks (user_id INT, url VARCHAR) WITH ('connector' = 'datagen')");
    engine.execute("CREATE TABLE users (id INT, name VARCHAR) WITH ('connector' = 'memory', 'scan.bounded' = 'true')");
    engine.execute("CREATE VIEW busy AS SELECT user_id FROM clicks WHERE user_id > 3");
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void afterSetComeTheSettingKeysAndThenTheirValues() {
    assertTrue(values("SET 'res").contains("'result.mode'"));
    assertTrue(values("RESET ").contains("'checkpoint.location'"));
    assertEquals(List.of("'table'", "'changelog'", "'tableau'"), values("SET 'result.mode' = '"));
    assertEquals(List.of("'append'", "'update'", "'complete'"), values("SET 'output.mode' = "));
  }

  @Test
  void theWithClauseOffersConnectorsThenTheChosenConnectorsOptionsRequiredFirst() {
    assertEquals(List.of("'connector'"), values("CREATE TABLE t (v INT) WITH ('"));
    List<String> connectors = values("CREATE TABLE t (v INT) WITH ('connector' = '");
    assertTrue(connectors.containsAll(List.of("'kafka'", "'filesystem'", "'datagen'", "'memory'", "'socket'", "'jdbc'")),
        connectors.toString());

    List<Candidate> kafka = candidates("CREATE TABLE t (v INT)\nWITH ('connector' = 'kafka', 'topic' = 'orders', '");
    List<String> keys = kafka.stream().map(Candidate::value).toList();
    assertEquals("'properties.bootstrap.servers'", keys.get(0), "the required option not given yet comes first: " + keys);
    assertEquals("required", kafka.get(0).group());
    assertFalse(keys.contains("'topic'"), "an option given already is not offered again: " + keys);
    assertTrue(keys.containsAll(List.of("'scan.startup.mode'", "'value.format'", "'scan.bounded'")), keys.toString());
    assertTrue(keys.contains("'properties."), "a family of options is offered as its prefix: " + keys);
    assertEquals(List.of("'true'", "'false'"), values("CREATE TABLE t (v INT) WITH ('connector' = 'memory', 'scan.bounded' = "));
  }

  @Test
  void afterFromComeTablesAndViewsOnly() {
    assertEquals(List.of("clicks", "users", "busy"), values("SELECT * FROM "));
    assertEquals(List.of("clicks", "users", "busy"), values("SELECT * FROM clicks c JOIN "));
    assertEquals(List.of("clicks", "users", "busy"), values("DESCRIBE "));
    assertEquals(List.of(), values("CREATE TABLE "), "a new table needs a new name");
  }

  @Test
  void aQualifierOffersTheColumnsOfItsTableOrAlias() {
    assertEquals(List.of("u.id", "u.name"), values("SELECT u.", " FROM clicks c JOIN users AS u ON c.user_id = u.id"));
    assertEquals(List.of("clicks.user_id", "clicks.url"), values("SELECT clicks.", " FROM clicks"));
  }

  @Test
  void elsewhereKeywordsRelationsTheStatementsColumnsAndFunctions() {
    List<Candidate> candidates = candidates("SELECT ", " FROM users");
    List<String> values = candidates.stream().map(Candidate::value).toList();
    assertTrue(values.containsAll(List.of("SELECT", "GROUP BY", "clicks", "id", "name", "COUNT", "TUMBLE")), values.toString());
    assertFalse(values.contains("user_id"), "only the columns of the tables the statement names: " + values);
  }

  @Test
  void functionsDeclaredAfterTheFirstCompletionAreOfferedAndDropFunctionOffersOnlyThem() {
    assertFalse(values("SELECT ").contains("initials"));
    engine.execute("CREATE FUNCTION initials AS '" + Initials.class.getName() + "'");

    List<String> values = values("SELECT ", " FROM users");
    assertTrue(values.contains("initials") && values.contains("UPPER"), "declared and built-in functions: " + values);
    assertEquals(List.of("initials"), values("DROP FUNCTION "));
    assertEquals(List.of("initials"), values("drop temporary system function if exists "));
    assertEquals(List.of(), values("CREATE FUNCTION "), "a new function needs a new name");
    assertEquals(List.of(), values("CREATE TEMPORARY FUNCTION IF NOT EXISTS "));
    assertTrue(values("").containsAll(List.of("CREATE FUNCTION", "DROP FUNCTION", "SHOW USER FUNCTIONS")));
  }

  @Test
  void stopQueryOffersTheRunningQueries() {
    engine.execute("CREATE TABLE sink (user_id INT) WITH ('connector' = 'memory')");
    engine.execute("INSERT INTO sink SELECT user_id FROM clicks");
    assertEquals(List.of("q1"), values("STOP QUERY "));
  }

  private List<String> values(String beforeCursor) {
    return values(beforeCursor, "");
  }

  private List<String> values(String beforeCursor, String afterCursor) {
    return candidates(beforeCursor, afterCursor).stream().map(Candidate::value).toList();
  }

  private List<Candidate> candidates(String beforeCursor) {
    return candidates(beforeCursor, "");
  }

  /** The candidates for the word before the cursor, as the prompt's parser splits words. */
  private List<Candidate> candidates(String beforeCursor, String afterCursor) {
    int wordStart = beforeCursor.length();
    while (wordStart > 0 && !new StatementLineParser().isDelimiterChar(beforeCursor, wordStart - 1)) wordStart--;
    List<Candidate> candidates = new ArrayList<>();
    completer.complete(beforeCursor + afterCursor, beforeCursor.length(), beforeCursor.substring(wordStart), candidates);
    return candidates;
  }
}
