package dev.sluice.runtime.function;

/**
 * A compiled filter and projection over one row: the planner generates its bytecode from the
 * query's expressions.
 */
@FunctionalInterface
public interface CalcFunction {
  /**
   * Returns the projected row, or {@code null} when the row does not pass the filter. The input
   * is not modified; the result is a new array the caller owns.
   */
  Object[] apply(Object[] input);
}
