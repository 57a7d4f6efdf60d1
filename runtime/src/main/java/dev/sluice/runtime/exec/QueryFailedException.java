package dev.sluice.runtime.exec;

/** A continuous query stopped on an error; the cause says which. */
public final class QueryFailedException extends RuntimeException {
  public QueryFailedException(String queryId, Throwable cause) {
    super("Query " + queryId + " failed: " + cause.getMessage(), cause);
  }
}
