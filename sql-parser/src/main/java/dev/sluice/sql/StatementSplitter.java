package dev.sluice.sql;

import dev.sluice.sql.grammar.SluiceStatementLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * Cuts a script's tokens into statements at each {@code ;} outside parentheses. Because it works on
 * tokens, a {@code ;} inside a string literal, a quoted identifier or a comment never cuts, and
 * because it never parses, a broken statement does not hide the ones after it.
 */
final class StatementSplitter {

  /**
   * The tokens of one statement.
   *
   * @param tokens the statement's tokens, never empty
   * @param end the token that ends it: its {@code ;}, or EOF for the last statement
   */
  record StatementTokens(List<Token> tokens, Token end) {

    Token first() {
      return tokens.get(0);
    }

    Token last() {
      return tokens.get(tokens.size() - 1);
    }
  }

  private StatementSplitter() {}

  /** The statements of a script in order; empty statements ({@code ;;}) are left out. */
  static List<StatementTokens> split(SourceScript script) {
    List<StatementTokens> statements = new ArrayList<>();
    List<Token> current = new ArrayList<>();
    int depth = 0;
    for (Token token : script.tokens()) {
      switch (token.getType()) {
        case SluiceStatementLexer.LEFT_PAREN -> depth++;
        case SluiceStatementLexer.RIGHT_PAREN -> depth = Math.max(0, depth - 1);
        default -> {}
      }
      boolean ends =
          token.getType() == Token.EOF
              || (token.getType() == SluiceStatementLexer.SEMICOLON && depth == 0);
      if (!ends) {
        current.add(token);
      } else if (!current.isEmpty()) {
        statements.add(new StatementTokens(List.copyOf(current), token));
        current.clear();
      }
    }
    return statements;
  }
}
