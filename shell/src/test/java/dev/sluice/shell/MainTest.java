package dev.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.SluiceEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  /** A datagen table whose rows are not all due at once: good for statements that fail, not for counting rows. */
  private static final String TEN_ROWS = "CREATE TABLE t (v INT) WITH ('connector' = 'datagen', 'number-of-rows' = '10');";

  /** An engine whose memory table {@code words} holds ten rows before the command runs. */
  private static SluiceEngine engineWithTenWords() {
    SluiceEngine engine = SluiceEngine.open();
    engine.execute("CREATE TABLE words (word VARCHAR, n INT) WITH ('connector' = 'memory')");
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) rows.add(new Object[] {i % 2 == 0 ? "cat" : "dog", i});
    engine.memoryTables().append("words", rows);
    return engine;
  }

  @Test
  void selectUnderAvailableNowPrintsEveryRowThenEnds() {
    ShellRun run = ShellRun.on(MainTest::engineWithTenWords, "", "-e", "SET 'trigger' = 'available-now'; SELECT word, n FROM words;");
    assertAll(
        () -> assertEquals(0, run.exitCode(), run.err()),
        () -> assertTrue(run.out().contains("Set 'trigger' = 'available-now'"), run.out()),
        () -> assertTrue(run.out().contains("|                word|          n|"), run.out()),
        () -> assertTrue(run.out().contains("|                 dog|          9|"), run.out()),
        () -> assertEquals(10, run.tableRows(), run.out()),
        () -> assertTrue(run.out().contains("Query q1 finished: 1 batch, 10 rows"), run.out()),
        () -> assertEquals("", run.err()));
  }

  @Test
  void malformedRecordsAreCountedInTheSummary(@TempDir Path dir) throws IOException {
    Path input = Files.createDirectories(dir.resolve("in"));
    // A header line that is no row of (INT, INT), and a value that is no INT: both are skipped.
    Files.writeString(input.resolve("a.csv"), "id,amount\n1,10\nx,20\n3,30\n");
    String table = "CREATE TABLE t (id INT, amount INT) WITH ('connector' = 'filesystem', 'path' = '" + input
        + "', 'format' = 'csv');";
    ShellRun run = ShellRun.of("-e", table + " SET 'trigger' = 'available-now'; SELECT * FROM t;");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(2, run.tableRows(), run.out());
    assertTrue(run.out().contains("Query q1 finished: 1 batch, 2 rows in "), run.out());
    assertTrue(run.out().contains(" (2 malformed rows skipped)\n"), run.out());
  }

  @Test
  void updateModeOnPlainOutputPrintsBatchesWithoutCursorMovement() {
    ShellRun run = ShellRun.on(MainTest::engineWithTenWords, "", "-e",
        "SET 'trigger' = 'available-now'; SELECT word, COUNT(*) AS cnt FROM words GROUP BY word;");
    assertEquals(0, run.exitCode(), run.err());
    assertFalse(run.out().contains("\033"), run.out());
    assertTrue(run.out().contains("""
        -------------------------------------------
        Batch: 0
        -------------------------------------------
        +---+----+---+
        | op|word|cnt|
        +---+----+---+
        """), run.out());
    assertTrue(run.out().contains("| +I| cat|  5|"), run.out());
  }

  @Test
  void changelogModeShowsEachChangeWithItsKind() {
    ShellRun run = ShellRun.on(MainTest::engineWithTenWords, "", "-e",
        "SET 'trigger' = 'available-now'; SET 'result.mode' = 'changelog'; SET 'output.mode' = 'complete';"
            + " SELECT word, COUNT(*) AS cnt FROM words GROUP BY word;");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("|op|"), run.out());
    assertEquals(2, run.out().lines().filter(line -> line.startsWith("|+I|")).count(), run.out());
  }

  @Test
  void scriptStopsAtTheFailingStatementWithExitCodeOneAndACaret(@TempDir Path dir) throws IOException {
    Path script = dir.resolve("broken.sql");
    Files.writeString(script, """
        CREATE TABLE t (v INT) WITH ('connector' = 'datagen', 'number-of-rows' = '3');
        -- the next statement names a column t does not have
        SELECT v,
               nope FROM t;
        CREATE TABLE after_the_error (v INT) WITH ('connector' = 'memory');
        """);
    ShellRun run = ShellRun.of("-f", script.toString());
    assertAll(
        () -> assertEquals(1, run.exitCode()),
        () -> assertTrue(run.err().contains(script + ": Error at line 4, column 8: Column 'nope' not found"), run.err()),
        () -> assertTrue(run.err().contains("\n         nope FROM t;\n         ^"), run.err()),
        () -> assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err()),
        () -> assertFalse(run.out().contains("after_the_error"), run.out()));
  }

  @Test
  void syntaxErrorPointsIntoTheLineOfTheScript() {
    ShellRun run = ShellRun.of("-e", "SET 'trigger' = 'once'; SELEC 1;");
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("Error at line 1, column 25"), run.err());
    assertTrue(run.err().contains("\n  SET 'trigger' = 'once'; SELEC 1;\n" + " ".repeat(2 + 24) + "^"), run.err());
  }

  @Test
  void insertUnderAvailableNowIsWaitedForBeforeTheNextStatement() {
    ShellRun run = ShellRun.on(MainTest::engineWithTenWords, "", "-e",
        "CREATE TABLE copy (word VARCHAR) WITH ('connector' = 'memory');"
            + " SET 'trigger' = 'available-now';"
            + " INSERT INTO copy SELECT word FROM words;"
            + " SELECT word FROM copy;");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("Query q1 started: inserting into 'copy'"), run.out());
    assertEquals(10, run.tableRows(), run.out());
  }

  @Test
  void statementsFromAPipeRunAsTheyComplete() {
    ShellRun run = ShellRun.on(MainTest::engineWithTenWords, """
        SET 'trigger'
          = 'once';
        SET 'result.mode' = 'changelog';
        SELECT word FROM words WHERE n < 4;
        SELECT nope FROM words;
        """);
    assertAll(
        () -> assertEquals(1, run.exitCode()),
        () -> assertTrue(run.out().contains("|op|"), run.out()),
        () -> assertEquals(4, run.out().lines().filter(line -> line.startsWith("|+I|")).count(), run.out()),
        () -> assertTrue(run.err().contains("Error at line 5, column 8"), run.err()));
  }

  @Test
  void verboseErrorsCarryTheirStackTrace() {
    ShellRun run = ShellRun.of("-e", "SET 'verbose' = 'true'; SELECT nope FROM nowhere;");
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("\tat "), run.err());
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertAll(
        () -> assertEquals(2, ShellRun.of("--no-such-option").exitCode()),
        () -> assertEquals(2, ShellRun.of("-e").exitCode()),
        () -> assertEquals(2, ShellRun.of("-f", "no-such-script.sql").exitCode()),
        () -> assertEquals(2, ShellRun.of("scenarios").exitCode()),
        () -> assertEquals(2, ShellRun.of("bench").exitCode()),
        () -> assertTrue(ShellRun.of("bench").err().contains("run it through the ./sluice launcher")));
  }

  @Test
  void versionPrintsThePomsVersion() {
    ShellRun run = ShellRun.of("--version");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("Sluice " + System.getProperty("sluice.test.version") + "\n", run.out());
  }

  @Test
  void helpPrintsUsage() {
    ShellRun run = ShellRun.of("--help");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().startsWith("Usage: sluice"), run.out());
  }

  @Test
  void interactiveShellWithoutATerminalIsAUsageError() {
    ShellRun run = ShellRun.of("-i", "-e", "SHOW TABLES;");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("needs a terminal"), run.err());
  }

  @Test
  void scenariosExitWithZeroOnlyWhenAllPass(@TempDir Path dir) throws IOException {
    String scenario = """
        {
          "name": "%s",
          "statements": ["CREATE TABLE words (word VARCHAR) WITH ('connector' = 'memory')"],
          "query": "SELECT word, COUNT(*) AS cnt FROM words GROUP BY word",
          "mode": "complete",
          "steps": [
            {"add": {"words": [["cat"], ["dog"], ["cat"]]}},
            {"expect": [["cat", %d], ["dog", 1]]}
          ]
        }
        """;
    Files.writeString(dir.resolve("passing.json"), scenario.formatted("passing", 2));
    ShellRun passing = ShellRun.of("scenarios", dir.toString());
    assertEquals(0, passing.exitCode(), passing.out());
    assertTrue(passing.out().contains("PASS passing"), passing.out());
    assertTrue(passing.out().contains("1 passed, 0 failed"), passing.out());

    Files.writeString(dir.resolve("failing.json"), scenario.formatted("failing", 3));
    ShellRun failing = ShellRun.of("scenarios", dir.toString());
    assertEquals(1, failing.exitCode(), failing.out());
    assertTrue(failing.out().contains("FAIL failing"), failing.out());
    assertTrue(failing.out().contains("1 passed, 1 failed"), failing.out());
  }
}
