package dev.sluice.planner.codegen;

import dev.sluice.runtime.function.CalcFunction;

/**
 * What every generated {@link CalcFunction} extends: its {@code apply} hands a failure (a CAST of
 * {@code 'abc'} to INT, a division by zero) to {@link #explain}, which names the expression and
 * column that failed and the row it failed on. The handler costs nothing until something is
 * thrown; the explaining, slow as it may be, happens once, on the way out of a failing query.
 */
public abstract class ExplainingCalcFunction implements CalcFunction {
  private ExpressionFailures failures;

  /** Set once, right after the generated class is instantiated. */
  final void explainFailuresWith(ExpressionFailures failures) {
    this.failures = failures;
  }

  /** {@code failure}, thrown by {@code apply(input)}, as an error that says where it happened. */
  protected final RuntimeException explain(Object[] input, RuntimeException failure) {
    return failures == null ? failure : failures.explain(input, failure);
  }
}
