package dev.sluice.shell.session;

import dev.sluice.engine.SluiceException;
import dev.sluice.runtime.exec.QueryFailedException;
import dev.sluice.runtime.function.ExpressionFailedException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.function.BooleanSupplier;

/**
 * Tells the user what went wrong, once and clearly: the engine's message with the line and a
 * caret under the place in the script, or for anything unexpected its message and kind. Stack
 * traces only with {@code SET 'verbose' = 'true'}.
 */
final class ErrorReport {
  private final PrintStream err;
  private final BooleanSupplier verbose;

  ErrorReport(PrintStream err, BooleanSupplier verbose) {
    this.err = err;
    this.verbose = verbose;
  }

  /** A statement was refused or failed to start. */
  void statementFailed(ScriptStatement statement, Throwable failure) {
    if (failure instanceof SluiceException e) {
      // The engine saw the statement at its place in the script; show the script's own line.
      String sourceLine = e.line() > 0 ? statement.script().sourceLine(e.line()) : null;
      SluiceException placed = new SluiceException(e.getMessage(), e.line(), e.column(), sourceLine, e.getCause());
      print(prefixed(placed.formatted(), statement.script()), e);
    } else {
      print("Error: " + describe(failure), failure);
    }
  }

  /** A running query stopped on an error. */
  void queryFailed(String queryId, Throwable failure) {
    Throwable cause = failure instanceof QueryFailedException && failure.getCause() != null ? failure.getCause() : failure;
    print("Error: query " + queryId + " failed: " + describe(cause), failure, !(cause instanceof ExpressionFailedException));
  }

  /** Anything else the shell could not do. */
  void failed(String what, Throwable failure) {
    print("Error: " + what + ": " + describe(failure), failure);
  }

  private static String prefixed(String formatted, Script script) {
    boolean fromFile = !script.name().startsWith("<") && !script.name().startsWith("-");
    String where = fromFile ? script.name() + ": " : "";
    return formatted.startsWith("Error") ? where + formatted : where + "Error: " + formatted;
  }

  /** The message, with the kind of error unless the message was written for people. */
  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    if (message == null || message.isBlank()) return failure.getClass().getSimpleName();
    if (failure instanceof SluiceException || isPlainMessage(failure)) return message;
    return message + " (" + failure.getClass().getSimpleName() + ")";
  }

  /** Errors whose message is written for people; others get their kind added. */
  private static boolean isPlainMessage(Throwable failure) {
    return failure instanceof IllegalArgumentException || failure instanceof IllegalStateException
        || failure instanceof UncheckedIOException || failure instanceof QueryFailedException
        || failure instanceof ExpressionFailedException;
  }

  private void print(String message, Throwable failure) {
    print(message, failure, !(failure instanceof SluiceException));
  }

  /**
   * {@code hint}: whether to say how to see the stack trace; not for errors in the user's SQL or
   * data (a refused statement, an expression failing on a row), whose message says all there is.
   */
  private void print(String message, Throwable failure, boolean hint) {
    err.println(message);
    if (verbose.getAsBoolean()) {
      failure.printStackTrace(err);
    } else if (hint) {
      err.println("(SET 'verbose' = 'true' shows the stack trace of errors like this one)");
    }
    err.flush();
  }
}
