package dev.sluice.shell.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.shell.render.Screen;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ShellSessionTest {
  /** An endless source: a query over it runs until it is stopped. */
  private static final String ENDLESS = "CREATE TABLE clicks (user_id INT) WITH ('connector' = 'datagen', "
      + "'rows-per-second' = '100', 'fields.user_id.min' = '1', 'fields.user_id.max' = '3');";

  private final SluiceEngine engine = SluiceEngine.open();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ShellSession session = new ShellSession(engine, new PrintStream(out, true, StandardCharsets.UTF_8),
      new PrintStream(err, true, StandardCharsets.UTF_8), Screen.plain(), ShellSession.Mode.SCRIPT);

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void ctrlCStopsTheQueryInTheForegroundAndTheSessionGoesOn() throws Exception {
    session.enterInteractiveMode();
    assertTrue(session.run(Script.of("-e", ENDLESS)));
    CompletableFuture<Boolean> running = CompletableFuture.supplyAsync(
        () -> session.run(Script.of("-e", "SELECT user_id, COUNT(*) AS n FROM clicks GROUP BY user_id;")));
    awaitOutput("Batch: ");
    assertTrue(requestCancelWhenArmed());
    assertTrue(running.get(10, TimeUnit.SECONDS), "a cancelled query is not a failure: " + err);
    assertTrue(output().contains("Query q1 stopped: "), output());
    assertTrue(engine.queries().isEmpty(), "the query was stopped");
    assertFalse(session.cancel().request(), "nothing is left to cancel");
    assertTrue(session.run(Script.of("-e", "SHOW TABLES;")));
    assertTrue(output().contains("|clicks|datagen  |"), output());
  }

  @Test
  void ctrlCOnAScriptsQueryEndsTheScript() throws Exception {
    CompletableFuture<Boolean> running = CompletableFuture.supplyAsync(() -> session.run(Script.of("-e", ENDLESS
        + " SELECT user_id, COUNT(*) AS n FROM clicks GROUP BY user_id; CREATE TABLE after_it (v INT) WITH ('connector' = 'memory');")));
    awaitOutput("Batch: ");
    assertTrue(requestCancelWhenArmed());
    assertFalse(running.get(10, TimeUnit.SECONDS), "the script ends at the query Ctrl-C stopped");
    assertTrue(session.wasInterrupted());
    assertTrue(output().contains("Query q1 stopped: "), output());
    assertTrue(engine.queries().isEmpty(), "the query was stopped");
    assertEquals(1, engine.tables().size(), "the statement after the query did not run");
  }

  @Test
  void aScriptShowsAnInsertsProgressOnATerminalAndASummaryWhenItEnds() {
    List<String> shown = new ArrayList<>();
    boolean[] hidden = {false};
    Screen.StatusBar bar = new Screen.StatusBar() {
      @Override
      public void show(String text) {
        shown.add(text);
        hidden[0] = false;
      }

      @Override
      public void hide() {
        hidden[0] = true;
      }
    };
    ShellSession onTerminal = new ShellSession(engine, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), terminalWith(bar), ShellSession.Mode.SCRIPT);
    engine.execute("CREATE TABLE words (word VARCHAR) WITH ('connector' = 'memory')");
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) rows.add(new Object[] {"w" + i});
    engine.memoryTables().append("words", rows);
    assertTrue(onTerminal.run(Script.of("-e", "CREATE TABLE copy (word VARCHAR) WITH ('connector' = 'memory');"
        + " SET 'trigger' = 'available-now'; INSERT INTO copy SELECT word FROM words;")), error());
    assertFalse(shown.isEmpty(), "the status bar showed the query's progress");
    assertTrue(shown.get(0).startsWith("q1 | "), shown.toString());
    assertTrue(hidden[0], "the bar is gone once the query ended");
    assertTrue(Pattern.compile("\nQuery q1 finished: \\d+ batch(es)?, 10 rows written in [\\d.]+s\n").matcher(output()).find(), output());
  }

  @Test
  void aScriptsWaitForItsInsertsEndsItsStatusLineOnATerminalWithoutAStatusBar() {
    ShellSession onTerminal = new ShellSession(engine, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Screen.terminal(120, 24), ShellSession.Mode.SCRIPT);
    engine.execute("CREATE TABLE words (word VARCHAR) WITH ('connector' = 'memory')");
    engine.memoryTables().append("words", List.<Object[]>of(new Object[] {"cat"}));
    assertTrue(onTerminal.run(Script.of("-e", "CREATE TABLE copy (word VARCHAR) WITH ('connector' = 'memory');"
        + " SET 'trigger' = 'available-now'; INSERT INTO copy SELECT word FROM words;")), error());
    String printed = output();
    int status = printed.indexOf("q1 | ");
    int summary = printed.indexOf("Query q1 finished: ");
    assertTrue(status >= 0 && summary > status, "a status line, then the summary in its place: " + printed);
    assertTrue(printed.substring(status, summary).contains("\033[1A"), "the status line is erased: " + printed);
  }

  @Test
  void scriptWaitsForItsContinuousInsertsUntilCtrlC() throws Exception {
    assertTrue(session.run(Script.of("-e", ENDLESS
        + " CREATE TABLE copy (user_id INT) WITH ('connector' = 'memory'); INSERT INTO copy SELECT user_id FROM clicks;")));
    assertEquals(1, engine.queries().size());
    CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return session.awaitBackgroundQueries();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    awaitOutput("Waiting for query q1 to end. Ctrl-C stops it.");
    assertTrue(requestCancelWhenArmed());
    assertFalse(waiting.get(10, TimeUnit.SECONDS), "Ctrl-C ends the script");
    assertTrue(session.wasInterrupted());
    assertTrue(output().contains("Query q1 stopped: "), output());
    assertTrue(engine.queries().isEmpty(), "the background query was stopped");
  }

  @Test
  void showQueriesListsTheMalformedRowsEachQuerySkipped(@TempDir Path dir) throws Exception {
    Path input = Files.createDirectories(dir.resolve("in"));
    Files.writeString(input.resolve("a.csv"), "id,amount\n1,10\nx,20\n3,30\n");
    assertTrue(session.run(Script.of("-e", "CREATE TABLE t (id INT, amount INT) WITH ('connector' = 'filesystem', 'path' = '"
        + input + "', 'format' = 'csv'); CREATE TABLE copy (id INT, amount INT) WITH ('connector' = 'memory');"
        + " INSERT INTO copy SELECT * FROM t;")), error());
    engine.queries().forEach(StreamingQuery::processAllAvailable);
    assertTrue(session.run(Script.of("-e", "SHOW QUERIES;")), error());
    String listed = output().substring(output().indexOf("|id"));
    assertTrue(listed.startsWith("|id |mode  |batch|state rows|malformed rows|watermark|query"), listed);
    assertTrue(listed.contains("|q1 |append|0    |0         |2             |-        |SELECT * FROM t|"), listed);
  }

  @Test
  void anErrorLeavesTheSessionUsable() {
    assertFalse(session.run(Script.of("-e", "SELECT * FROM nowhere;")));
    assertTrue(error().startsWith("Error at line 1, column 15: "), error());
    assertTrue(session.run(Script.of("-e", "SET 'trigger' = 'once';")));
  }

  private static Screen terminalWith(Screen.StatusBar bar) {
    return new Screen() {
      @Override
      public boolean isTerminal() {
        return true;
      }

      @Override
      public int width() {
        return 120;
      }

      @Override
      public int height() {
        return 24;
      }

      @Override
      public StatusBar statusBar() {
        return bar;
      }
    };
  }

  private boolean requestCancelWhenArmed() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (session.cancel().request()) return true;
      Thread.sleep(10);
    }
    return false;
  }

  private void awaitOutput(String text) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!output().contains(text)) {
      if (System.nanoTime() > deadline) throw new AssertionError("no '" + text + "' in: " + output() + error());
      Thread.sleep(20);
    }
  }

  @Test
  void aRuntimeExpressionErrorIsReportedAsItsMessageAloneWithoutItsKindOrAStackTraceHint() {
    assertTrue(session.run(Script.of("-e", "CREATE TABLE words (w VARCHAR) WITH ('connector' = 'memory');")));
    engine.memoryTables().append("words", List.<Object[]>of(new Object[] {"abc"}));
    assertFalse(session.run(Script.of("-e", "SET 'trigger' = 'available-now'; SELECT CAST(w AS INT) AS n FROM words;")));
    String error = error();
    assertTrue(error.contains("Cannot evaluate CAST(`w` AS INTEGER) for column 'n'") && error.contains("reading table 'words'"), error);
    assertFalse(error.contains("ExpressionFailedException") || error.contains("shows the stack trace"),
        "the message names the expression, its column and the row; its kind and a stack trace add nothing:\n" + error);
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String error() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
