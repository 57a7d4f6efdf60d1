package dev.sluice.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.checkpoint.CheckpointStore;
import dev.sluice.runtime.exec.CheckpointTestQuery.IdempotentSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart whose checkpoint's logs do not line up: commit files lost or removed behind a
 * write-ahead log that ran on, and commit files no batch of the checkpoint planned.
 */
class CheckpointLogRecoveryTest {
  /** No per-trigger limit: a batch takes every row there is, so a batch planned again later is another batch. */
  private static final int UNLIMITED = 1_000_000;
  private static final int ROWS_PER_BATCH = 10;

  @TempDir Path checkpoint;

  /** Runs one batch per group of new rows, as rows arrive between triggers. */
  private static void runBatches(QueryExecution query, List<Object[]> input, List<Object[]> all, int batches) {
    for (int b = 0; b < batches; b++) {
      for (int i = 0; i < ROWS_PER_BATCH; i++) input.add(all.get(input.size()));
      query.processAllAvailable();
    }
  }

  @Test
  void everyBatchTheWriteAheadLogHoldsPastTheLastCommitIsRedoneWithItsLoggedInput() throws Exception {
    List<Object[]> all = CheckpointTestQuery.rows(9 * ROWS_PER_BATCH, 7);
    Map<Long, List<String>> expected;
    {
      IdempotentSink sink = new IdempotentSink();
      List<Object[]> input = new ArrayList<>();
      QueryExecution uninterrupted = CheckpointTestQuery.start(input, UNLIMITED, sink, null);
      runBatches(uninterrupted, input, all, 9);
      uninterrupted.stop();
      expected = sink.batches();
    }
    IdempotentSink sink = new IdempotentSink();
    List<Object[]> input = new ArrayList<>();
    QueryExecution first = CheckpointTestQuery.start(input, UNLIMITED, sink, new CheckpointStore(checkpoint));
    runBatches(first, input, all, 8);
    first.stop();
    for (long lost = 4; lost <= 7; lost++) Files.delete(checkpoint.resolve("commits").resolve(Long.toString(lost)));

    QueryExecution restarted = CheckpointTestQuery.start(input, UNLIMITED, sink, new CheckpointStore(checkpoint));
    runBatches(restarted, input, all, 1);
    restarted.stop();
    assertEquals(List.of(), sink.differingRedeliveries(), "batches 4 to 7 are redone over the input they had");
    assertEquals(4, sink.redeliveries());
    assertEquals(expected, sink.batches(), "and batch 8 carries the rows that arrived after them");
  }

  @Test
  void aCommitFileThatNoPlannedBatchWroteIsRefusedByName() throws Exception {
    IdempotentSink sink = new IdempotentSink();
    List<Object[]> input = new ArrayList<>();
    QueryExecution first = CheckpointTestQuery.start(input, UNLIMITED, sink, new CheckpointStore(checkpoint));
    runBatches(first, input, CheckpointTestQuery.rows(3 * ROWS_PER_BATCH, 7), 3);
    first.stop();
    Path stray = checkpoint.resolve("commits").resolve("9");
    Files.copy(checkpoint.resolve("commits").resolve("2"), stray);

    IOException e = assertThrows(IOException.class, () -> CheckpointTestQuery.start(input, UNLIMITED, sink, new CheckpointStore(checkpoint)));
    assertTrue(e.getMessage().contains(stray.toString()) && e.getMessage().contains("no planned batch 9")
        && e.getMessage().contains("latest planned batch is 2"), e.getMessage());
  }
}
