package dev.sluice.shell.interactive;

import static dev.sluice.shell.interactive.TmuxTerminal.count;
import static dev.sluice.shell.interactive.TmuxTerminal.lastLine;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell as a person uses it, in a real terminal ({@link TmuxTerminal}, 120x40): typing and
 * editing statements, a live update-mode query, Ctrl-C, a background INSERT, and a script that
 * fails in the middle. Each test starts its own shell; every wait is for the screen to show
 * something. Each runs in a tmux server of its own. Without tmux they are reported as skipped, with
 * the reason.
 */
@Timeout(120)
class InteractiveShellInTerminalTest {
  private static final Pattern STATUS_BAR = Pattern.compile(
      "q1 \\| batch \\d+ \\| in [\\d.]+/s \\| out [\\d.]+/s \\| watermark none \\| state 2 \\| late 0 \\| "
          + "[\\dms. ]+( \\| Ctrl-C stops)?");

  @TempDir Path home;

  @BeforeAll
  static void needsTmux() {
    assumeTrue(TmuxTerminal.isAvailable(), "tmux is not installed: these tests drive the shell in tmux (apt-get install tmux)");
  }

  @Test
  void statementsAreEditedCompletedHighlightedAndKeptInTheHistory() throws Exception {
    try (TmuxTerminal terminal = TmuxTerminal.start(home, List.of())) {
      String banner = terminal.awaitScreen(atPrompt(), "the prompt");
      assertTrue(banner.contains("A demo table is ready, with 5 new rows a second:\n  clicks (user_id INT"), banner);

      // Enter before the ';' continues the statement on a new line; Tab completes the table name.
      terminal.type("DESCRIBE");
      terminal.awaitScreen(screen -> screen.contains("sluice> DESCRIBE\n     ->"), "the continuation prompt");
      terminal.typeWithoutEnter("cli");
      terminal.keys("Tab");
      terminal.awaitScreen(screen -> screen.contains("     -> clicks"), "the table name completed");
      terminal.type("; ");
      String described = terminal.awaitScreen(screen -> screen.contains("3 rows") && atPrompt().test(screen), "DESCRIBE's rows");
      assertTrue(described.contains("|user_id|INT "), described);

      // An error is one message with a caret under its place, and the prompt comes back.
      terminal.type("SELECT nope FROM clicks; ");
      String error = terminal.awaitScreen(screen -> screen.contains("Column 'nope' not found") && atPrompt().test(screen),
          "the error and a new prompt");
      assertTrue(error.contains("Error at line 1, column 8: Column 'nope' not found"), error);
      assertTrue(error.contains("\n  SELECT nope FROM clicks;\n         ^\n"), error);
      assertFalse(error.contains("\tat "), error);

      // Keywords and literals are coloured as they are typed, names are not.
      terminal.typeWithoutEnter("SELECT url FROM clicks WHERE url = 'FROM'");
      String styled = terminal.awaitStyledScreen(screen -> screen.contains("'FROM'"), "the typed query");
      String typed = styled.lines().filter(line -> line.contains("'FROM'")).findFirst().orElseThrow();
      assertAll(
          () -> assertTrue(typed.contains("\033[34mSELECT"), "SELECT in blue: " + typed),
          () -> assertTrue(typed.contains("\033[34mWHERE"), "WHERE in blue: " + typed),
          () -> assertTrue(typed.contains("\033[32m'FROM'"), "the literal in green: " + typed),
          () -> assertFalse(typed.contains("murl"), "names stay plain: " + typed));
      abandonLine(terminal);

      // In a CREATE TABLE's WITH clause: connectors, then the options of the one chosen.
      terminal.typeWithoutEnter("CREATE TABLE t (v INT) WITH ('connector' = 'filesys");
      terminal.keys("Tab");
      terminal.awaitScreen(screen -> screen.contains("WITH ('connector' = 'filesystem'"), "the connector completed");
      terminal.typeWithoutEnter(", '");
      terminal.keys("Tab");
      String options = terminal.awaitScreen(screen -> screen.contains("required") && screen.contains("max-files-per-trigger"),
          "the filesystem connector's options");
      assertTrue(options.contains("path") && options.contains("format"), options);
      terminal.typeWithoutEnter("pa");
      terminal.keys("Tab");
      terminal.awaitScreen(screen -> screen.contains("'filesystem' , 'path'"), "the option completed");
      abandonLine(terminal);

      // A column through its table's alias.
      terminal.typeWithoutEnter("SELECT * FROM clicks AS c WHERE c.us");
      terminal.keys("Tab");
      terminal.awaitScreen(screen -> screen.contains("WHERE c.user_id"), "the column completed");
      abandonLine(terminal);

      // Setting keys and their values.
      terminal.typeWithoutEnter("SET 'result.m");
      terminal.keys("Tab");
      terminal.awaitScreen(screen -> screen.contains("sluice> SET 'result.mode'"), "the setting key completed");
      terminal.typeWithoutEnter("= 'chan");
      terminal.keys("Tab");
      terminal.awaitScreen(screen -> screen.contains("SET 'result.mode' = 'changelog'"), "the setting value completed");
      terminal.type("; ");
      terminal.awaitScreen(screen -> screen.contains("Set 'result.mode' = 'changelog'") && atPrompt().test(screen), "the setting");

      // Up brings back the last statement.
      terminal.keys("Up");
      terminal.awaitScreen(screen -> lastLine(screen).equals("sluice> SET 'result.mode' = 'changelog' ;"), "the history");
      abandonLine(terminal);

      terminal.keys("C-d");
      String bye = terminal.awaitScreen(screen -> screen.contains("SHELL-EXITED-"), "the shell to end");
      assertTrue(bye.contains("Bye.\nSHELL-EXITED-0"), bye);
    }
    String history = Files.readString(home.resolve(".sluice_history"));
    assertTrue(history.contains("SET 'result.mode' = 'changelog' ;"), history);
  }

  @Test
  void anUpdateModeQueryIsRedrawnInPlaceAndCtrlCStopsIt(@TempDir Path words) throws Exception {
    try (TmuxTerminal terminal = TmuxTerminal.start(home, List.of())) {
      terminal.awaitScreen(atPrompt(), "the prompt");
      terminal.type("CREATE TABLE words (word VARCHAR) WITH ('connector' = 'filesystem', 'path' = '" + words
          + "', 'format' = 'csv'); ");
      terminal.awaitScreen(screen -> screen.contains("Table 'words' created") && atPrompt().test(screen), "the table");

      terminal.type("SELECT word, COUNT(*) AS n FROM words GROUP BY word; ");
      // Before the first row: where the source starts, that the query waits, and the status bar.
      String waiting = terminal.awaitScreen(screen -> screen.contains("Waiting for data...")
          && lastLine(screen).startsWith("q1 | waiting for data | "), "the waiting line and the status bar");
      assertTrue(waiting.replace("\n", " ").contains(
          "Query q1 (update mode) reads words (filesystem) from the beginning, the files in " + words + " then new ones."), waiting);
      assertFalse(terminal.onAlternateScreen(), "results stay on the normal screen");

      addFile(words, "first.csv", "cat\ndog\n");
      Pattern bothNew = rows("cat", "1", " *", "dog", "1", " *");
      terminal.awaitScreen(screen -> bothNew.matcher(screen).find(), "both rows, marked as new");
      addFile(words, "second.csv", "cat\n");
      Pattern catChanged = rows("cat", "2", " *", "dog", "1", "");
      String redrawn = terminal.awaitScreen(screen -> catChanged.matcher(screen).find()
          && STATUS_BAR.matcher(lastLine(screen)).matches(), "cat counted twice and marked, dog unmarked, and the status bar");
      assertEquals(1, count(redrawn.replace(" ", ""), "|word|n|"), "the table is redrawn in place, not printed again:\n" + redrawn);
      assertFalse(redrawn.contains("Waiting for data"), redrawn);

      terminal.keys("C-c");
      String stopped = terminal.awaitScreen(screen -> screen.contains("Query q1 stopped: ") && atPrompt().test(screen),
          "the summary and a new prompt");
      assertAll(
          () -> assertTrue(Pattern.compile("\\+-+\\+-+\\+\nQuery q1 stopped: \\d+ batch(es)?, \\d+ rows? in [\\dms. ]+\nsluice>")
              .matcher(stopped).find(), "one summary line under the last table: " + stopped),
          () -> assertEquals(1, count(stopped, "Query q1 stopped"), stopped),
          () -> assertFalse(stopped.contains("Exception") || stopped.contains("\tat "), stopped),
          () -> assertFalse(stopped.contains("q1 | batch"), "the status bar is gone: " + stopped));
      String threads = terminal.threadDump();
      assertTrue(threads.contains("\"main\""), threads);
      assertFalse(threads.contains("sluice-query-q1"), "the query's thread ended before the prompt came back:\n" + threads);

      terminal.type("SHOW QUERIES; ");
      terminal.awaitScreen(screen -> screen.contains("0 rows") && atPrompt().test(screen), "no query left running");
    }
  }

  @Test
  void aScriptStopsAtItsErrorThenBackgroundInsertsAreListedAndStopped(@TempDir Path scripts) throws Exception {
    Path script = scripts.resolve("setup.sql");
    Files.writeString(script, """
        CREATE TABLE events (user_id INT) WITH ('connector' = 'datagen', 'rows-per-second' = '20',
          'fields.user_id.min' = '1', 'fields.user_id.max' = '3');
        CREATE TABLE counts (user_id INT, n BIGINT) WITH ('connector' = 'memory');
        SELECT user_id,
               nope FROM events;
        CREATE TABLE after_the_error (v INT) WITH ('connector' = 'memory');
        """);
    // Once with -i, which opens the prompt after the script; then alone, for its exit code.
    try (TmuxTerminal terminal = TmuxTerminal.start(home, List.of("-f", script.toString(), "-i"))) {
      String failed = terminal.awaitScreen(atPrompt(), "the prompt after the script");
      assertAll(
          () -> assertTrue(failed.contains("Table 'counts' created"), failed),
          () -> assertTrue(failed.contains(script + ": Error at line 5, column 8: Column 'nope' not found"), failed),
          () -> assertTrue(failed.contains("\n         nope FROM events;\n         ^\n"), "a caret under the column: " + failed),
          () -> assertFalse(failed.contains("after_the_error") || failed.contains("\tat "), failed));

      terminal.type("INSERT INTO counts SELECT user_id, COUNT(*) FROM events GROUP BY user_id; ");
      String started = terminal.awaitScreen(screen -> screen.contains("STOP QUERY q1 stops it.") && atPrompt().test(screen),
          "the background query's id");
      assertTrue(started.contains("Query q1 started: inserting into 'counts' in update mode"), started);

      // SHOW QUERIES until the query reports its first batch: it shows its progress.
      Pattern running = Pattern.compile("\\|q1 \\|update\\|\\d+ +\\|3 +\\|0 +\\|- +\\|SELECT user_id, COUNT\\(\\*\\) FROM events GROUP BY user_id\\|");
      String listed = "";
      for (int attempt = 1; !running.matcher(listed).find(); attempt++) {
        assertTrue(attempt <= 50, "SHOW QUERIES never showed q1 with its progress:\n" + listed);
        terminal.keys("C-l");
        terminal.awaitScreen(screen -> !screen.contains("1 row"), "a clear screen");
        terminal.type("SHOW QUERIES; ");
        listed = terminal.awaitScreen(screen -> screen.contains("1 row") && atPrompt().test(screen), "SHOW QUERIES");
      }

      terminal.type("STOP QUERY q1; ");
      terminal.awaitScreen(screen -> screen.contains("Query q1 stopped\n") && atPrompt().test(screen), "STOP QUERY");
      terminal.keys("C-l");
      terminal.awaitScreen(screen -> !screen.contains("1 row"), "a clear screen");
      terminal.type("SHOW QUERIES; ");
      terminal.awaitScreen(screen -> screen.contains("0 rows") && atPrompt().test(screen), "no query left running");
      terminal.type("SHOW TABLES; ");
      String tables = terminal.awaitScreen(screen -> screen.contains("2 rows") && atPrompt().test(screen), "the tables");
      assertFalse(tables.contains("after_the_error"), tables);
      terminal.keys("C-d");
      terminal.awaitScreen(screen -> screen.contains("SHELL-EXITED-0"), "the shell to end");
    }
    try (TmuxTerminal terminal = TmuxTerminal.start(home, List.of("-f", script.toString()))) {
      String ended = terminal.awaitScreen(screen -> screen.contains("SHELL-EXITED-"), "the script to end");
      assertAll(
          () -> assertTrue(ended.contains("SHELL-EXITED-1"), "a failed script exits with 1: " + ended),
          () -> assertTrue(ended.contains(script + ": Error at line 5, column 8"), ended),
          () -> assertFalse(ended.contains("after_the_error"), ended));
    }
  }

  @Test
  void aBackgroundConsoleSinkPrintsAboveThePromptAndLeavesWhatIsTypedAlone() throws Exception {
    try (TmuxTerminal terminal = TmuxTerminal.start(home, List.of())) {
      terminal.awaitScreen(atPrompt(), "the prompt");
      terminal.type("CREATE TABLE per_user (user_id INT, n BIGINT) WITH ('connector' = 'console'); ");
      terminal.awaitScreen(screen -> screen.contains("Table 'per_user' created") && atPrompt().test(screen), "the table");
      terminal.type("INSERT INTO per_user SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id; ");
      terminal.awaitScreen(screen -> screen.contains("STOP QUERY q1 stops it.") && atPrompt().test(screen), "the query started");
      // Half a statement at the prompt while batches are printed.
      terminal.typeWithoutEnter("SHOW TAB");
      String screen = terminal.awaitScreen(s -> s.contains("Batch: 3") && lastLine(s).equals("sluice> SHOW TAB"),
          "batches printed above the prompt, and the prompt with what was typed at the bottom");
      assertFalse(screen.contains("sluice> SHOW TAB---") || screen.contains("sluice> ---"),
          "a batch never starts on the prompt's line: " + screen);
      terminal.typeWithoutEnter("LES; ");
      terminal.keys("Enter");
      terminal.awaitScreen(s -> s.contains("|per_user|console  |"), "what was typed ran");
      terminal.type("STOP QUERY q1; ");
      terminal.awaitScreen(s -> s.contains("Query q1 stopped") && atPrompt().test(s), "the query stopped");
    }
  }

  /**
   * Consecutive lines of a two-column table, each {@code word, count, mark}, however the cells
   * are aligned.
   */
  private static Pattern rows(String... cells) {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < cells.length; i += 3) {
      lines.append("\\| *").append(cells[i]).append(" *\\| *").append(cells[i + 1]).append(" *\\|")
          .append(Pattern.quote(cells[i + 2])).append("\n");
    }
    return Pattern.compile(lines.toString());
  }

  private static Predicate<String> atPrompt() {
    return screen -> lastLine(screen).equals("sluice>");
  }

  /** Ctrl-C at the prompt leaves what was typed and shows a new prompt. */
  private static void abandonLine(TmuxTerminal terminal) throws InterruptedException {
    terminal.keys("C-c");
    terminal.awaitScreen(atPrompt(), "a new prompt after Ctrl-C");
  }

  /** Writes a file into the directory as a writer should: hidden, then renamed, so no half file is read. */
  private static void addFile(Path directory, String name, String text) throws IOException {
    Path hidden = directory.resolve("." + name + ".tmp");
    Files.writeString(hidden, text);
    Files.move(hidden, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }
}
