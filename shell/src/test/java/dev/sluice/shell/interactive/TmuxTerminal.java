package dev.sluice.shell.interactive;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The real shell in a pseudo-terminal: tmux runs it in a detached window of a server of its own,
 * a test types into it with {@code send-keys} and reads the screen with {@code capture-pane}.
 * Every wait is for something to appear on the screen, with a deadline, never a fixed sleep.
 * Closing kills the tmux server, and the shell with it.
 */
final class TmuxTerminal implements AutoCloseable {
  static final int COLUMNS = 120;
  static final int ROWS = 40;

  /** The first query plans Calcite from cold; a slow machine may need this long. */
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private static final AtomicInteger SERVERS = new AtomicInteger();

  private final String socket = "sluice-shell-test-" + ProcessHandle.current().pid() + "-" + SERVERS.incrementAndGet();
  private final String window = "shell";

  private TmuxTerminal() {}

  static boolean isAvailable() {
    return runs("tmux", "-V");
  }

  /**
   * Starts {@code java dev.sluice.shell.Main args} with {@code home} as its home (history and log);
   * when it ends, the window shows {@code SHELL-EXITED-<exit code>}.
   */
  static TmuxTerminal start(Path home, List<String> args) {
    TmuxTerminal terminal = new TmuxTerminal();
    String command = terminal.javaCommand(home, args) + "; echo SHELL-EXITED-$?; sleep 120";
    assertTrue(runs("tmux", "-L", terminal.socket, "-f", "/dev/null", "new-session", "-d", "-s", terminal.window,
        "-x", Integer.toString(COLUMNS), "-y", Integer.toString(ROWS), command), "tmux starts the shell");
    return terminal;
  }

  /** The shell's command line; {@code sluice.test.terminal} names this terminal, so its process can be found. */
  private String javaCommand(Path home, List<String> args) {
    String java = System.getProperty("sluice.test.java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    StringBuilder command = new StringBuilder(quote(java)).append(" -Dsluice.test.terminal=").append(socket)
        .append(" -Duser.home=").append(quote(home.toString())).append(" -cp ").append(quote(classPath))
        .append(" dev.sluice.shell.Main");
    for (String arg : args) command.append(' ').append(quote(arg));
    return command.toString();
  }

  /** Types {@code text} and Enter. A final ';' would end tmux's command, so statements end in "; ". */
  void type(String text) {
    typeWithoutEnter(text);
    keys("Enter");
  }

  void typeWithoutEnter(String text) {
    assertTrue(runs("tmux", "-L", socket, "send-keys", "-t", window, "-l", text));
  }

  /** Keys by tmux's names: {@code Enter}, {@code Tab}, {@code Up}, {@code C-c}, {@code C-d}. */
  void keys(String... keys) {
    List<String> command = new ArrayList<>(List.of("tmux", "-L", socket, "send-keys", "-t", window));
    command.addAll(List.of(keys));
    assertTrue(runs(command.toArray(new String[0])));
  }

  /** Waits until the screen, as text, satisfies {@code condition}, and returns it. */
  String awaitScreen(Predicate<String> condition, String what) throws InterruptedException {
    return await(condition, what, false);
  }

  /** As {@link #awaitScreen}, with the screen's colours and attributes as escape sequences. */
  String awaitStyledScreen(Predicate<String> condition, String what) throws InterruptedException {
    return await(condition, what, true);
  }

  private String await(Predicate<String> condition, String what, boolean styled) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    String screen = "";
    while (System.nanoTime() < deadline) {
      screen = styled ? styledScreen() : screen();
      if (condition.test(screen)) return screen;
      Thread.sleep(50);
    }
    throw new AssertionError("waited " + DEADLINE.toSeconds() + "s for " + what + "; the screen shows:\n" + screen);
  }

  /** The visible screen; capture-pane drops trailing blanks of each line. */
  String screen() {
    return output("tmux", "-L", socket, "capture-pane", "-p", "-t", window);
  }

  String styledScreen() {
    return output("tmux", "-L", socket, "capture-pane", "-p", "-e", "-t", window);
  }

  /** Whether the program in the window switched to the alternate screen. */
  boolean onAlternateScreen() {
    return output("tmux", "-L", socket, "display-message", "-p", "-t", window, "#{alternate_on}").strip().equals("1");
  }

  /** The names of the shell's threads, from {@code jcmd Thread.print}. */
  String threadDump() {
    ProcessHandle shell = shellProcess().orElseThrow(() -> new AssertionError("no shell process for " + socket));
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    return output(jcmd, Long.toString(shell.pid()), "Thread.print");
  }

  private Optional<ProcessHandle> shellProcess() {
    String marker = "-Dsluice.test.terminal=" + socket + " ";
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
        .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
        .findFirst();
  }

  /** The last line that is not blank: the prompt, while the shell waits for a statement. */
  static String lastLine(String screen) {
    List<String> lines = screen.strip().lines().toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
  }

  static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) count++;
    return count;
  }

  @Override
  public void close() {
    runs("tmux", "-L", socket, "kill-server");
  }

  static String quote(String text) {
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
