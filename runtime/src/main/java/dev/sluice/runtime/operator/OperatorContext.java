package dev.sluice.runtime.operator;

/**
 * What a running operator may ask of the executor. One instance per operator; the executor
 * updates it between batches.
 */
public final class OperatorContext {
  /** The value of {@link #watermark()} before any watermarked source has seen a row. */
  public static final long NO_WATERMARK = Long.MIN_VALUE;

  private final String operatorName;
  private long watermark = NO_WATERMARK;
  private long batchId;
  private final OperatorMetrics metrics = new OperatorMetrics();
  private LateRowHandler lateRows = LateRowHandler.DISCARD;

  public OperatorContext(String operatorName) {
    this.operatorName = operatorName;
  }

  public String operatorName() {
    return operatorName;
  }

  /** The query watermark in force for this batch, or {@link #NO_WATERMARK}. */
  public long watermark() {
    return watermark;
  }

  public boolean hasWatermark() {
    return watermark != NO_WATERMARK;
  }

  public long batchId() {
    return batchId;
  }

  public OperatorMetrics metrics() {
    return metrics;
  }

  /** Where an operator hands each row it drops as late, with its reason. */
  public LateRowHandler lateRows() {
    return lateRows;
  }

  public void setLateRowHandler(LateRowHandler handler) {
    this.lateRows = handler;
  }

  public void startBatch(long batchId, long watermark) {
    this.batchId = batchId;
    this.watermark = watermark;
  }
}
