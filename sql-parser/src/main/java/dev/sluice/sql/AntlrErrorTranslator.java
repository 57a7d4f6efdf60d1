package dev.sluice.sql;

import dev.sluice.sql.grammar.SluiceStatementLexer;
import dev.sluice.sql.grammar.SluiceStatementParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNConfig;
import org.antlr.v4.runtime.atn.RuleStopState;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns the first error ANTLR meets in a statement into a {@link SqlSyntaxException} naming the
 * offending token and the tokens that would have been accepted there.
 */
final class AntlrErrorTranslator {

  /** The statement layer's alternatives are few; this only bounds a pathological list. */
  private static final int MAX_ALTERNATIVES = 16;

  /** Tokens described by what they are rather than spelled out, listed before the keywords. */
  private static final Map<Integer, String> CATEGORIES =
      Map.of(
          SluiceStatementLexer.IDENTIFIER, "an identifier",
          SluiceStatementLexer.BACKQUOTED_IDENTIFIER, "an identifier",
          SluiceStatementLexer.DOUBLE_QUOTED_IDENTIFIER, "an identifier",
          SluiceStatementLexer.STRING, "a string literal",
          SluiceStatementLexer.INTEGER_VALUE, "an integer",
          SluiceStatementLexer.DECIMAL_VALUE, "a number");

  private AntlrErrorTranslator() {}

  static SqlSyntaxException translate(
      RecognitionException error, Parser parser, FirstErrorStrategy strategy, SourceScript source) {
    Token offending = error.getOffendingToken();
    ExpectedTokens expected =
        expectedTokens(error, parser).union(strategy.alsoExpected(parser, offending));
    IntervalSet tokens = expected.tokens();
    String detail;
    if (expected.bodyCouldContinue()) {
      // A body takes any token, a '(' among them, so only the tokens that end it are worth naming.
      tokens.remove(SluiceStatementLexer.LEFT_PAREN);
      if (offending.getType() == SluiceStatementLexer.RIGHT_PAREN
          && !tokens.contains(SluiceStatementLexer.RIGHT_PAREN)) {
        tokens.clear();
      }
    }
    if (tokens.isNil() && offending.getType() == SluiceStatementLexer.RIGHT_PAREN) {
      detail = "there is no '(' for it to close";
    } else {
      detail = SyntaxErrors.expected(describe(tokens, parser), MAX_ALTERNATIVES);
    }
    int index = offending.getTokenIndex();
    Token previous = index > 0 ? parser.getTokenStream().get(index - 1) : null;
    return SyntaxErrors.at(
        source,
        SyntaxErrors.positionOfFound(offending, previous),
        "Unexpected " + SyntaxErrors.describeFound(offending),
        detail);
  }

  /**
   * The tokens acceptable where the error happened. For a failed multi-token prediction the error's
   * state is where the decision began, before tokens the prediction looked at; the configurations
   * alive just before the offending token say what could have come instead.
   */
  private static ExpectedTokens expectedTokens(RecognitionException error, Parser parser) {
    ATN atn = parser.getATN();
    if (!(error instanceof NoViableAltException noViableAlt)
        || noViableAlt.getDeadEndConfigs() == null) {
      return ExpectedTokens.at(atn, error.getOffendingState(), error.getCtx());
    }
    ExpectedTokens expected = ExpectedTokens.none();
    for (ATNConfig config : noViableAlt.getDeadEndConfigs()) {
      if (config.state instanceof RuleStopState) {
        // The decision's rule may end here: what follows depends on the rules around it.
        expected = expected.union(ExpectedTokens.at(atn, config.state.stateNumber, error.getCtx()));
      } else {
        expected = expected.union(ExpectedTokens.takenBy(config.state));
      }
    }
    return expected;
  }

  private static List<String> describe(IntervalSet expected, Parser parser) {
    IntervalSet nonReserved =
        parser
            .getATN()
            .nextTokens(parser.getATN().ruleToStartState[SluiceStatementParser.RULE_nonReserved]);
    boolean identifierExpected = expected.contains(SluiceStatementLexer.IDENTIFIER);
    Vocabulary vocabulary = parser.getVocabulary();
    List<String> categories = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    for (int type : expected.toArray()) {
      if (CATEGORIES.containsKey(type)) {
        addOnce(categories, CATEGORIES.get(type));
      } else if (identifierExpected && nonReserved.contains(type)) {
        // A non-reserved keyword is one more identifier; listing each would drown the rest.
        continue;
      } else if (type == Token.EOF) {
        addOnce(tokens, "';'");
      } else if (vocabulary.getLiteralName(type) != null) {
        String literal = vocabulary.getLiteralName(type);
        String bare = literal.substring(1, literal.length() - 1);
        addOnce(tokens, bare.chars().allMatch(Character::isLetter) ? bare : literal);
      }
    }
    categories.addAll(tokens);
    return categories;
  }

  private static void addOnce(List<String> list, String item) {
    if (!list.contains(item)) {
      list.add(item);
    }
  }
}
