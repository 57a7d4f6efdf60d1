package dev.sluice.sql;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Stops the parse at the first syntax error, as ANTLR's {@code BailErrorStrategy} does, but keeps
 * enough to say everything that could have come at the offending token.
 *
 * <p>When {@code a INT FOO} fails, ANTLR notices only at the {@code )} it wanted after the column
 * list, and its expected set is that {@code )} alone, though {@code NOT NULL}, {@code COMMENT} or
 * {@code ,} would all have done. So the first state at which a token was not a sure match (an
 * optional part about to be skipped, a loop about to end) is remembered; the tokens expected from
 * there, if the parse then fails at that same token, are all the ones that were acceptable.
 */
final class FirstErrorStrategy extends DefaultErrorStrategy {

  private int firstDoubtState = ATNState.INVALID_STATE_NUMBER;
  private ParserRuleContext firstDoubtContext;
  private int firstDoubtTokenIndex = -1;

  @Override
  public void sync(Parser recognizer) {
    ATN atn = recognizer.getATN();
    IntervalSet next = atn.nextTokens(atn.states.get(recognizer.getState()));
    int tokenIndex = recognizer.getInputStream().index();
    if (!next.contains(recognizer.getInputStream().LA(1)) && firstDoubtTokenIndex != tokenIndex) {
      firstDoubtState = recognizer.getState();
      firstDoubtContext = recognizer.getContext();
      firstDoubtTokenIndex = tokenIndex;
    }
    // No recovery: a token that fits nothing fails the prediction or match that follows.
  }

  @Override
  public void recover(Parser recognizer, RecognitionException error) {
    throw new ParseCancellationException(error);
  }

  @Override
  public Token recoverInline(Parser recognizer) {
    throw new ParseCancellationException(new InputMismatchException(recognizer));
  }

  /**
   * The tokens that were acceptable at {@code offending} from the first state that doubted it;
   * empty when no state doubted it.
   */
  ExpectedTokens alsoExpected(Parser recognizer, Token offending) {
    if (firstDoubtContext == null || firstDoubtTokenIndex != offending.getTokenIndex()) {
      return ExpectedTokens.none();
    }
    return ExpectedTokens.at(recognizer.getATN(), firstDoubtState, firstDoubtContext);
  }
}
