package dev.sluice.engine;

import dev.sluice.runtime.spi.Secrets;

/**
 * A statement Sluice refused or could not run: the message says what went wrong and how to fix
 * it; {@link #line()} and {@link #column()} say where in the script (0 when not tied to a
 * place), and {@link #formatted()} shows the line with a caret under the spot.
 */
public final class SluiceException extends RuntimeException {
  /** How much of a long source line an error shows around its column. */
  private static final int EXCERPT_WIDTH = 100;
  private static final String ELLIPSIS = "...";

  private final int line;
  private final int column;
  private final String sourceLine;

  /** The message and the source line are kept with the values of secret options masked ({@link Secrets}). */
  public SluiceException(String message, int line, int column, String sourceLine, Throwable cause) {
    super(Secrets.maskSql(message), cause);
    this.line = line;
    this.column = column;
    this.sourceLine = Secrets.maskSql(sourceLine);
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  /** The message, prefixed with its position, then the source line and a caret. */
  public String formatted() {
    if (line <= 0) return getMessage();
    // Parser messages already say where; say it once, up front.
    String message = getMessage().replace(" at line " + line + ", column " + column, "");
    StringBuilder sb = new StringBuilder("Error at line ").append(line).append(", column ").append(column).append(": ").append(message);
    if (sourceLine != null) {
      String text = sourceLine.replace('\t', ' ');
      int caret = Math.max(0, column - 1);
      // A generated statement on one line can be megabytes: show a terminal's width around the spot.
      int start = text.length() <= EXCERPT_WIDTH ? 0 : Math.max(0, Math.min(caret - EXCERPT_WIDTH / 2, text.length() - EXCERPT_WIDTH));
      int end = Math.min(text.length(), start + EXCERPT_WIDTH);
      String before = start > 0 ? ELLIPSIS : "";
      sb.append("\n  ").append(before).append(text, start, end).append(end < text.length() ? ELLIPSIS : "")
          .append("\n  ").append(" ".repeat(before.length() + caret - start)).append('^');
    }
    return sb.toString();
  }
}
