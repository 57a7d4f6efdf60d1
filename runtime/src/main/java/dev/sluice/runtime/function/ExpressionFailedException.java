package dev.sluice.runtime.function;

/**
 * A compiled expression failed on a row: the message names the expression, the column it computes
 * and the row; the cause is what the expression threw. The executor adds where the row came from.
 */
public final class ExpressionFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ExpressionFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
