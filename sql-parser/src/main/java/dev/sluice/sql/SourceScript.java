package dev.sluice.sql;

import dev.sluice.sql.ast.SourcePosition;
import dev.sluice.sql.grammar.SluiceStatementLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;

/**
 * The text of a script together with its tokens: the one place that turns tokens back into source
 * text, positions and source lines for error messages.
 */
final class SourceScript {

  private final CharStream chars;
  private final List<String> lines;
  private final List<Token> tokens;

  private SourceScript(CharStream chars, List<String> lines, List<Token> tokens) {
    this.chars = chars;
    this.lines = lines;
    this.tokens = tokens;
  }

  /** Tokenizes a script. Never fails: characters the grammar does not know become tokens too. */
  static SourceScript of(String text) {
    CharStream chars = CharStreams.fromString(text);
    SluiceStatementLexer lexer = new SluiceStatementLexer(chars);
    lexer.removeErrorListeners();
    List<Token> tokens = new ArrayList<>();
    Token token;
    do {
      token = lexer.nextToken();
      if (token.getChannel() == Token.DEFAULT_CHANNEL) {
        tokens.add(token);
      }
    } while (token.getType() != Token.EOF);
    // Lines end at '\n' only, as ANTLR counts them; a '\r' before it is not part of the line.
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
    return new SourceScript(chars, List.copyOf(lines), List.copyOf(tokens));
  }

  /** The tokens on the default channel (no whitespace, no comments), ending with EOF. */
  List<Token> tokens() {
    return tokens;
  }

  /** The source text from the start of {@code first} to the end of {@code last}. */
  String text(Token first, Token last) {
    return chars.getText(Interval.of(first.getStartIndex(), last.getStopIndex()));
  }

  /** The text of a 1-based line, without its line break; empty past the end. */
  String line(int line) {
    return line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
  }

  /** Where a token starts. */
  static SourcePosition positionOf(Token token) {
    return new SourcePosition(token.getLine(), token.getCharPositionInLine() + 1);
  }

  /** The position just after the last character of a token. */
  static SourcePosition positionAfter(Token token) {
    String text = token.getText();
    int lastBreak = text.lastIndexOf('\n');
    if (lastBreak < 0) {
      return new SourcePosition(token.getLine(), token.getCharPositionInLine() + text.length() + 1);
    }
    int breaks = (int) text.chars().filter(c -> c == '\n').count();
    return new SourcePosition(token.getLine() + breaks, text.length() - lastBreak);
  }
}
