package dev.sluice.shell.interactive;

import dev.sluice.shell.session.Script;
import dev.sluice.shell.session.ShellSession;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;

/**
 * The prompt: reads statements over as many lines as they take until a {@code ;}, with history
 * kept in {@code ~/.sluice_history}, Tab completion and keywords highlighted, and hands them to the
 * session. Ctrl-C at the prompt clears the line, Ctrl-C while a query runs stops the query (the
 * session's {@link ShellSession#cancel()}), Ctrl-D or {@code quit} leaves. What background queries
 * print on standard output (a console sink) appears above the prompt ({@link PrintAbovePrompt}).
 */
public final class InteractiveShell {
  private static final String PROMPT = "sluice> ";
  /** As wide as the prompt, so continued lines align with the first. */
  private static final String CONTINUATION_PROMPT = "     -> ";

  static final String HELP = """
      Statements end with ';' and may span lines. Tab completes keywords, tables, columns,
      functions, connector options and setting keys; Up and Down walk the history.

        CREATE TABLE t (...) WITH ('connector' = '...', ...)   declare a source or sink
        CREATE VIEW v AS SELECT ...                             name a query
        CREATE FUNCTION f AS 'com.example.F'                    declare a Java function (its eval methods)
        SELECT ...             run a continuous query here; Ctrl-C stops it
        INSERT INTO t SELECT ...   run a continuous query in the background
        SHOW TABLES | VIEWS | [USER] FUNCTIONS | QUERIES,  DESCRIBE t,  EXPLAIN SELECT ...
        STOP QUERY q1          stop a background query
        SET 'key' = 'value'    settings: output.mode, trigger, checkpoint.location,
                               result.mode (table, changelog, tableau), late-rows.table,
                               state.ttl, verbose
        SET,  RESET 'key'      show the settings, unset one
        clear                  clear the screen
        quit                   leave (or Ctrl-D)

      The log goes to %s.
      """;

  private final ShellSession session;
  private final ShellTerminal terminal;
  private final Path historyFile;

  public InteractiveShell(ShellSession session, ShellTerminal terminal, Path historyFile) {
    this.session = session;
    this.terminal = terminal;
    this.historyFile = historyFile;
  }

  /** The default history file, {@code ~/.sluice_history}. */
  public static Path defaultHistoryFile() {
    return Path.of(System.getProperty("user.home"), ".sluice_history");
  }

  /** Reads and runs statements until the user leaves. */
  public void run() {
    LineReader reader = LineReaderBuilder.builder()
        .terminal(terminal.jline())
        .appName("sluice")
        .parser(new StatementLineParser())
        .completer(new SqlCompleter(session.engine()))
        .highlighter(new SqlHighlighter())
        .variable(LineReader.HISTORY_FILE, historyFile)
        .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION_PROMPT)
        // SQL has '!=' and no use for history expansion.
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .option(LineReader.Option.CASE_INSENSITIVE, true)
        .build();
    PrintStream out = terminal.out();
    try (PrintAbovePrompt.Installed aboveThePrompt = PrintAbovePrompt.install(reader)) {
      readStatements(reader, out);
    }
    saveHistory(reader);
    out.println("Bye.");
  }

  private void readStatements(LineReader reader, PrintStream out) {
    while (true) {
      session.reportEndedBackgroundQueries();
      String input;
      try {
        input = reader.readLine(PROMPT);
      } catch (UserInterruptException e) {
        continue;
      } catch (EndOfFileException e) {
        break;
      }
      if (input == null || input.isBlank()) continue;
      ShellCommand command = ShellCommand.of(input);
      if (command == ShellCommand.QUIT) break;
      if (command == ShellCommand.HELP) {
        out.print(HELP.formatted(System.getProperty("org.slf4j.simpleLogger.logFile", "the file of simplelogger.properties")));
      } else if (command == ShellCommand.CLEAR) {
        terminal.jline().puts(org.jline.utils.InfoCmp.Capability.clear_screen);
        terminal.jline().flush();
      } else {
        session.run(new Script("<input>", input, 1));
      }
      out.flush();
    }
  }

  private static void saveHistory(LineReader reader) {
    try {
      reader.getHistory().save();
    } catch (IOException e) {
      // The history is a convenience; losing it must not spoil leaving.
    }
  }
}
