package dev.sluice.runtime.operator;

/**
 * What a running operator may ask of the executor. One instance per operator; the executor
 * updates it between batches.
 */
public final class OperatorContext {
  /** The value of {@link #watermark()} before any watermarked source has seen a row. */
  public static final long NO_WATERMARK = Long.MIN_VALUE;

  /** The watermark of a source whose input has ended: every event time is at or before it. */
  public static final long END_OF_INPUT = Long.MAX_VALUE;

  /**
   * How many units of work (windows assigned) an operator in a long loop does between two looks at
   * {@link #stopRequested()}: a volatile read per window cost nothing measurable, but a look per
   * 4,096 keeps even that off the hot path while a stop waits well under a millisecond.
   */
  public static final int STOP_CHECK_INTERVAL = 4096;

  private final String operatorName;
  private volatile boolean stopRequested;
  private long watermark = NO_WATERMARK;
  private long lateWatermark = NO_WATERMARK;
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

  /**
   * The watermark a row arriving now is judged late against. While a batch's input flows it is
   * {@link #watermark()}; while operators act on the batch's watermark (in {@code finishBatch})
   * it is the watermark before that advance, so a row an upstream operator emits because the
   * watermark closed its window is not late downstream at that same watermark (Spark keeps
   * separate late-event and eviction watermarks for the same reason; in Flink records simply
   * travel ahead of the watermark).
   */
  public long lateWatermark() {
    return lateWatermark;
  }

  public boolean hasLateWatermark() {
    return lateWatermark != NO_WATERMARK;
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

  /**
   * Asks the running batch to give up: called from another thread by {@code STOP QUERY}. An
   * operator whose one call can run long (a row in thousands of sliding windows) looks at {@link
   * #stopRequested()} every {@link #STOP_CHECK_INTERVAL} units of work and throws {@link
   * QueryStoppedException}.
   */
  public void requestStop() {
    stopRequested = true;
  }

  public boolean stopRequested() {
    return stopRequested;
  }

  public void startBatch(long batchId, long watermark) {
    this.batchId = batchId;
    this.watermark = watermark;
    this.lateWatermark = watermark;
  }

  /** The batch's input has all arrived; operators now act on the watermark, which moved from {@code previous}. */
  public void startWatermarkPhase(long previous) {
    this.lateWatermark = Math.min(previous, watermark);
  }
}
