package dev.sluice.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.operator.LateRowHandler;
import dev.sluice.runtime.progress.QueryProgress;
import dev.sluice.runtime.spi.Source;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A problem a source is riding out shows in the query's progress as soon as the idle query sees it,
 * not at the next periodic idle report (every 10 seconds).
 */
class SourceStatusReportTest {

  /** A source whose system never answers: nothing to offer, and a status that says so. */
  private static final class UnreachableSource implements Source {
    @Override
    public String initialOffset() {
      return "0";
    }

    @Override
    public String latestOffset() {
      return null;
    }

    @Override
    public void read(String start, String end, RowBatch out) {
      throw new AssertionError("nothing to read from " + start + " to " + end);
    }

    @Override
    public String status() {
      return "the system does not answer; retrying";
    }

    @Override
    public boolean isReplayable() {
      return true;
    }
  }

  @Test
  void anIdleQueryReportsASourcesNewStatusAtOnce() throws Exception {
    MicroBatchExecutor executor = new MicroBatchExecutor("q1", "test query", CheckpointTestQuery.graph(UnreachableSource::new),
        new CheckpointTestQuery.IdempotentSink(), null, LateRowHandler.DISCARD);
    QueryExecution execution = new QueryExecution("q1", executor, new Trigger.Default());
    execution.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (execution.lastProgress() == null && System.nanoTime() < deadline) Thread.sleep(10);
      QueryProgress progress = execution.lastProgress();
      assertTrue(progress != null, "a progress report within 5 s, half the periodic idle interval");
      assertEquals("the system does not answer; retrying", progress.sources().get(0).status());
      assertEquals(0, progress.inputRows());
    } finally {
      execution.stop();
    }
  }
}
