package dev.sluice.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The delivered batches of a query started by a bare {@code SELECT}, waiting to be read. Bounded:
 * when the reader falls behind, the query's thread waits in its sink, so the query pauses instead
 * of losing rows or filling the heap.
 */
public final class ResultBuffer implements ResultListener {
  /** One delivered batch. In complete mode, the whole result table. */
  public record Batch(long batchId, List<ResultRow> rows) {}

  private final int capacityRows;
  private final Deque<Batch> batches = new ArrayDeque<>();
  private int bufferedRows;
  private boolean closed;

  public ResultBuffer(int capacityRows) {
    this.capacityRows = capacityRows;
  }

  @Override
  public synchronized void onBatch(long batchId, List<ResultRow> rows) {
    while (!closed && bufferedRows > 0 && bufferedRows + rows.size() > capacityRows) {
      try {
        wait(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (closed) return;
    batches.addLast(new Batch(batchId, rows));
    bufferedRows += rows.size();
    notifyAll();
  }

  /** The next batch, waiting up to {@code timeout}; null when none came in time or the buffer is closed and empty. */
  public synchronized Batch poll(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (batches.isEmpty() && !closed) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) return null;
      wait(left);
    }
    Batch batch = batches.pollFirst();
    if (batch != null) {
      bufferedRows -= batch.rows().size();
      notifyAll();
    }
    return batch;
  }

  /** Ends the buffer: waiting readers and writers return. */
  public synchronized void close() {
    closed = true;
    notifyAll();
  }

  public synchronized boolean isClosed() {
    return closed;
  }
}
