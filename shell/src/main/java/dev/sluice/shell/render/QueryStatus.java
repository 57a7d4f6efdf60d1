package dev.sluice.shell.render;

import dev.sluice.engine.ResultBuffer;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.runtime.progress.ProgressListener;
import dev.sluice.runtime.progress.QueryProgress;
import dev.sluice.runtime.progress.SourceProgress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * What the shell knows about a query running in the foreground: its progress reports, the
 * batches and rows it delivered, and how long it has run; formatted as the status line under its
 * results and the summary left when it ends.
 *
 * <p>The input and output rates are measured here, over the last {@link #RATE_WINDOW_NANOS}, from
 * the rows each progress report counts: a report's own rate covers one batch, which jumps about
 * when batches are small and stays at its last value while the query idles.
 */
public final class QueryStatus implements ProgressListener {
  /** Five seconds: long enough to smooth a slow source, short enough to show it stopping. */
  static final long RATE_WINDOW_NANOS = 5_000_000_000L;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final StreamingQuery query;
  private final LongSupplier nanoClock;
  private final long startNanos;
  /** (time, input rows so far, output rows so far) at each progress report within the rate window, oldest first. */
  private final Deque<long[]> samples = new ArrayDeque<>();
  private final String sources;

  private QueryProgress lastProgress;
  private long inputRows;
  private long outputRows;
  private long batches;
  private long rows;

  /**
   * Watches {@code query}; register it with {@link StreamingQuery#addProgressListener}.
   *
   * @param sources where each of the query's sources starts reading, as a clause, for instance
   *     {@code "reads clicks (datagen) new data only"}; null when unknown
   */
  public QueryStatus(StreamingQuery query, String sources, LongSupplier nanoClock) {
    this.query = query;
    this.sources = sources;
    this.nanoClock = nanoClock;
    this.startNanos = nanoClock.getAsLong();
    samples.add(new long[] {startNanos, 0, 0});
  }

  /** Watches {@code query} on the system clock, registered for its progress reports. */
  public static QueryStatus watch(StreamingQuery query, String sources) {
    QueryStatus status = new QueryStatus(query, sources, System::nanoTime);
    query.addProgressListener(status);
    return status;
  }

  @Override
  public synchronized void onProgress(QueryProgress progress) {
    lastProgress = progress;
    inputRows += progress.inputRows();
    outputRows += progress.outputRows();
    long now = nanoClock.getAsLong();
    samples.addLast(new long[] {now, inputRows, outputRows});
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

  /** The query watched. */
  public StreamingQuery query() {
    return query;
  }

  /**
   * What the view shows before the query's first row: where its sources start reading and that it
   * waits, so that silence is not taken for a hang. For instance {@code "Query q1 (update mode)
   * reads clicks (datagen) new data only, generated from now on. Waiting for data..."}.
   */
  public String waiting() {
    String reads = sources == null || sources.isEmpty() ? "" : " " + sources + ".";
    return "Query " + query.id() + " (" + query.outputMode().sqlName() + " mode)" + reads + " Waiting for data...";
  }

  /**
   * The line under a running query's results: query id, batch id, input and output rows a second,
   * watermark, state rows, late rows dropped, malformed rows its sources skipped, elapsed time, and
   * any problem a source reports.
   */
  public String line() {
    return line(false);
  }

  /**
   * The status line for a screen {@code columns} wide: with how to stop the query when there is
   * room, and shorter (the watermark's time of day, rates without their unit) when the whole line
   * would not fit.
   */
  public String line(int columns) {
    String line = line(false);
    if (Text.width(line) >= columns) line = line(true);
    String withHint = line + " | Ctrl-C stops";
    return Text.width(withHint) < columns ? withHint : line;
  }

  private synchronized String line(boolean compact) {
    QueryProgress progress = progress();
    long now = nanoClock.getAsLong();
    String rate = compact ? "/s" : " rows/s";
    StringBuilder line = new StringBuilder(query.id()).append(" | ");
    if (progress == null || progress.batchId() < 0) {
      line.append("waiting for data");
    } else {
      String watermark = progress.watermark() == null ? "none" : progress.watermark();
      // yyyy-MM-dd HH:mm:ss.SSS: the date rarely matters while watching a query.
      if (compact && watermark.length() > 11 && watermark.charAt(10) == ' ') watermark = watermark.substring(11);
      line.append("batch ").append(progress.batchId())
          .append(" | in ").append(String.format(Locale.ROOT, "%.1f", rate(now, 1))).append(rate)
          .append(" | out ").append(String.format(Locale.ROOT, "%.1f", rate(now, 2))).append(rate)
          .append(" | watermark ").append(watermark)
          .append(" | state ").append(progress.stateRows()).append(compact ? "" : progress.stateRows() == 1 ? " row" : " rows")
          .append(compact ? " | late " : " | late rows dropped ").append(progress.droppedLateRows());
      // The short form has room for the malformed rows only when there are some.
      if (!compact || progress.malformedRows() > 0) {
        line.append(compact ? " | malformed " : " | malformed rows skipped ").append(progress.malformedRows());
      }
      // Only an INSERT with 'sink.not-null-enforcer' = 'drop' can drop rows for a NULL: shown once it has.
      if (progress.droppedNullRows() > 0) {
        line.append(compact ? " | null-dropped " : " | rows with NULL in a NOT NULL column dropped ").append(progress.droppedNullRows());
      }
    }
    line.append(" | ").append(elapsed(now - startNanos));
    if (progress != null && progress.sources() != null) {
      for (SourceProgress source : progress.sources()) {
        if (source.status() != null) line.append(" | ").append(source.table()).append(": ").append(source.status());
      }
    }
    return line.toString();
  }

  /**
   * The line left when the query ended, for instance {@code "Query q1 stopped: 12 batches, 340 rows
   * in 1m 23s"}: the batches it ran, the rows it showed, and the malformed rows its sources skipped
   * when there were any, so input that did not become rows does not vanish unseen.
   */
  public synchronized String summary(String how) {
    return summary(how, rows + (rows == 1 ? " row" : " rows"));
  }

  /**
   * The line left when a query that writes to a table ended, for instance {@code "Query q2
   * finished: 3 batches, 1200 rows written in 4.2s"}: the rows are those it handed to its sink.
   */
  public synchronized String insertSummary(String how) {
    long written = query.outputRows();
    return summary(how, written + (written == 1 ? " row" : " rows") + " written");
  }

  private String summary(String how, String rowsText) {
    QueryProgress progress = progress();
    long ran = Math.max(batches, progress == null ? 0 : progress.batchId() + 1);
    long malformed = progress == null ? 0 : progress.malformedRows();
    long droppedNull = progress == null ? 0 : progress.droppedNullRows();
    return "Query " + query.id() + " " + how + ": " + ran + (ran == 1 ? " batch, " : " batches, ") + rowsText
        + " in " + elapsed(nanoClock.getAsLong() - startNanos)
        + (malformed == 0 ? "" : " (" + malformed + (malformed == 1 ? " malformed row" : " malformed rows") + " skipped)")
        + (droppedNull == 0 ? "" : " (" + droppedNull + (droppedNull == 1 ? " row" : " rows") + " with NULL in a NOT NULL column dropped)");
  }

  /** The newest report: the listener's, or the query's own when the listener was added after it. */
  private QueryProgress progress() {
    QueryProgress latest = query.lastProgress();
    if (lastProgress == null || (latest != null && latest.batchId() > lastProgress.batchId())) return latest;
    return lastProgress;
  }

  /** Rows a second over the rate window: {@code column} 1 for input, 2 for output. */
  private double rate(long now, int column) {
    trimSamples(now);
    long[] oldest = samples.peekFirst();
    // At least a second: the first batch may come milliseconds after the start.
    double seconds = Math.max(1.0, (now - oldest[0]) / (double) NANOS_PER_SECOND);
    long rows = column == 1 ? inputRows : outputRows;
    return (rows - oldest[column]) / seconds;
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
