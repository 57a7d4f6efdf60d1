package dev.sluice.engine.internal;

import dev.sluice.sql.NestingLimit;
import java.util.function.Supplier;

/**
 * Runs the parsing, validation and planning of a statement on a thread whose stack is known to
 * hold any statement within {@link NestingLimit#MAX_DEPTH}, whatever stack the caller has (a JDBC
 * tool's pool thread may have a few hundred KiB). The caller waits; what the work returns or
 * throws is handed back as it is. Work already on such a thread runs in place, so a statement that
 * runs another (a late-rows table created on first use) neither waits on itself nor on the locks
 * its caller holds.
 */
public final class StatementThread {
  /**
   * Calcite needed about 2.5 KiB of stack per level of nesting in the worst construct measured (a
   * chain of {@code +} overflowed 1 MiB at 400 levels); 32 MiB leaves ten times the limit's need.
   * The stack is reserved, and only the part a statement touches is committed.
   */
  static final long STACK_BYTES = 32L << 20;

  private StatementThread() {}

  /** Runs {@code work} on a statement thread and returns what it returns, or throws what it throws. */
  public static <T> T run(Supplier<T> work) {
    if (Thread.currentThread() instanceof Runner<?>) return work.get();
    Runner<T> runner = new Runner<>(work);
    Thread caller = Thread.currentThread();
    runner.setContextClassLoader(caller.getContextClassLoader());
    // Threads the statement starts (a query's) take their daemon status from it, as from the caller.
    runner.setDaemon(caller.isDaemon());
    runner.start();
    boolean interrupted = false;
    while (runner.isAlive()) {
      try {
        runner.join();
      } catch (InterruptedException e) {
        // The statement cannot be abandoned half done (its catalog changes, its query started): wait.
        interrupted = true;
      }
    }
    if (interrupted) caller.interrupt();
    if (runner.failure instanceof RuntimeException e) throw e;
    if (runner.failure instanceof Error e) throw e;
    return runner.result;
  }

  private static final class Runner<T> extends Thread {
    private final Supplier<T> work;
    private T result;
    private Throwable failure;

    Runner(Supplier<T> work) {
      super(null, null, "sluice-statement", STACK_BYTES);
      this.work = work;
    }

    @Override
    public void run() {
      try {
        result = work.get();
      } catch (RuntimeException | Error e) {
        failure = e;
      }
    }
  }
}
