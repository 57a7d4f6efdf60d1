package dev.sluice.sql;

/**
 * A script, statement or expression that cannot be parsed: what was found, what was expected, and
 * where. Positions are 1-based and count from the start of the whole text that was given to the
 * parser, including inside query bodies that Calcite parsed.
 */
public final class SqlSyntaxException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;
  private final String sourceLine;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, where, and what was expected, in one line
   * @param line the 1-based line of the problem
   * @param column the 1-based column of the problem
   * @param sourceLine the text of that line, without its line break, to show under the message
   */
  public SqlSyntaxException(String message, int line, int column, String sourceLine) {
    super(message);
    this.line = line;
    this.column = column;
    this.sourceLine = sourceLine == null ? "" : sourceLine;
  }

  /** The 1-based line of the problem. */
  public int line() {
    return line;
  }

  /** The 1-based column of the problem; a tab counts as one column. */
  public int column() {
    return column;
  }

  /** The source line the problem is on. */
  public String sourceLine() {
    return sourceLine;
  }

  /**
   * The message, then the offending source line and a caret under the column, each indented by two
   * spaces; for example:
   *
   * <pre>
   * Unexpected 'GROUP' at line 2, column 8: expected one of ...
   *   SELECT GROUP t
   *          ^
   * </pre>
   */
  public String formatted() {
    StringBuilder caretLine = new StringBuilder("  ");
    for (int i = 0; i < column - 1; i++) {
      // Copy tabs so that the caret lines up however the terminal renders them.
      caretLine.append(i < sourceLine.length() && sourceLine.charAt(i) == '\t' ? '\t' : ' ');
    }
    caretLine.append('^');
    return getMessage() + "\n  " + sourceLine + "\n" + caretLine;
  }
}
