package dev.sluice.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The shell's {@link Main} in a JVM of its own, on the test's class path, for what only a new
 * process shows: the log file it opens at start, its exit code after a signal. Its standard
 * streams go to files in its home directory.
 */
final class ShellProcess {
  private final Process process;
  private final Path out;
  private final Path err;

  private ShellProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** Starts {@code dev.sluice.shell.Main args} with {@code home} as its home directory. */
  static ShellProcess start(Path home, String... args) throws IOException {
    String java = System.getProperty("sluice.test.java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(java, "-Duser.home=" + home, "-cp", classPath, Main.class.getName()));
    command.addAll(List.of(args));
    Path out = home.resolve("stdout.txt");
    Path err = home.resolve("stderr.txt");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    return new ShellProcess(process, out, err);
  }

  /** Waits for the shell to end and returns its exit code. */
  int awaitExit() throws InterruptedException {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the shell did not end within 60 s; it printed: " + out() + err());
    }
    return process.exitValue();
  }

  /** Waits until standard output holds {@code text}. */
  void awaitOutput(String text) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!out().contains(text)) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new AssertionError("the shell never printed '" + text + "'; it printed: " + out() + err());
      }
      Thread.sleep(20);
    }
  }

  /** Sends SIGINT, what Ctrl-C sends, as {@code kill -INT} does. */
  void interrupt() throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) throw new AssertionError("kill -INT " + process.pid() + " failed");
  }

  String out() {
    return read(out);
  }

  String err() {
    return read(err);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
