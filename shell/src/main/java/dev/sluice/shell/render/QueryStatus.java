package dev.sluice.shell.render;

import dev.sluice.engine.ResultBuffer;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.runtime.progress.ProgressListener;
import dev.sluice.runtime.progress.QueryProgress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * What the shell knows about a query running in the foreground: its progress reports, the
 * batches and rows it delivered, and how long it has run; formatted as the status line under its
 * results and the summary left when it ends.
 *
 * <p>The input rate is measured here, over the last {@link #RATE_WINDOW_NANOS}, from the rows each
 * progress report counts: the engine's {@code inputRowsPerSecond} divides a batch's rows by the
 * batch's own duration, which says how fast a batch ran, not how fast rows arrive.
 */
public final class QueryStatus implements ProgressListener {
  /** Five seconds: long enough to smooth a slow source, short enough to show it stopping. */
  static final long RATE_WINDOW_NANOS = 5_000_000_000L;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final StreamingQuery query;
  private final LongSupplier nanoClock;
  private final long startNanos;
  /** (time, input rows so far) at each progress report within the rate window, oldest first. */
  private final Deque<long[]> samples = new ArrayDeque<>();

  private QueryProgress lastProgress;
  private long inputRows;
  private long batches;
  private long rows;

  /** Watches {@code query}; register it with {@link StreamingQuery#addProgressListener}. */
  public QueryStatus(StreamingQuery query, LongSupplier nanoClock) {
    this.query = query;
    this.nanoClock = nanoClock;
    this.startNanos = nanoClock.getAsLong();
    samples.add(new long[] {startNanos, 0});
  }

  /** Watches {@code query} on the system clock, registered for its progress reports. */
  public static QueryStatus watch(StreamingQuery query) {
    QueryStatus status = new QueryStatus(query, System::nanoTime);
    query.addProgressListener(status);
    return status;
  }

  @Override
  public synchronized void onProgress(QueryProgress progress) {
    lastProgress = progress;
    inputRows += progress.inputRows();
    long now = nanoClock.getAsLong();
    samples.addLast(new long[] {now, inputRows});
    trimSamples(now);
  }

  /** A batch reached the screen. */
  public synchronized void delivered(ResultBuffer.Batch batch) {
    batches++;
    rows += batch.rows().size();
  }

  /** The time on this status's clock, in nanoseconds, for views that pace their drawing. */
  public long nanoTime() {
    return nanoClock.getAsLong();
  }

  public String queryId() {
    return query.id();
  }

  /** The line under a running query's results. */
  public synchronized String line() {
    QueryProgress progress = progress();
    long now = nanoClock.getAsLong();
    StringBuilder line = new StringBuilder(query.id()).append(" | ");
    if (progress == null) {
      line.append("waiting for data");
    } else {
      line.append("batch ").append(progress.batchId())
          .append(" | input ").append(String.format(Locale.ROOT, "%.1f", rate(now))).append(" rows/s")
          .append(" | watermark ").append(progress.watermark() == null ? "none" : progress.watermark())
          .append(" | state ").append(progress.stateRows()).append(progress.stateRows() == 1 ? " row" : " rows")
          .append(" | late rows dropped ").append(progress.droppedLateRows());
    }
    line.append(" | ").append(elapsed(now - startNanos));
    return line.toString();
  }

  /** The status line, with how to stop the query when the screen has room for it. */
  public String line(int columns) {
    String line = line();
    String withHint = line + " | Ctrl-C stops";
    return Text.width(withHint) < columns ? withHint : line;
  }

  /** The line left when the query ended, for instance {@code "Query q1 stopped: 12 batches, 340 rows in 1m 23s"}. */
  public synchronized String summary(String how) {
    return "Query " + query.id() + " " + how + ": " + batches + (batches == 1 ? " batch, " : " batches, ") + rows
        + (rows == 1 ? " row" : " rows") + " in " + elapsed(nanoClock.getAsLong() - startNanos);
  }

  /** The newest report: the listener's, or the query's own when the listener was added after it. */
  private QueryProgress progress() {
    QueryProgress latest = query.lastProgress();
    if (lastProgress == null || (latest != null && latest.batchId() > lastProgress.batchId())) return latest;
    return lastProgress;
  }

  private double rate(long now) {
    trimSamples(now);
    long[] oldest = samples.peekFirst();
    double seconds = (now - oldest[0]) / (double) NANOS_PER_SECOND;
    return seconds <= 0 ? 0 : (inputRows - oldest[1]) / seconds;
  }

  /** Keeps one sample at or before the window's start, so the rate spans the whole window. */
  private void trimSamples(long now) {
    while (samples.size() > 1) {
      long[] first = samples.removeFirst();
      if (samples.peekFirst()[0] > now - RATE_WINDOW_NANOS) {
        samples.addFirst(first);
        return;
      }
    }
  }

  /** {@code 0.4s}, {@code 12s}, {@code 1m 23s}, {@code 2h 05m}. */
  static String elapsed(long nanos) {
    long millis = Math.max(0, nanos / 1_000_000);
    if (millis < 10_000) return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    long seconds = millis / 1000;
    if (seconds < 60) return seconds + "s";
    if (seconds < 3600) return (seconds / 60) + "m " + String.format(Locale.ROOT, "%02ds", seconds % 60);
    return (seconds / 3600) + "h " + String.format(Locale.ROOT, "%02dm", (seconds / 60) % 60);
  }
}
