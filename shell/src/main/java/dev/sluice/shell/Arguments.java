package dev.sluice.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code sluice}, read but not yet acted on.
 *
 * @param command what to do
 * @param sources scripts ({@code -f}) and statements ({@code -e}), in the order given
 * @param stayInteractive {@code -i}: open the prompt after the sources ran
 * @param paths the scenario files and directories of {@code scenarios}, or the arguments of
 *     {@code bench}
 */
public record Arguments(Command command, List<Source> sources, boolean stayInteractive, List<String> paths) {

  /** What {@code sluice} was asked to do. */
  public enum Command {
    /** The shell: a prompt, scripts, statements, or a pipe. */
    SHELL,
    HELP,
    /** {@code --version}: the version, from the pom. */
    VERSION,
    SCENARIOS,
    BENCH
  }

  /** Statements to run: a script file or the text of an {@code -e}. */
  public record Source(Kind kind, String value) {
    /** Where the statements are. */
    public enum Kind {
      FILE,
      STATEMENTS
    }
  }

  /** The text {@code --help} prints. */
  public static final String USAGE = """
      Usage: sluice [options]               the interactive shell, on a demo table
             sluice -f script.sql [-i]      run a script, then exit (or stay, with -i)
             sluice -e "statements;"        run statements, then exit
             command | sluice               run the statements read from a pipe
             sluice scenarios PATH...       run conformance scenario files or directories
             sluice bench ...               run benchmarks
             sluice --help                  show this text
             sluice --version               show the version

      Options:
        -f, --file FILE        run the statements in FILE (can be given several times)
        -e, --execute TEXT     run the statements in TEXT (can be given several times)
        -i, --interactive      open the prompt after the scripts and statements ran
        -h, --help             show this text
        -V, --version          show the version

      In a script a SELECT prints its results until its query ends (SET 'trigger' =
      'available-now' or 'once') or Ctrl-C; an INSERT under such a trigger is waited for;
      queries still running at the end are waited for until they end or Ctrl-C.

      Exit codes: 0 all statements succeeded, 1 a statement failed, 2 usage error,
      130 Ctrl-C stopped the script.
      Environment: SLUICE_JAVA_OPTS, options for the JVM (for example -Xmx4g).
      """;

  /** Reads {@code args}; a {@link UsageException} says what is wrong with them. */
  public static Arguments parse(String[] args) throws UsageException {
    if (args.length > 0 && args[0].equals("scenarios")) {
      List<String> paths = List.of(args).subList(1, args.length);
      if (paths.isEmpty()) throw new UsageException("'scenarios' needs at least one scenario file or directory");
      return new Arguments(Command.SCENARIOS, List.of(), false, paths);
    }
    if (args.length > 0 && args[0].equals("bench")) {
      return new Arguments(Command.BENCH, List.of(), false, List.of(args).subList(1, args.length));
    }
    List<Source> sources = new ArrayList<>();
    boolean stayInteractive = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "-h", "--help", "help" -> {
          return new Arguments(Command.HELP, List.of(), false, List.of());
        }
        case "-V", "--version" -> {
          return new Arguments(Command.VERSION, List.of(), false, List.of());
        }
        case "-i", "--interactive" -> stayInteractive = true;
        case "-f", "--file", "-e", "--execute" -> {
          Source.Kind kind = arg.equals("-f") || arg.equals("--file") ? Source.Kind.FILE : Source.Kind.STATEMENTS;
          if (i + 1 >= args.length) {
            throw new UsageException("'" + arg + "' needs " + (kind == Source.Kind.FILE ? "a script file" : "statements"));
          }
          sources.add(new Source(kind, args[++i]));
        }
        default -> throw new UsageException(arg.startsWith("-")
            ? "unknown option '" + arg + "'"
            : "unexpected argument '" + arg + "' (a script is run with -f " + arg + ")");
      }
    }
    return new Arguments(Command.SHELL, List.copyOf(sources), stayInteractive, List.of());
  }

  /** The command line asks for something {@code sluice} does not do. */
  public static final class UsageException extends Exception {
    public UsageException(String message) {
      super(message);
    }
  }
}
