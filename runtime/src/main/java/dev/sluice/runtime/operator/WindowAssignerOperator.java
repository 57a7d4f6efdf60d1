package dev.sluice.runtime.operator;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.Values;

/**
 * Tumbling and sliding windows: appends {@code window_start}, {@code window_end} and {@code
 * window_time} (the end minus 1 ms) to a copy of each row per window containing its event time. Windows are half-open, {@code [start, end)}, and
 * aligned to the epoch plus {@code offset}; a tumbling window is a sliding one whose slide is its
 * size.
 *
 * <p>With {@code dropLateWindows} (it feeds a windowed aggregation outside complete mode) a row is
 * left out of each window whose end is at or before the watermark and counted once as late if it
 * missed any. A row with a NULL event time belongs to no window and is counted in {@code
 * nullTimeRows}. A row can fall in thousands of windows, so the loop gives up the batch when the
 * query is asked to stop ({@link OperatorContext#requestStop()}).
 */
public final class WindowAssignerOperator implements Operator {
  private final int timeColumn;
  private final long size;
  private final long slide;
  private final long offset;
  private final boolean dropLateWindows;
  private OperatorContext context;
  /** Windows assigned since the last look at {@link OperatorContext#stopRequested()}. */
  private int windowsSinceStopCheck;

  public WindowAssignerOperator(int timeColumn, long size, long slide, long offset, boolean dropLateWindows) {
    if (size <= 0 || slide <= 0) throw new IllegalArgumentException("window size and slide must be positive");
    this.timeColumn = timeColumn;
    this.size = size;
    this.slide = slide;
    this.offset = offset;
    this.dropLateWindows = dropLateWindows;
  }

  @Override
  public void open(OperatorContext context) {
    this.context = context;
  }

  @Override
  public void process(int input, RowBatch batch, RowBatch out) {
    boolean checkLate = dropLateWindows && context.hasLateWatermark();
    long watermark = context.lateWatermark();
    for (int i = 0, n = batch.size(); i < n; i++) {
      Object[] row = batch.row(i);
      Object time = row[timeColumn];
      if (time == null) {
        context.metrics().nullTimeRows++;
        continue;
      }
      long ts = ((Number) time).longValue();
      long lastStart = ts - Math.floorMod(ts - offset, slide);
      boolean missedOne = false;
      for (long start = lastStart; start > ts - size; start -= slide) {
        if (++windowsSinceStopCheck == OperatorContext.STOP_CHECK_INTERVAL) {
          windowsSinceStopCheck = 0;
          if (context.stopRequested()) throw new QueryStoppedException(context.operatorName());
        }
        long end = start + size;
        if (checkLate && end <= watermark) {
          missedOne = true;
          continue;
        }
        Object[] windowed = new Object[row.length + 3];
        System.arraycopy(row, 0, windowed, 0, row.length);
        windowed[row.length] = start;
        windowed[row.length + 1] = end;
        windowed[row.length + 2] = end - 1; // window_time: the last instant inside the window
        out.add(batch.kindCode(i), windowed);
      }
      if (missedOne) dropLate(context, row, ts, watermark);
    }
  }

  /**
   * Counts {@code row}, at event time {@code ts}, once as late for missing a window, and hands it to
   * the late-row handler; shared with {@link WindowAggregateOperator}, which assigns windows too.
   */
  static void dropLate(OperatorContext context, Object[] row, long ts, long watermark) {
    context.metrics().droppedLateRows++;
    context.lateRows().onLateRow(context.operatorName(), row, watermark,
        "event time " + Values.formatTimestamp(ts) + " falls in a window that ended at or before the watermark");
  }
}
