package dev.sluice.sql;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.atn.NotSetTransition;
import org.antlr.v4.runtime.atn.RuleStopState;
import org.antlr.v4.runtime.atn.RuleTransition;
import org.antlr.v4.runtime.atn.Transition;
import org.antlr.v4.runtime.atn.WildcardTransition;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * The tokens the grammar could take next at some point of a parse, told apart from "any token".
 *
 * <p>ANTLR's own expected sets expand the any-token loops of query bodies and expressions ({@code
 * ~(LEFT_PAREN | RIGHT_PAREN | SEMICOLON)}) into nearly every token type, which drowns the few
 * tokens that would end the body, such as the {@code ,} or {@code )} closing a column list. This
 * walks the grammar from that point the way ANTLR's analysis does but leaves those loops out,
 * noting only that a body could have gone on.
 *
 * @param tokens the token types that could come next, EOF meaning the end of the statement
 * @param bodyCouldContinue whether a query body or expression could also have taken more tokens
 */
record ExpectedTokens(IntervalSet tokens, boolean bodyCouldContinue) {

  static ExpectedTokens none() {
    return new ExpectedTokens(new IntervalSet(), false);
  }

  ExpectedTokens union(ExpectedTokens other) {
    IntervalSet union = new IntervalSet(tokens);
    union.addAll(other.tokens);
    return new ExpectedTokens(union, bodyCouldContinue || other.bodyCouldContinue);
  }

  /** What could come next at {@code state}, inside the rule invocations of {@code context}. */
  static ExpectedTokens at(ATN atn, int state, RuleContext context) {
    return walk(atn, atn.states.get(state), returnStates(atn, context));
  }

  /** What one state takes directly, without leaving it through epsilon transitions. */
  static ExpectedTokens takenBy(ATNState state) {
    IntervalSet tokens = new IntervalSet();
    boolean anyToken = false;
    for (int i = 0; i < state.getNumberOfTransitions(); i++) {
      Transition transition = state.transition(i);
      if (transition instanceof NotSetTransition || transition instanceof WildcardTransition) {
        anyToken = true;
      } else if (!transition.isEpsilon() && transition.label() != null) {
        tokens.addAll(transition.label());
      }
    }
    return new ExpectedTokens(tokens, anyToken);
  }

  /** A stack of the states to continue at when the current rule, and then its callers, end. */
  private record ReturnStack(ATNState returnTo, ReturnStack caller) {}

  private record Visit(ATNState state, ReturnStack stack) {}

  private static ReturnStack returnStates(ATN atn, RuleContext context) {
    Deque<ATNState> returns = new ArrayDeque<>();
    for (RuleContext rule = context; rule != null && rule.invokingState >= 0; rule = rule.parent) {
      returns.addLast(
          ((RuleTransition) atn.states.get(rule.invokingState).transition(0)).followState);
    }
    ReturnStack stack = null;
    while (!returns.isEmpty()) {
      stack = new ReturnStack(returns.removeLast(), stack);
    }
    return stack;
  }

  private static ExpectedTokens walk(ATN atn, ATNState start, ReturnStack startStack) {
    IntervalSet tokens = new IntervalSet();
    boolean anyToken = false;
    Set<Visit> seen = new HashSet<>();
    Deque<Visit> pending = new ArrayDeque<>();
    pending.push(new Visit(start, startStack));
    while (!pending.isEmpty()) {
      Visit visit = pending.pop();
      if (!seen.add(visit)) {
        continue;
      }
      ATNState state = visit.state();
      if (state instanceof RuleStopState) {
        if (visit.stack() == null) {
          tokens.add(Token.EOF);
        } else {
          pending.push(new Visit(visit.stack().returnTo(), visit.stack().caller()));
        }
        continue;
      }
      ExpectedTokens direct = takenBy(state);
      tokens.addAll(direct.tokens());
      anyToken |= direct.bodyCouldContinue();
      for (int i = 0; i < state.getNumberOfTransitions(); i++) {
        Transition transition = state.transition(i);
        if (transition instanceof RuleTransition call) {
          pending.push(new Visit(call.target, new ReturnStack(call.followState, visit.stack())));
        } else if (transition.isEpsilon()) {
          pending.push(new Visit(transition.target, visit.stack()));
        }
      }
    }
    return new ExpectedTokens(tokens, anyToken);
  }
}
