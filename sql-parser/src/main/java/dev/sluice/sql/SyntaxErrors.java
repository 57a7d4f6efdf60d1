package dev.sluice.sql;

import dev.sluice.sql.ast.SourcePosition;
import java.util.List;
import org.antlr.v4.runtime.Token;

/** Builds {@link SqlSyntaxException}s with one message shape: problem, position, expectation. */
final class SyntaxErrors {

  /** Longer token texts are cut in messages, so that a stray string literal stays readable. */
  private static final int MAX_QUOTED_LENGTH = 40;

  private SyntaxErrors() {}

  /**
   * An exception reading "{@code <problem> at line L, column C[: <detail>]}".
   *
   * @param detail what was expected or how to fix it; {@code null} for nothing
   */
  static SqlSyntaxException at(
      SourceScript source, SourcePosition position, String problem, String detail) {
    String message = problem + " at " + position + (detail == null ? "" : ": " + detail);
    return new SqlSyntaxException(
        message, position.line(), position.column(), source.line(position.line()));
  }

  /**
   * "expected X" or "expected one of A, B, ..." listing at most {@code limit} alternatives, or
   * {@code null} when there are none.
   */
  static String expected(List<String> alternatives, int limit) {
    if (alternatives.isEmpty()) {
      return null;
    }
    if (alternatives.size() == 1) {
      return "expected " + alternatives.get(0);
    }
    List<String> shown = alternatives.subList(0, Math.min(limit, alternatives.size()));
    return "expected one of "
        + String.join(", ", shown)
        + (alternatives.size() > shown.size() ? ", ..." : "");
  }

  /** How a token that was found where it does not fit is named in a message. */
  static String describeFound(Token token) {
    if (isEndOfInput(token)) {
      return "end of input";
    }
    return token.getType() == Token.EOF ? "';'" : quote(token.getText());
  }

  /**
   * Where to point at a token that was found: end of input is shown right after the token before
   * it, rather than on whatever blank lines or comments end the text.
   */
  static SourcePosition positionOfFound(Token found, Token previous) {
    if (isEndOfInput(found) && previous != null) {
      return SourceScript.positionAfter(previous);
    }
    return SourceScript.positionOf(found);
  }

  /** A statement ended by ';' is parsed with that ';' standing in for EOF; this is the real one. */
  private static boolean isEndOfInput(Token token) {
    return token.getType() == Token.EOF && !";".equals(token.getText());
  }

  /** Source text in quotes for a message, cut short when long. */
  static String quote(String text) {
    String shown =
        text.length() <= MAX_QUOTED_LENGTH ? text : text.substring(0, MAX_QUOTED_LENGTH) + "...";
    return "'" + shown + "'";
  }
}
