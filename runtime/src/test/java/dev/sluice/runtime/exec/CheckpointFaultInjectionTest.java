package dev.sluice.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.checkpoint.CheckpointOptions;
import dev.sluice.runtime.checkpoint.CheckpointStore;
import dev.sluice.runtime.checkpoint.FaultInjectingFileSystem;
import dev.sluice.runtime.checkpoint.FaultInjectingFileSystem.Fault;
import dev.sluice.runtime.checkpoint.FaultInjectingFileSystem.Operation;
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
 * The checkpoint writer's file operations fail (an I/O error, a full disk, a crash at any one of
 * them): the query stops with an error naming the file and the cause, the batch is not committed,
 * and a restart delivers exactly what an uninterrupted run delivers.
 */
class CheckpointFaultInjectionTest {
  private static final int PER_TRIGGER = 10;
  private static final List<Object[]> ROWS = CheckpointTestQuery.rows(200, 13);

  @TempDir Path checkpoint;

  private CheckpointStore store(FaultInjectingFileSystem fs) {
    return new CheckpointStore(checkpoint, CheckpointOptions.DEFAULTS.withSnapshotInterval(3).withRetainedBatches(4).withFileSystem(fs));
  }

  /** Runs the query until it fails, and returns the failure. */
  private QueryFailedException runUntilFailure(Fault fault, IdempotentSink sink) throws Exception {
    QueryExecution query = CheckpointTestQuery.start(ROWS, PER_TRIGGER, sink, store(new FaultInjectingFileSystem(true).inject(fault)));
    QueryFailedException failure = assertThrows(QueryFailedException.class, query::processAllAvailable);
    assertFalse(query.isActive(), "a failed query stops");
    return failure;
  }

  /** Restarts on the checkpoint with a healthy disk, and checks the sink got exactly the uninterrupted output. */
  private void restartAndCompare(IdempotentSink sink) throws Exception {
    QueryExecution restarted = CheckpointTestQuery.start(ROWS, PER_TRIGGER, sink, store(new FaultInjectingFileSystem(true)));
    restarted.processAllAvailable();
    restarted.stop();
    assertEquals(CheckpointTestQuery.uninterrupted(ROWS, PER_TRIGGER), sink.batches(), "no row lost, none duplicated");
    assertEquals(List.of(), sink.differingRedeliveries(), "a redone batch delivers the same rows again");
  }

  private boolean committed(long batchId) {
    return Files.exists(checkpoint.resolve("commits").resolve(Long.toString(batchId)));
  }

  @Test
  void aFailingStateWriteStopsTheQueryNamingTheFileAndTheBatchIsRedoneOnRestart() throws Exception {
    IdempotentSink sink = new IdempotentSink();
    QueryFailedException e = runUntilFailure(FaultInjectingFileSystem.failWrites("7.delta.tmp", new IOException("Input/output error")), sink);
    String message = e.getMessage();
    assertTrue(message.contains(checkpoint.resolve("state").resolve("7.delta").toString()), "names the file: " + message);
    assertTrue(message.contains("Input/output error"), "gives the cause: " + message);
    assertTrue(message.contains("Batch 7 is not committed"), "says the batch is not committed: " + message);
    assertFalse(committed(7));
    assertTrue(committed(6));
    assertTrue(sink.batches().containsKey(7L), "the sink got batch 7 before its state failed to write");
    restartAndCompare(sink);
    assertEquals(1, sink.redeliveries(), "batch 7 is delivered again, and only it");
  }

  @Test
  void aFullDiskStopsTheQueryAndARestartWithSpaceRecovers() throws Exception {
    IdempotentSink sink = new IdempotentSink();
    QueryFailedException e = runUntilFailure(FaultInjectingFileSystem.diskFullAfter(20_000), sink);
    assertTrue(e.getMessage().contains("No space left on device") && e.getMessage().contains("Cannot write the checkpoint file " + checkpoint),
        e.getMessage());
    assertFalse(Files.list(checkpoint.resolve("state")).anyMatch(p -> p.getFileName().toString().endsWith(".tmp")),
        "the partly written file is removed");
    restartAndCompare(sink);
  }

  @Test
  void aFailingWriteAheadLogStopsTheQueryBeforeTheBatchRuns() throws Exception {
    IdempotentSink sink = new IdempotentSink();
    Fault fault = (op, file, index, bytes) -> op == Operation.WRITE && file.toString().endsWith("offsets/.4.tmp") ? new IOException("Disk quota exceeded") : null;
    QueryFailedException e = runUntilFailure(fault, sink);
    assertTrue(e.getMessage().contains("Batch 4 did not start") && e.getMessage().contains(checkpoint.resolve("offsets/4").toString())
        && e.getMessage().contains("Disk quota exceeded"), e.getMessage());
    assertFalse(sink.batches().containsKey(4L), "the batch never ran");
    restartAndCompare(sink);
    assertEquals(0, sink.redeliveries());
  }

  @Test
  void aFailingCommitRenameStopsTheQueryAndTheBatchIsRedone() throws Exception {
    IdempotentSink sink = new IdempotentSink();
    Fault fault = (op, file, index, bytes) -> op == Operation.RENAME && file.toString().endsWith("commits/5") ? new IOException("Read-only file system") : null;
    QueryFailedException e = runUntilFailure(fault, sink);
    assertTrue(e.getMessage().contains("Batch 5 is not committed") && e.getMessage().contains(checkpoint.resolve("commits/5").toString())
        && e.getMessage().contains("Read-only file system"), e.getMessage());
    assertFalse(committed(5));
    restartAndCompare(sink);
    assertEquals(1, sink.redeliveries());
  }

  @Test
  void aFailingDirectorySyncIsAFailedWrite() throws Exception {
    IdempotentSink sink = new IdempotentSink();
    Fault fault = (op, file, index, bytes) -> op == Operation.SYNC_DIRECTORY && index > 40 ? new IOException("Input/output error") : null;
    QueryFailedException e = runUntilFailure(fault, sink);
    assertTrue(e.getMessage().contains("Input/output error"), e.getMessage());
    restartAndCompare(sink);
  }

  /**
   * The process dies at each file operation in turn (a write there leaves half its bytes behind,
   * and nothing after it happens): after a restart the sink holds exactly the uninterrupted output.
   * Compaction and retention run with small settings, so crashes land in them too.
   */
  @Test
  void aCrashAtAnyFileOperationLosesAndDuplicatesNothing() throws Exception {
    // Six batches: compaction (every 3) and retention (4 batches) both act, and every crash point is tried.
    List<Object[]> rows = CheckpointTestQuery.rows(6 * PER_TRIGGER, 7);
    Map<Long, List<String>> expected = CheckpointTestQuery.uninterrupted(rows, PER_TRIGGER);
    long operations = countOperations(rows);
    assertTrue(operations > 60, "a run does " + operations + " file operations");
    List<String> failures = new ArrayList<>();
    int crashes = 0;
    int redone = 0;
    for (long crashAt = 0; crashAt < operations; crashAt++) {
      deleteCheckpoint();
      IdempotentSink sink = new IdempotentSink();
      FaultInjectingFileSystem dying = new FaultInjectingFileSystem(false);
      dying.inject(dying.crashAt(crashAt));
      try {
        QueryExecution query = CheckpointTestQuery.start(rows, PER_TRIGGER, sink, store(dying));
        query.processAllAvailable();
        query.stop();
      } catch (Exception expectedCrash) {
        // the process is gone
      }
      if (dying.crashed()) crashes++;
      int deliveredBeforeRestart = sink.redeliveries();
      QueryExecution restarted = CheckpointTestQuery.start(rows, PER_TRIGGER, sink, store(new FaultInjectingFileSystem(false)));
      restarted.processAllAvailable();
      restarted.stop();
      if (sink.redeliveries() > deliveredBeforeRestart) redone++;
      if (!expected.equals(sink.batches()) || !sink.differingRedeliveries().isEmpty()) {
        failures.add("crash at operation " + crashAt + ": " + sink.batches() + " " + sink.differingRedeliveries());
      }
    }
    assertEquals(List.of(), failures);
    // Background maintenance makes the count vary a little from run to run.
    assertTrue(crashes >= operations * 9 / 10, crashes + " of " + operations + " runs crashed");
    assertTrue(redone > 0, "some crashes came after a batch's output and before its commit: " + redone);
  }

  private long countOperations(List<Object[]> rows) throws Exception {
    deleteCheckpoint();
    FaultInjectingFileSystem counting = new FaultInjectingFileSystem(false);
    QueryExecution query = CheckpointTestQuery.start(rows, PER_TRIGGER, new IdempotentSink(), store(counting));
    query.processAllAvailable();
    query.stop();
    return counting.operations();
  }

  private void deleteCheckpoint() throws IOException {
    if (!Files.exists(checkpoint)) return;
    try (var files = Files.walk(checkpoint)) {
      files.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(checkpoint)).forEach(p -> p.toFile().delete());
    }
  }
}
