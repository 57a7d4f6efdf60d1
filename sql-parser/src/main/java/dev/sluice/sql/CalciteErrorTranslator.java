package dev.sluice.sql;

import dev.sluice.sql.ast.SourcePosition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.impl.ParseException;
import org.apache.calcite.sql.parser.impl.SqlParserImplConstants;
import org.apache.calcite.sql.parser.impl.Token;
import org.apache.calcite.sql.parser.impl.TokenMgrError;

/**
 * Turns an error from Calcite's parser, raised inside a query body or expression, into a {@link
 * SqlSyntaxException} with script positions and a short list of what was expected.
 *
 * <p>Calcite reports a failed multi-token lookahead at its first token: for {@code t.value} it says
 * it met {@code ". value"} at the dot. Matching the tokens met against the sequences it expected
 * finds the token that actually broke the match, here {@code value}.
 */
final class CalciteErrorTranslator {

  /** Calcite expects over a hundred alternatives at some points; a few say enough. */
  private static final int MAX_ALTERNATIVES = 8;

  private static final Set<String> IDENTIFIER_TOKENS =
      Set.of(
          "<IDENTIFIER>",
          "<HYPHENATED_IDENTIFIER>",
          "<QUOTED_IDENTIFIER>",
          "<BACK_QUOTED_IDENTIFIER>",
          "<BIG_QUERY_BACK_QUOTED_IDENTIFIER>",
          "<BRACKET_QUOTED_IDENTIFIER>",
          "<UNICODE_QUOTED_IDENTIFIER>");
  private static final Set<String> NUMBER_TOKENS =
      Set.of("<UNSIGNED_INTEGER_LITERAL>", "<DECIMAL_NUMERIC_LITERAL>", "<APPROX_NUMERIC_LITERAL>");
  private static final Pattern POSITION_IN_MESSAGE =
      Pattern.compile("\\s*(at|near) line \\d+, column \\d+\\.?");
  private static final Pattern KEYWORD_IN_MESSAGE =
      Pattern.compile("^Incorrect syntax near the keyword '(.*?)' at line");
  private static final Pattern LEXICAL_ERROR_CHARACTER =
      Pattern.compile("Encountered: \"(.*?)\" \\(");
  private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** The token that broke the parse: its text as written, where it is, what came before it. */
  private record Culprit(
      String image, int line, int column, boolean endOfInput, boolean afterDot) {}

  private CalciteErrorTranslator() {}

  /**
   * Translates Calcite's exception for text that starts at {@code start} in the script.
   *
   * @param followedBy how to name what follows the text in a message ("';'", "')'", ...)
   * @param followedAt where what follows the text is
   */
  static SqlSyntaxException translate(
      SqlParseException error,
      SourceScript source,
      SourcePosition start,
      String followedBy,
      SourcePosition followedAt) {
    if (error.getCause() instanceof StackOverflowError) {
      // Nesting within the limit that still overflowed a small thread stack.
      return NestingLimit.tooDeep(start, source.line(start.line()));
    }
    if (error.getCause() instanceof TokenMgrError) {
      Matcher character = LEXICAL_ERROR_CHARACTER.matcher(error.getMessage());
      String found = character.find() ? SyntaxErrors.quote(character.group(1)) : "character";
      return SyntaxErrors.at(
          source, positionIn(error.getPos(), start, followedAt), "Unexpected " + found, null);
    }
    if (error.getExpectedTokenSequences() == null
        || !(error.getCause() instanceof ParseException parseError)) {
      // Errors raised while building the tree, such as "Non-query expression encountered in
      // illegal context": Calcite's words are the best there are.
      String message = error.getMessage() == null ? "Syntax error" : error.getMessage();
      String firstLine = message.lines().findFirst().orElse("Syntax error");
      String problem = POSITION_IN_MESSAGE.matcher(firstLine).replaceAll("").strip();
      return SyntaxErrors.at(source, positionIn(error.getPos(), start, followedAt), problem, null);
    }
    int[][] sequences = error.getExpectedTokenSequences();
    List<Token> met = tokensMet(parseError.currentToken, sequences);
    int matched = longestMatchedPrefix(met, sequences);
    Culprit culprit = culprit(error, met, matched);
    List<String> expected = expected(sequences, error.getTokenImages(), met, matched);
    String detail = SyntaxErrors.expected(expected, MAX_ALTERNATIVES);
    if (culprit.endOfInput()) {
      return SyntaxErrors.at(source, followedAt, "Unexpected " + followedBy, detail);
    }
    if (culprit.afterDot()
        && expected.contains("an identifier")
        && WORD.matcher(culprit.image()).matches()) {
      detail +=
          " ('"
              + culprit.image()
              + "' is a reserved word; write `"
              + culprit.image()
              + "` to use it as a name)";
    }
    return SyntaxErrors.at(
        source,
        start.translate(culprit.line(), culprit.column()),
        "Unexpected " + SyntaxErrors.quote(culprit.image()),
        detail);
  }

  private static Culprit culprit(SqlParseException error, List<Token> met, int matched) {
    if (!met.isEmpty()) {
      Token token = met.get(Math.min(matched, met.size() - 1));
      boolean afterDot = matched > 0 && met.get(matched - 1).kind == SqlParserImplConstants.DOT;
      return new Culprit(
          token.image,
          token.beginLine,
          token.beginColumn,
          token.kind == SqlParserImplConstants.EOF,
          afterDot);
    }
    // Calcite rewrote the message for a keyword and dropped the tokens; the position is the
    // keyword's.
    Matcher keyword = KEYWORD_IN_MESSAGE.matcher(error.getMessage());
    String image = keyword.find() ? keyword.group(1) : "token";
    SqlParserPos position = error.getPos();
    return new Culprit(image, position.getLineNum(), position.getColumnNum(), false, false);
  }

  /** The tokens from the first one Calcite could not take, as many as the longest sequence. */
  private static List<Token> tokensMet(Token lastTaken, int[][] sequences) {
    List<Token> met = new ArrayList<>();
    if (lastTaken == null) {
      return met;
    }
    int longest = 1;
    for (int[] sequence : sequences) {
      longest = Math.max(longest, sequence.length);
    }
    for (Token token = lastTaken.next; token != null && met.size() < longest; token = token.next) {
      met.add(token);
      if (token.kind == SqlParserImplConstants.EOF) {
        break;
      }
    }
    return met;
  }

  private static int longestMatchedPrefix(List<Token> met, int[][] sequences) {
    int longest = 0;
    for (int[] sequence : sequences) {
      longest = Math.max(longest, matchedPrefix(met, sequence));
    }
    return longest;
  }

  private static int matchedPrefix(List<Token> met, int[] sequence) {
    int matched = 0;
    while (matched < sequence.length
        && matched < met.size()
        && met.get(matched).kind == sequence[matched]) {
      matched++;
    }
    return matched;
  }

  /** What the expected sequences that agree with the tokens met so far would have taken next. */
  private static List<String> expected(
      int[][] sequences, String[] images, List<Token> met, int matched) {
    List<String> expected = new ArrayList<>();
    for (int[] sequence : sequences) {
      if (sequence.length > matched && matchedPrefix(met, sequence) >= matched) {
        String described = describeExpected(images[sequence[matched]]);
        if (described != null && !expected.contains(described)) {
          expected.add(described);
        }
      }
    }
    // Kinds of token first ("an identifier"), then keywords and symbols in Calcite's order.
    expected.sort(Comparator.comparing(described -> !isCategory(described)));
    return expected;
  }

  /** A Calcite token image such as {@code "FROM"} or {@code <IDENTIFIER>} in message words. */
  private static String describeExpected(String image) {
    if (IDENTIFIER_TOKENS.contains(image)) {
      return "an identifier";
    }
    if (NUMBER_TOKENS.contains(image)) {
      return "a number";
    }
    if (image.endsWith("STRING_LITERAL>") || image.equals("<QUOTED_STRING>")) {
      return "a string literal";
    }
    if (image.startsWith("\"") && image.endsWith("\"") && image.length() > 2) {
      String bare = image.substring(1, image.length() - 1);
      return WORD.matcher(bare).matches() ? bare : "'" + bare + "'";
    }
    // End of input and Calcite's internal tokens say nothing a user can act on.
    return null;
  }

  private static boolean isCategory(String described) {
    return described.startsWith("a ") || described.startsWith("an ");
  }

  private static SourcePosition positionIn(
      SqlParserPos position, SourcePosition start, SourcePosition fallback) {
    if (position == null || position.getLineNum() < 1 || position.getColumnNum() < 1) {
      return fallback;
    }
    return start.translate(position.getLineNum(), position.getColumnNum());
  }
}
