package dev.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C (SIGINT) on a script ends it with exit code 130, as shells end a program it interrupts. */
@Timeout(120)
class ScriptInterruptTest {
  private static final String ENDLESS = "CREATE TABLE clicks (user_id INT) WITH ('connector' = 'datagen', "
      + "'rows-per-second' = '100', 'fields.user_id.min' = '1', 'fields.user_id.max' = '3');";

  @TempDir Path home;

  @Test
  void ctrlCOnAScriptsQueryStopsItAndExitsWith130() throws Exception {
    ShellProcess shell = ShellProcess.start(home, "-e", ENDLESS
        + " SELECT user_id, COUNT(*) AS n FROM clicks GROUP BY user_id; CREATE TABLE after_it (v INT) WITH ('connector' = 'memory');");
    shell.awaitOutput("Batch: ");
    shell.interrupt();
    assertEquals(130, shell.awaitExit(), shell.err());
    assertTrue(shell.out().contains("Query q1 stopped: "), shell.out());
    assertFalse(shell.out().contains("after_it"), "the statements after it do not run: " + shell.out());
  }

  @Test
  void ctrlCWhileAScriptWaitsForItsInsertsExitsWith130() throws Exception {
    ShellProcess shell = ShellProcess.start(home, "-e", ENDLESS
        + " CREATE TABLE copy (user_id INT) WITH ('connector' = 'memory'); INSERT INTO copy SELECT user_id FROM clicks;");
    shell.awaitOutput("Ctrl-C stops it.");
    shell.interrupt();
    assertEquals(130, shell.awaitExit(), shell.err());
    assertTrue(shell.out().contains("Query q1 stopped: "), shell.out());
  }
}
