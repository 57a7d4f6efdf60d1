package dev.sluice.runtime.operator;

/**
 * Counters an operator bumps on its hot path: plain fields, read by the progress report between
 * batches on the same thread.
 */
public final class OperatorMetrics {
  /** Input rows dropped as late from at least one window or state, cumulative. */
  public long droppedLateRows;

  /** Input rows whose event-time column was NULL, skipped by window operators, cumulative. */
  public long nullTimeRows;

  /** Rows an INSERT left out for a NULL in a NOT NULL column of its table ('sink.not-null-enforcer' = 'drop'), cumulative. */
  public long droppedNullRows;
}
