package dev.sluice.runtime.operator;

/** Receives rows an operator dropped as late, for the {@code 'late-rows.table'} setting. */
@FunctionalInterface
public interface LateRowHandler {
  LateRowHandler DISCARD = (operator, row, watermark, reason) -> {};

  /**
   * @param operator the operator that dropped the row, as EXPLAIN names it
   * @param row the input row as the operator received it
   * @param watermark the query watermark in force
   * @param reason why the row is late, e.g. which window it missed
   */
  void onLateRow(String operator, Object[] row, long watermark, String reason);
}
