package dev.sluice.engine;

import dev.sluice.runtime.exec.QueryExecution;
import dev.sluice.runtime.exec.Trigger;
import dev.sluice.runtime.progress.ProgressListener;
import dev.sluice.runtime.progress.QueryProgress;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.type.Schema;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A running continuous query: watch its progress, wait for it, stop it. Thread-safe.
 */
public final class StreamingQuery {
  private final String id;
  private final String sql;
  private final OutputMode mode;
  private final Schema schema;
  private final int[] keyColumns;
  private final String plan;
  private final QueryExecution execution;
  private final ResultBuffer results;
  private final Runnable onStop;
  private final LongAdder outputRows = new LongAdder();

  StreamingQuery(String id, String sql, OutputMode mode, Schema schema, int[] keyColumns, String plan, QueryExecution execution,
      ResultBuffer results, Runnable onStop) {
    this.id = id;
    this.sql = sql;
    this.mode = mode;
    this.schema = schema;
    this.keyColumns = keyColumns;
    this.plan = plan;
    this.execution = execution;
    this.results = results;
    this.onStop = onStop;
    if (results != null) execution.onTermination(results::close);
    // Before the query starts, so no batch is missed, as a listener added later might.
    execution.addListener(progress -> outputRows.add(progress.outputRows()));
  }

  public String id() {
    return id;
  }

  public String sql() {
    return sql;
  }

  /** The output mode it runs in: the one asked for, or the one chosen for it. */
  public OutputMode outputMode() {
    return mode;
  }

  public Trigger trigger() {
    return execution.trigger();
  }

  /** The result's columns. */
  public Schema schema() {
    return schema;
  }

  /** Positions of the result key in update mode: empty for a single-row result, null when the whole row is the key. */
  public int[] keyColumns() {
    return keyColumns == null ? null : keyColumns.clone();
  }

  /** The EXPLAIN text of its plan. */
  public String explain() {
    return plan;
  }

  /**
   * The rows of a query started by a bare SELECT through {@link SluiceEngine#execute}, closed when
   * the query ends; null for other queries.
   */
  public ResultBuffer results() {
    return results;
  }

  /** Blocks until all input available now is processed and delivered (see SEMANTICS.md). */
  public void processAllAvailable() {
    execution.processAllAvailable();
  }

  public void stop() {
    execution.stop();
    if (results != null) results.close();
    onStop.run();
  }

  /** Waits for the query to end; true if it did within the timeout. Throws if it failed. */
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return execution.awaitTermination(timeout, unit);
  }

  public boolean isActive() {
    return execution.isActive();
  }

  /** Why it stopped, if it failed; null otherwise. */
  public Throwable exception() {
    return execution.exception();
  }

  /**
   * Rows it handed to its sink since it started (its progress reports' {@code outputRows}
   * summed), for a summary of what an INSERT wrote; a restart from a checkpoint counts afresh.
   */
  public long outputRows() {
    return outputRows.sum();
  }

  /** The report of its last batch, or null before the first. */
  public QueryProgress lastProgress() {
    return execution.lastProgress();
  }

  public void addProgressListener(ProgressListener listener) {
    execution.addListener(listener);
  }

  public void removeProgressListener(ProgressListener listener) {
    execution.removeListener(listener);
  }
}
