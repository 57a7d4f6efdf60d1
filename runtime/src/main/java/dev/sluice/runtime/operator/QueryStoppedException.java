package dev.sluice.runtime.operator;

/**
 * Thrown by an operator that noticed {@link OperatorContext#stopRequested()} in the middle of a
 * long piece of work, to give up the batch: the query was asked to stop, so nothing of the batch
 * is delivered or committed, and a restart redoes it from its write-ahead entry. Not a failure.
 */
public final class QueryStoppedException extends RuntimeException {
  public QueryStoppedException(String operatorName) {
    super("query stopped while " + operatorName + " was processing a batch; the batch is redone on restart", null, false, false);
  }
}
