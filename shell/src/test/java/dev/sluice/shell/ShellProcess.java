package dev.sluice.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The shell's {@link Main} in a JVM of its own, on the test's class path, for what only a new
 * process shows: the log file it opens at start, and what it prints and returns.
 */
record ShellProcess(int exitCode, String out, String err) {

  /** Runs {@code dev.sluice.shell.Main args} with {@code home} as its home directory. */
  static ShellProcess run(Path home, String... args) throws IOException, InterruptedException {
    String java = System.getProperty("sluice.test.java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(java, "-Duser.home=" + home, "-cp", classPath, Main.class.getName()));
    command.addAll(List.of(args));
    Path out = home.resolve("stdout.txt");
    Path err = home.resolve("stderr.txt");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the shell did not end within 60 s: " + String.join(" ", args));
    }
    return new ShellProcess(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
