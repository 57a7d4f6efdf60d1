package dev.sluice.shell.session;

import dev.sluice.connectors.console.TablePrinter;
import dev.sluice.engine.Settings;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StatementResult;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.runtime.exec.Trigger;
import dev.sluice.shell.render.FittedTable;
import dev.sluice.shell.render.QueryStatus;
import dev.sluice.shell.render.ResultView;
import dev.sluice.shell.render.ResultViews;
import dev.sluice.shell.render.Screen;
import dev.sluice.shell.render.WaitingStatusLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The shell's core: runs scripts against an engine, one statement at a time, and shows what each
 * produced. A SELECT's query runs in the foreground, its results shown as they arrive, until it
 * ends or Ctrl-C ({@link #cancel()}) stops it; an INSERT's query runs in the background.
 *
 * <p>In {@link Mode#SCRIPT} an INSERT under a {@code once} or {@code available-now} trigger is
 * waited for before the next statement, so a script reads like a batch job, and {@link
 * #awaitBackgroundQueries()} waits for the continuous ones at the end; on a terminal the query
 * waited for shows its status line, and each leaves a summary when it ends. A script stops at its
 * first failing statement, and at Ctrl-C ({@link #wasInterrupted()}), as a shell script does.
 * Nothing a statement does, not even an unexpected exception, ends the session.
 */
public final class ShellSession {
  /** Whether a person is at the prompt or a script is running. */
  public enum Mode {
    INTERACTIVE,
    SCRIPT
  }

  private static final long AWAIT_POLL_MILLIS = 100;

  private final SluiceEngine engine;
  private final PrintStream out;
  private final Screen screen;
  private Mode mode;
  private final CancelRequest cancel = new CancelRequest();
  private final ErrorReport errors;
  /** Queries started by INSERT here and not yet seen to end, watched from their start. */
  private final List<QueryStatus> background = new ArrayList<>();

  /**
   * @param out where results and messages go
   * @param err where errors go; the same stream as {@code out} at a terminal
   * @param screen what {@code out} is: a terminal that can redraw, or plain output
   */
  public ShellSession(SluiceEngine engine, PrintStream out, PrintStream err, Screen screen, Mode mode) {
    this.engine = engine;
    this.out = out;
    this.screen = screen;
    this.mode = mode;
    this.errors = new ErrorReport(err, () -> engine.settings().verbose());
  }

  /** From now on a person is at the prompt: INSERT queries are not waited for. */
  public void enterInteractiveMode() {
    mode = Mode.INTERACTIVE;
  }

  public SluiceEngine engine() {
    return engine;
  }

  /** What the Ctrl-C handler calls. */
  public CancelRequest cancel() {
    return cancel;
  }

  /** Whether Ctrl-C stopped something this session waited for; a script ends there, with 130. */
  public boolean wasInterrupted() {
    return cancel.everGranted();
  }

  /** Runs the script's statements in order; false, after reporting it, at the first that failed. */
  public boolean run(Script script) {
    List<ScriptStatement> statements;
    try {
      statements = script.statements();
    } catch (RuntimeException e) {
      errors.failed("cannot read the statements of " + script.name(), e);
      return false;
    }
    for (ScriptStatement statement : statements) {
      if (!execute(statement)) return false;
    }
    return true;
  }

  /**
   * Runs statements read from {@code in} as each is complete, so a pipe that stays open is served
   * as it goes; false at the first failure.
   */
  public boolean runPiped(BufferedReader in, String name) throws IOException {
    StringBuilder chunk = new StringBuilder();
    int chunkFirstLine = 1;
    int lineNumber = 0;
    String line;
    while ((line = in.readLine()) != null) {
      lineNumber++;
      if (chunk.length() == 0) chunkFirstLine = lineNumber;
      chunk.append(line).append('\n');
      if (StatementCompleteness.isComplete(chunk.toString())) {
        if (!run(new Script(name, chunk.toString(), chunkFirstLine))) return false;
        chunk.setLength(0);
      }
    }
    return chunk.toString().isBlank() || run(new Script(name, chunk.toString(), chunkFirstLine));
  }

  /** Runs one statement and shows its result; false when it failed. */
  boolean execute(ScriptStatement statement) {
    StatementResult result;
    try {
      result = engine.execute(statement.positionedText());
    } catch (Throwable failure) {
      errors.statementFailed(statement, failure);
      return false;
    }
    try {
      return show(result);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Throwable failure) {
      errors.failed("cannot show the result of the statement at line " + statement.line(), failure);
      return false;
    }
  }

  private boolean show(StatementResult result) throws InterruptedException {
    switch (result.kind()) {
      case OK, EXPLAIN -> out.println(result.message());
      case ROWS -> printRows(result);
      case INSERT -> {
        return insertStarted(result);
      }
      case QUERY -> {
        return runInForeground(result.query());
      }
    }
    out.flush();
    return true;
  }

  private void printRows(StatementResult result) {
    List<String[]> rows = new ArrayList<>(result.rows().size());
    for (List<String> row : result.rows()) rows.add(row.toArray(new String[0]));
    // On a terminal the table is cut to its width, so no line wraps; plain output keeps every cell whole.
    out.print(screen.isTerminal() ? FittedTable.format(result.columns(), rows, screen.width())
        : TablePrinter.whole().format(result.columns(), rows));
    out.println(rows.size() == 1 ? "1 row" : rows.size() + " rows");
  }

  private boolean insertStarted(StatementResult result) throws InterruptedException {
    StreamingQuery query = result.query();
    // Watched from now, so its summary says how long it ran.
    QueryStatus status = QueryStatus.watch(query, null);
    out.println(result.message());
    Trigger trigger = query.trigger();
    boolean ends = trigger instanceof Trigger.Once || trigger instanceof Trigger.AvailableNow;
    if (mode == Mode.SCRIPT && ends) {
      out.flush();
      return awaitEnd(List.of(status), true);
    }
    background.add(status);
    if (mode == Mode.INTERACTIVE) {
      out.println("It runs in the background: SHOW QUERIES lists it, STOP QUERY " + query.id() + " stops it.");
    }
    out.flush();
    return true;
  }

  private boolean runInForeground(StreamingQuery query) throws InterruptedException {
    QueryStatus status = QueryStatus.watch(query, sourceStarts(query));
    ResultView view = ResultViews.create(query, engine.settings().get(Settings.RESULT_MODE), screen, out, status);
    ForegroundQuery.Outcome outcome;
    cancel.arm();
    try (Screen.KeyCapture keys = screen.captureKeys()) {
      outcome = new ForegroundQuery(query, view, status, cancel).run();
    } catch (InterruptedException | RuntimeException | Error e) {
      query.results().close();
      query.stop();
      throw e;
    } finally {
      cancel.disarm();
    }
    if (outcome == ForegroundQuery.Outcome.FAILED) {
      errors.queryFailed(query.id(), query.exception());
      return false;
    }
    // Ctrl-C on a script's query ends the script; at the prompt it only ends the query.
    return outcome != ForegroundQuery.Outcome.CANCELLED || mode == Mode.INTERACTIVE;
  }

  /** Where the query's sources start reading; null when that cannot be told, which must not stop the query. */
  private String sourceStarts(StreamingQuery query) {
    try {
      return SourceStarts.describe(query, engine);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Waits for the continuous queries the script started with INSERT until they end, or Ctrl-C
   * stops them; false when one of them failed.
   */
  public boolean awaitBackgroundQueries() throws InterruptedException {
    List<QueryStatus> queries = new ArrayList<>(background);
    background.clear();
    List<String> running = new ArrayList<>();
    for (QueryStatus status : queries) if (status.query().isActive()) running.add(status.queryId());
    if (!running.isEmpty()) {
      out.println("Waiting for " + (running.size() == 1 ? "query " : "queries ") + String.join(", ", running)
          + " to end. Ctrl-C stops " + (running.size() == 1 ? "it." : "them."));
      out.flush();
    }
    return awaitEnd(queries, false);
  }

  /**
   * Waits until every query ended or Ctrl-C stopped them, showing the status line of the one
   * waited for on a terminal and a summary of each as it ends; false when one failed or Ctrl-C
   * stopped them.
   *
   * @param justStarted whether the statement being run started them, so each gets its status line
   *     and summary even when it already ended; otherwise only those still running do (one that
   *     STOP QUERY stopped earlier has none)
   */
  private boolean awaitEnd(List<QueryStatus> statuses, boolean justStarted) throws InterruptedException {
    boolean[] running = new boolean[statuses.size()];
    for (int i = 0; i < statuses.size(); i++) running[i] = justStarted || statuses.get(i).query().isActive();
    WaitingStatusLine statusLine = new WaitingStatusLine(screen, out);
    boolean ok = true;
    cancel.arm();
    try {
      for (int i = 0; i < statuses.size(); i++) {
        QueryStatus status = statuses.get(i);
        try {
          if (running[i]) statusLine.show(status);
          while (!status.query().awaitTermination(AWAIT_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            if (cancel.isRequested()) {
              for (QueryStatus each : statuses) each.query().stop();
              statusLine.clear();
              // The terminal echoed ^C where the cursor was.
              if (screen.isTerminal()) out.println();
              for (int j = i; j < statuses.size(); j++) if (running[j]) out.println(statuses.get(j).insertSummary("stopped"));
              return false;
            }
            statusLine.show(status);
          }
          statusLine.clear();
          if (running[i]) out.println(status.insertSummary("finished"));
        } catch (RuntimeException failure) {
          statusLine.clear();
          errors.queryFailed(status.queryId(), failure);
          ok = false;
        }
      }
    } finally {
      statusLine.clear();
      cancel.disarm();
      for (QueryStatus status : statuses) status.query().removeProgressListener(status);
      out.flush();
    }
    return ok;
  }

  /**
   * Reports background queries that failed since the last call, so the prompt tells about them;
   * forgets those that ended.
   */
  public void reportEndedBackgroundQueries() {
    for (Iterator<QueryStatus> it = background.iterator(); it.hasNext(); ) {
      QueryStatus status = it.next();
      StreamingQuery query = status.query();
      if (query.isActive()) continue;
      it.remove();
      query.removeProgressListener(status);
      if (query.exception() != null) errors.queryFailed(query.id(), query.exception());
    }
  }
}
