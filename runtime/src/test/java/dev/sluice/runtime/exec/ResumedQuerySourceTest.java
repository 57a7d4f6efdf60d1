package dev.sluice.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.runtime.checkpoint.CheckpointOptions;
import dev.sluice.runtime.checkpoint.CheckpointStore;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.operator.LateRowHandler;
import dev.sluice.runtime.spi.Source;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query resumed from its checkpoint goes on from its own offsets: it never asks a source where
 * to start, so it starts while the source's system does not answer, and a source that cannot tell
 * its latest offset (null) makes a batch read nothing from it.
 */
class ResumedQuerySourceTest {
  private static final List<Object[]> ROWS = CheckpointTestQuery.rows(12, 3);

  @TempDir Path checkpoint;

  /** Rows of a list, unreachable while {@code down}: it cannot say where to start or what is there. */
  private record OutageSource(AtomicBoolean down, AtomicInteger initialOffsetCalls, AtomicInteger visibleRows) implements Source {
    @Override
    public String initialOffset() {
      initialOffsetCalls.incrementAndGet();
      if (down.get()) throw new IllegalStateException("the system does not answer");
      return "0";
    }

    @Override
    public String latestOffset() {
      return down.get() ? null : Integer.toString(visibleRows.get());
    }

    @Override
    public void read(String start, String end, RowBatch out) {
      if (down.get()) throw new IllegalStateException("the system does not answer");
      for (int i = Integer.parseInt(start); i < Integer.parseInt(end); i++) out.insert(ROWS.get(i).clone());
    }

    @Override
    public boolean isReplayable() {
      return true;
    }
  }

  private QueryExecution start(OutageSource source, CheckpointTestQuery.IdempotentSink sink) throws Exception {
    CheckpointStore store = new CheckpointStore(checkpoint, CheckpointOptions.DEFAULTS);
    MicroBatchExecutor executor = new MicroBatchExecutor("q1", "test query", CheckpointTestQuery.graph(() -> source), sink, store,
        LateRowHandler.DISCARD);
    QueryExecution execution = new QueryExecution("q1", executor, new Trigger.Manual());
    execution.start();
    return execution;
  }

  @Test
  void aResumedQueryNeverAsksWhereToStartAndReadsNothingWhileItsSourceCannotTell() throws Exception {
    AtomicBoolean down = new AtomicBoolean();
    AtomicInteger initialOffsetCalls = new AtomicInteger();
    AtomicInteger visibleRows = new AtomicInteger(6);
    OutageSource source = new OutageSource(down, initialOffsetCalls, visibleRows);
    CheckpointTestQuery.IdempotentSink sink = new CheckpointTestQuery.IdempotentSink();

    QueryExecution first = start(source, sink);
    first.processAllAvailable();
    first.stop();
    assertEquals(1, initialOffsetCalls.get(), "a new query asks where to start");
    assertEquals(1, sink.batches().size());

    down.set(true);
    QueryExecution resumed = start(source, sink);
    resumed.processAllAvailable();
    assertEquals(1, initialOffsetCalls.get(), "the resumed query started from its checkpoint without asking");
    assertEquals(1, sink.batches().size(), "while the source cannot tell, no batch reads from it");

    down.set(false);
    visibleRows.set(12);
    resumed.processAllAvailable();
    resumed.stop();
    assertEquals(2, sink.batches().size(), "once it answers, the query reads on from its checkpointed offsets");
    assertEquals(List.of(), sink.differingRedeliveries());
  }
}
