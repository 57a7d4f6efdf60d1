package dev.sluice.shell.session;

/**
 * Whether typed or piped text ends with a complete statement: its last character outside quotes
 * and comments is a {@code ;} outside parentheses, as the engine's splitter cuts statements. Used
 * to know when to run what was typed, and when a piped chunk can be run.
 */
public final class StatementCompleteness {
  private StatementCompleteness() {}

  /** True when {@code text} ends with a {@code ;} that ends a statement, or holds nothing but blanks and comments. */
  public static boolean isComplete(String text) {
    char quote = 0; // the quote character of the literal or identifier we are in, or 0
    int depth = 0;
    boolean endsWithSeparator = false;
    boolean anythingSignificant = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
      if (quote != 0) {
        // A doubled quote character stands for itself inside the quotes.
        if (c == quote && next == quote) {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      if (c == '-' && next == '-') {
        int end = text.indexOf('\n', i);
        if (end < 0) break;
        i = end;
        continue;
      }
      if (c == '/' && next == '*') {
        int end = text.indexOf("*/", i + 2);
        if (end < 0) return false;
        i = end + 1;
        continue;
      }
      if (Character.isWhitespace(c)) continue;
      anythingSignificant = true;
      endsWithSeparator = c == ';' && depth <= 0;
      switch (c) {
        case '\'', '"', '`' -> quote = c;
        case '(' -> depth++;
        case ')' -> depth--;
        default -> {}
      }
    }
    if (quote != 0) return false;
    return !anythingSignificant || endsWithSeparator;
  }
}
