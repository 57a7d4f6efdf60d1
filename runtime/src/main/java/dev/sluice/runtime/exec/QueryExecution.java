package dev.sluice.runtime.exec;

import dev.sluice.runtime.operator.QueryStoppedException;
import dev.sluice.runtime.progress.ProgressListener;
import dev.sluice.runtime.progress.QueryProgress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running continuous query: the thread that fires its trigger and drives its {@link
 * MicroBatchExecutor}, and the handle other threads use to wait for it, watch it and stop it.
 */
public final class QueryExecution {
  private static final Logger LOG = LoggerFactory.getLogger(QueryExecution.class);
  /**
   * How long an idle default-trigger query sleeps before looking for new input again, at most: it
   * first looks again after 1 ms and doubles the wait while it finds nothing, so a busy stream's
   * next rows wait about a millisecond, not ten, and an idle one is polled 100 times a second.
   */
  private static final long IDLE_POLL_MILLIS = 10;
  /** How often an idle query still reports progress (Spark's default interval). */
  private static final long IDLE_PROGRESS_MILLIS = 10_000;

  private final String id;
  private final MicroBatchExecutor executor;
  private final Trigger trigger;
  private final List<ProgressListener> listeners = new CopyOnWriteArrayList<>();
  private final Object monitor = new Object();
  private final List<Runnable> terminationActions = new java.util.ArrayList<>();

  private Thread thread;
  private volatile boolean stopRequested;
  private volatile boolean terminated;
  private volatile Throwable failure;
  private volatile QueryProgress lastProgress;
  private long lastReportMillis = System.currentTimeMillis();
  /** Bumped by processAllAvailable; the loop echoes it in idleAck once it found nothing to do. */
  private long idleRequest;
  private long idleAck;

  public QueryExecution(String id, MicroBatchExecutor executor, Trigger trigger) {
    this.id = id;
    this.executor = executor;
    this.trigger = trigger;
  }

  public String id() {
    return id;
  }

  public Trigger trigger() {
    return trigger;
  }

  public void addListener(ProgressListener listener) {
    listeners.add(listener);
  }

  public void removeListener(ProgressListener listener) {
    listeners.remove(listener);
  }

  /** Runs {@code action} once the query has ended, however it ended (at once if it already has). */
  public void onTermination(Runnable action) {
    synchronized (monitor) {
      if (!terminated) {
        terminationActions.add(action);
        return;
      }
    }
    action.run();
  }

  private void terminated() {
    List<Runnable> actions;
    synchronized (monitor) {
      terminated = true;
      monitor.notifyAll();
      actions = List.copyOf(terminationActions);
      terminationActions.clear();
    }
    for (Runnable action : actions) action.run();
  }

  /** Opens the query (recovering from its checkpoint) and, unless the trigger is manual, starts its thread. */
  public void start() throws Exception {
    try {
      executor.start();
    } catch (Exception e) {
      executor.close();
      terminated();
      throw e;
    }
    if (trigger instanceof Trigger.Manual) return;
    thread = new Thread(this::run, "sluice-query-" + id);
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      if (trigger instanceof Trigger.Once) {
        runOneBatch();
      } else if (trigger instanceof Trigger.AvailableNow) {
        runUntilIdle(executor.availableNowOffsets());
      } else if (trigger instanceof Trigger.Interval interval) {
        loop(interval.interval().toMillis());
      } else {
        loop(0);
      }
    } catch (Throwable t) {
      if (stoppedMidBatch(t)) {
        LOG.info("Query {} stopped in the middle of a batch; a restart redoes that batch", id);
      } else {
        failure = t;
        LOG.error("Query {} failed", id, t);
      }
    } finally {
      executor.close();
      terminated();
    }
  }

  private void loop(long intervalMillis) throws Exception {
    long nextTick = System.currentTimeMillis();
    long idleWait = 1;
    while (!stopRequested) {
      long request;
      synchronized (monitor) {
        request = idleRequest;
      }
      boolean ran = batch(null);
      boolean worked = ran;
      // A batch that moved the watermark may owe a no-data batch at once; keep going until idle.
      while (ran && !stopRequested && intervalMillis == 0) ran = batch(null);
      if (!ran) {
        synchronized (monitor) {
          idleAck = Math.max(idleAck, request);
          monitor.notifyAll();
        }
        // A source's new problem (or its end) shows at once, not at the next 10-second report.
        if (System.currentTimeMillis() - lastReportMillis >= IDLE_PROGRESS_MILLIS || executor.sourceStatusChanged(lastProgress)) {
          publish(executor.idleProgress());
        }
        // Bounded input read to its end, with nothing owed to the watermark: the query is done.
        if (executor.inputEnded()) return;
      }
      long wait;
      if (intervalMillis > 0) {
        nextTick += intervalMillis;
        wait = Math.max(0, nextTick - System.currentTimeMillis());
      } else {
        // Right after work the next rows are likely on their way: look again soon, then back off.
        if (worked) idleWait = 1;
        wait = ran ? 0 : idleWait;
        if (!ran) idleWait = Math.min(IDLE_POLL_MILLIS, idleWait * 2);
      }
      if (wait > 0) {
        synchronized (monitor) {
          if (!stopRequested && idleRequest == idleAck) monitor.wait(wait);
        }
      }
    }
  }

  /**
   * One batch with what is there; when that read bounded input to its end, also the no-data
   * batches its end owes, so the windows it closes are delivered before the query stops.
   */
  private void runOneBatch() throws Exception {
    String[] target = executor.availableNowOffsets();
    batch(target);
    if (executor.inputEnded()) runUntilIdle(target);
  }

  private void runUntilIdle(String[] target) throws Exception {
    while (!stopRequested && batch(target)) {
      // keep going: each call runs one batch
    }
  }

  private boolean batch(String[] target) throws Exception {
    boolean ran = executor.runBatch(target);
    if (ran) publish(executor.lastProgress());
    return ran;
  }

  private void publish(QueryProgress progress) {
    lastProgress = progress;
    lastReportMillis = System.currentTimeMillis();
    for (ProgressListener listener : listeners) {
      try {
        listener.onProgress(progress);
      } catch (RuntimeException e) {
        LOG.warn("A progress listener of query {} failed", id, e);
      }
    }
  }

  /**
   * Blocks until every row available when it was called has been processed and delivered, and no
   * watermark change is left to act on. With a manual trigger the batches run on this thread.
   *
   * @throws QueryFailedException if the query failed
   */
  public void processAllAvailable() {
    if (trigger instanceof Trigger.Manual) {
      synchronized (monitor) {
        if (terminated) throwIfFailed();
        try {
          runUntilIdle(null);
        } catch (Throwable t) {
          if (!stoppedMidBatch(t)) failure = t;
          executor.close();
          terminated();
          throwIfFailed();
        }
      }
      return;
    }
    synchronized (monitor) {
      long request = ++idleRequest;
      monitor.notifyAll();
      while (idleAck < request && !terminated) {
        try {
          monitor.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    throwIfFailed();
  }

  /** Whether {@code t} is an operator giving up its batch because {@link #stop()} asked it to, not a failure. */
  private boolean stoppedMidBatch(Throwable t) {
    for (Throwable cause = t; stopRequested && cause != null; cause = cause.getCause()) {
      if (cause instanceof QueryStoppedException) return true;
    }
    return false;
  }

  private void throwIfFailed() {
    Throwable t = failure;
    if (t != null) throw new QueryFailedException(id, t);
  }

  /**
   * Asks the query to stop and waits until it has: after its current batch, or sooner when an
   * operator in a long loop notices (window assignment does), giving up that batch uncommitted.
   */
  public void stop() {
    stopRequested = true;
    executor.requestStop();
    synchronized (monitor) {
      monitor.notifyAll();
    }
    if (thread != null && thread != Thread.currentThread()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else if (thread == null && !terminated) {
      synchronized (monitor) {
        executor.close();
      }
      terminated();
    }
  }

  /** Waits until the query ends (stopped, failed, or a once/available-now trigger done). */
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    synchronized (monitor) {
      while (!terminated) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) return false;
        monitor.wait(left);
      }
    }
    throwIfFailed();
    return true;
  }

  public boolean isActive() {
    return !terminated;
  }

  public Throwable exception() {
    return failure;
  }

  public QueryProgress lastProgress() {
    return lastProgress;
  }
}
