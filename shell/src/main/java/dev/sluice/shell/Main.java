package dev.sluice.shell;

import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.scenario.ScenarioRunner;
import dev.sluice.shell.Arguments.Source;
import dev.sluice.shell.interactive.Demo;
import dev.sluice.shell.interactive.InteractiveShell;
import dev.sluice.shell.interactive.ShellTerminal;
import dev.sluice.shell.interactive.Terminals;
import dev.sluice.shell.render.Screen;
import dev.sluice.shell.session.Script;
import dev.sluice.shell.session.ShellSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The {@code sluice} command, which the {@code ./sluice} launcher runs: the interactive shell on a
 * demo table, scripts ({@code -f}), statements ({@code -e}), statements from a pipe, and the
 * scenario runner ({@code scenarios}). See {@link Arguments#USAGE}.
 *
 * <p>{@link #run(String[], Io)} is the whole command with its streams given, so tests run it in
 * the test's JVM; {@link #main} adds the real streams, Ctrl-C handling and {@code System.exit}.
 */
public final class Main {
  /** Everything ran. */
  public static final int EXIT_OK = 0;

  /** A statement of a script, or a scenario, failed. */
  public static final int EXIT_FAILED = 1;

  /** The command line was wrong. */
  public static final int EXIT_USAGE = 2;

  /** What a shell reports for a program ended by SIGINT: 128 + 2. */
  static final int EXIT_INTERRUPTED = 130;

  /**
   * The streams the command works with and what they are.
   *
   * @param handleSignals whether to take over Ctrl-C (SIGINT) for the process; off in tests
   */
  public record Io(InputStream in, PrintStream out, PrintStream err, boolean stdinIsTerminal, boolean stdoutIsTerminal,
      boolean handleSignals) {

    /** Plain streams, no terminal, no signal handling: what a test gives. */
    public static Io plain(InputStream in, PrintStream out, PrintStream err) {
      return new Io(in, out, err, false, false, false);
    }
  }

  private final Io io;
  private final Supplier<SluiceEngine> engines;

  private Main(Io io, Supplier<SluiceEngine> engines) {
    this.io = io;
    this.engines = engines;
  }

  public static void main(String[] args) {
    LogFile.configure();
    Io io = new Io(System.in, System.out, System.err, Terminals.isStandardInputTerminal(),
        Terminals.isStandardOutputTerminal(), true);
    System.exit(run(args, io));
  }

  /** Runs the command on a new engine and returns its exit code. */
  public static int run(String[] args, Io io) {
    return run(args, io, SluiceEngine::open);
  }

  /**
   * Runs the command on the engine {@code engines} gives (a test's, say, with tables filled
   * beforehand) and returns its exit code. The command closes the engine.
   */
  public static int run(String[] args, Io io, Supplier<SluiceEngine> engines) {
    Arguments arguments;
    try {
      arguments = Arguments.parse(args);
    } catch (Arguments.UsageException e) {
      return usageError(io, e.getMessage());
    }
    Main main = new Main(io, engines);
    try {
      return switch (arguments.command()) {
        case HELP -> {
          io.out().print(Arguments.USAGE);
          yield EXIT_OK;
        }
        case VERSION -> {
          io.out().println("Sluice " + version());
          yield EXIT_OK;
        }
        case BENCH -> {
          // The ./sluice launcher starts the benchmarks module for 'bench' (the shell cannot depend on it).
          io.err().println("sluice bench: run it through the ./sluice launcher, which starts dev.sluice.bench.Bench "
              + "with the benchmarks module on the class path");
          yield EXIT_USAGE;
        }
        case SCENARIOS -> main.runScenarios(arguments.paths());
        case SHELL -> main.runShell(arguments);
      };
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return EXIT_INTERRUPTED;
    } finally {
      io.out().flush();
      io.err().flush();
    }
  }

  private static int usageError(Io io, String message) {
    io.err().println("sluice: " + message);
    io.err().println("Try 'sluice --help'.");
    return EXIT_USAGE;
  }

  private int runScenarios(List<String> paths) {
    List<Path> files = new ArrayList<>();
    for (String path : paths) {
      Path file = Path.of(path);
      if (!Files.exists(file)) return usageError(io, "no scenario file or directory '" + path + "'");
      files.add(file);
    }
    try {
      return ScenarioRunner.runAll(files, io.out()) ? EXIT_OK : EXIT_FAILED;
    } catch (IOException e) {
      io.err().println("sluice scenarios: " + e.getMessage());
      return EXIT_FAILED;
    }
  }

  private int runShell(Arguments arguments) throws InterruptedException {
    List<Script> scripts;
    try {
      scripts = readScripts(arguments.sources());
    } catch (Arguments.UsageException e) {
      return usageError(io, e.getMessage());
    }
    boolean interactive = arguments.stayInteractive() || (scripts.isEmpty() && io.stdinIsTerminal());
    boolean fullTerminal = io.stdinIsTerminal() && io.stdoutIsTerminal();
    if (interactive && !fullTerminal) {
      return usageError(io, "the interactive shell needs a terminal; give statements with -f or -e, or through a pipe");
    }
    try (SluiceEngine engine = engines.get();
        ShellTerminal terminal = fullTerminal ? openTerminal(interactive) : null) {
      // At the prompt everything goes to the terminal, in the order it happened.
      PrintStream out = interactive ? terminal.out() : io.out();
      PrintStream err = interactive ? terminal.out() : io.err();
      ShellSession session = new ShellSession(engine, out, err, screen(terminal), ShellSession.Mode.SCRIPT);
      handleCtrlC(session, terminal, interactive);
      boolean ok = true;
      for (Script script : scripts) {
        ok = session.run(script);
        if (!ok) break;
      }
      if (interactive) {
        runInteractive(session, terminal, scripts.isEmpty());
        return EXIT_OK;
      }
      if (ok && scripts.isEmpty()) {
        ok = session.runPiped(new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8)), "<stdin>");
      }
      // After a failure the script is over: closing the engine stops what it started.
      if (ok) ok = session.awaitBackgroundQueries();
      if (session.wasInterrupted()) return EXIT_INTERRUPTED;
      return ok ? EXIT_OK : EXIT_FAILED;
    } catch (IOException e) {
      io.err().println("sluice: " + reason(e));
      return EXIT_FAILED;
    }
  }

  /** The text of each {@code -f} and {@code -e}, read before anything runs, so a wrong path runs nothing. */
  private static List<Script> readScripts(List<Source> sources) throws Arguments.UsageException {
    List<Script> scripts = new ArrayList<>();
    for (Source source : sources) {
      if (source.kind() == Source.Kind.STATEMENTS) {
        scripts.add(Script.of("-e", source.value()));
        continue;
      }
      try {
        scripts.add(Script.of(source.value(), Files.readString(Path.of(source.value()), StandardCharsets.UTF_8)));
      } catch (IOException | RuntimeException e) {
        throw new Arguments.UsageException("cannot read the script '" + source.value() + "': " + reason(e));
      }
    }
    return scripts;
  }

  /** The terminal; for a script, none when it cannot be opened, and results are printed plain. */
  private static ShellTerminal openTerminal(boolean interactive) throws IOException {
    try {
      return ShellTerminal.open();
    } catch (IOException | RuntimeException e) {
      if (interactive) throw e;
      return null;
    }
  }

  private Screen screen(ShellTerminal terminal) {
    if (terminal != null) return terminal;
    if (io.stdoutIsTerminal()) return Screen.terminal(Terminals.standardOutputWidth(), Terminals.standardOutputHeight());
    return Screen.plain();
  }

  private void runInteractive(ShellSession session, ShellTerminal terminal, boolean demo) {
    session.enterInteractiveMode();
    if (demo) {
      Demo.install(session.engine());
      terminal.out().println(Demo.banner(version()));
    }
    new InteractiveShell(session, terminal, InteractiveShell.defaultHistoryFile()).run();
  }

  /**
   * Ctrl-C stops the query in the foreground, or the background queries a script waits for. With
   * nothing to stop it ends a script, as it would any program, and does nothing at the prompt's
   * side (while the prompt reads a line, JLine clears the line instead).
   */
  private void handleCtrlC(ShellSession session, ShellTerminal terminal, boolean interactive) {
    if (!io.handleSignals()) return;
    Runnable onInterrupt = () -> {
      if (session.cancel().request() || interactive) return;
      io.err().println();
      io.err().flush();
      System.exit(EXIT_INTERRUPTED);
    };
    if (terminal != null) {
      terminal.onInterrupt(onInterrupt);
    } else {
      org.jline.utils.Signals.register("INT", onInterrupt);
    }
  }

  private static String reason(Exception e) {
    if (e instanceof java.nio.file.NoSuchFileException) return "no such file";
    if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The pom's version, which the build writes into {@code version.properties}. */
  static String version() {
    try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      if (in != null) properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
