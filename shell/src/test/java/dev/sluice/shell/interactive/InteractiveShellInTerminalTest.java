package dev.sluice.shell.interactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real shell in a pseudo-terminal: tmux runs it in a detached 120x40 window, the test
 * types into it with {@code send-keys} and reads the screen with {@code capture-pane}. Every wait
 * is for something to appear on the screen, with a generous deadline, never a fixed sleep. The
 * tmux server has a socket of its own and is killed afterwards. Without tmux the test is reported
 * as skipped, with the reason.
 */
@Timeout(180)
class InteractiveShellInTerminalTest {
  private static final String SOCKET = "sluice-shell-test-" + ProcessHandle.current().pid();
  private static final String WINDOW = "shell";
  /** The first query plans Calcite from cold; a slow machine may need this long. */
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final Pattern BATCH = Pattern.compile("q1 \\| batch (\\d+)");

  @TempDir Path home;

  @BeforeAll
  static void needsTmux() {
    assumeTrue(runs("tmux", "-V"), "tmux is not installed: this test drives the shell in tmux (apt-get install tmux)");
  }

  @AfterEach
  void killTmux() {
    runs("tmux", "-L", SOCKET, "kill-server");
  }

  @Test
  void demoQueryIsRedrawnInPlaceAndCtrlCReturnsToThePrompt() throws Exception {
    startShell();
    // capture-pane drops trailing blanks, so the prompt shows as "sluice>".
    String banner = awaitScreen(screen -> lastLine(screen).equals("sluice>"), "the prompt");
    assertTrue(banner.contains("A demo table is ready: clicks"), banner);

    type("SELECT user_id, COUNT(*) AS clicks");
    type("FROM clicks GROUP BY user_id; ");
    String first = awaitScreen(screen -> screen.contains("|user_id|clicks|") && BATCH.matcher(screen).find(),
        "the result table and its status line");
    long firstBatch = batch(first);
    String later = awaitScreen(screen -> batch(screen) >= firstBatch + 5, "five more batches");
    assertEquals(1, count(later, "|user_id|clicks|"), "the table is redrawn in place, not printed again:\n" + later);

    keys("C-c");
    String stopped = awaitScreen(screen -> screen.contains("Query q1 stopped: ") && lastLine(screen).equals("sluice>"),
        "the summary and a new prompt");
    assertEquals(1, count(stopped, "Query q1 stopped: "), stopped);

    type("SELECT nope FROM clicks; ");
    String error = awaitScreen(screen -> screen.contains("Column 'nope' not found") && lastLine(screen).equals("sluice>"),
        "the error and a new prompt");
    assertTrue(error.contains("  SELECT nope FROM clicks;\n         ^"), error);

    keys("-l", "abandoned line");
    // Ctrl-C makes the terminal discard input not yet read, so wait until the shell read the line.
    awaitScreen(screen -> lastLine(screen).equals("sluice> abandoned line"), "the typed line");
    keys("C-c");
    awaitScreen(screen -> screen.contains("sluice> abandoned line\n") && lastLine(screen).equals("sluice>"),
        "Ctrl-C to leave the line and show a new prompt");
    keys("C-d");
    String bye = awaitScreen(screen -> screen.contains("SHELL-EXITED-"), "the shell to end");
    assertTrue(bye.contains("Bye.\nSHELL-EXITED-0"), bye);
    assertTrue(Files.readString(home.resolve(".sluice_history")).contains("SELECT nope FROM clicks;"));
  }

  private void startShell() throws IOException, InterruptedException {
    String java = System.getProperty("sluice.test.java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    // The history and the log go to a home of the test's own.
    String command = quote(java) + " -Duser.home=" + quote(home.toString()) + " -cp " + quote(classPath)
        + " dev.sluice.shell.Main; echo SHELL-EXITED-$?; sleep 120";
    assertTrue(runs("tmux", "-L", SOCKET, "-f", "/dev/null", "new-session", "-d", "-s", WINDOW, "-x", "120", "-y", "40", command),
        "tmux starts the shell");
  }

  /** Types {@code text} and Enter. A final ';' would end tmux's command, so statements end in "; ". */
  private static void type(String text) {
    assertTrue(runs("tmux", "-L", SOCKET, "send-keys", "-t", WINDOW, "-l", text));
    keys("Enter");
  }

  private static void keys(String... keys) {
    List<String> command = new ArrayList<>(List.of("tmux", "-L", SOCKET, "send-keys", "-t", WINDOW));
    command.addAll(List.of(keys));
    assertTrue(runs(command.toArray(new String[0])));
  }

  private static String awaitScreen(Predicate<String> condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    String screen = "";
    while (System.nanoTime() < deadline) {
      screen = screen();
      if (condition.test(screen)) return screen;
      Thread.sleep(100);
    }
    throw new AssertionError("waited " + DEADLINE.toSeconds() + "s for " + what + "; the screen shows:\n" + screen);
  }

  private static String screen() {
    return output("tmux", "-L", SOCKET, "capture-pane", "-p", "-t", WINDOW);
  }

  private static long batch(String screen) {
    Matcher m = BATCH.matcher(screen);
    long last = -1;
    while (m.find()) last = Long.parseLong(m.group(1));
    return last;
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) count++;
    return count;
  }

  private static String lastLine(String screen) {
    List<String> lines = new ArrayList<>(screen.strip().lines().toList());
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  private static boolean runs(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String output(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(30, TimeUnit.SECONDS);
      return text;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
