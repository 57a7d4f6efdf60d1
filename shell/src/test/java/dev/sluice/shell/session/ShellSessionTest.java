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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
    assertTrue(waiting.get(10, TimeUnit.SECONDS));
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

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String error() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
