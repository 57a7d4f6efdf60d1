package dev.sluice.sql;

import dev.sluice.sql.grammar.SluiceStatementParser.IdentifierContext;
import dev.sluice.sql.grammar.SluiceStatementParser.QualifiedNameContext;
import java.util.stream.Collectors;
import org.antlr.v4.runtime.Token;

/** Turns quoted identifiers and string literals as written into the values they stand for. */
final class Literals {

  private Literals() {}

  /** An identifier without its quotes: {@code `a``b`} is {@code a`b}, {@code "x"} is {@code x}. */
  static String identifier(IdentifierContext identifier) {
    String text = identifier.getText();
    if (identifier.BACKQUOTED_IDENTIFIER() != null) {
      return unquote(text, '`');
    }
    if (identifier.DOUBLE_QUOTED_IDENTIFIER() != null) {
      return unquote(text, '"');
    }
    return text;
  }

  /**
   * A dotted name with each part unquoted, joined by dots: {@code db.`my t`} is {@code db.my t}.
   */
  static String qualifiedName(QualifiedNameContext name) {
    return name.identifier().stream().map(Literals::identifier).collect(Collectors.joining("."));
  }

  /** The value of a string literal token: {@code 'it''s'} is {@code it's}. */
  static String string(Token literal) {
    return unquote(literal.getText(), '\'');
  }

  private static String unquote(String quoted, char quote) {
    String doubled = String.valueOf(quote) + quote;
    return quoted.substring(1, quoted.length() - 1).replace(doubled, String.valueOf(quote));
  }
}
