package dev.sluice.shell;

import dev.sluice.engine.SluiceEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** What a run of the {@code sluice} command printed and returned, run in the test's JVM. */
record ShellRun(int exitCode, String out, String err) {

  static ShellRun of(String... args) {
    return withInput("", args);
  }

  /** Runs with {@code input} as standard input, which is not a terminal. */
  static ShellRun withInput(String input, String... args) {
    return on(SluiceEngine::open, input, args);
  }

  /** Runs on the engine {@code engines} gives, with {@code input} as standard input. */
  static ShellRun on(Supplier<SluiceEngine> engines, String input, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, Main.Io.plain(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), outStream, errStream),
          engines);
    }
    return new ShellRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Lines of the output that are rows of a printed table: {@code |...|}, without the header. */
  long tableRows() {
    return out.lines().filter(line -> line.startsWith("|")).count() - 1;
  }
}
