package dev.sluice.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.checkpoint.CheckpointOptions;
import dev.sluice.runtime.checkpoint.CheckpointStore;
import dev.sluice.runtime.checkpoint.FaultInjectingFileSystem;
import dev.sluice.runtime.exec.CheckpointTestQuery.IdempotentSink;
import dev.sluice.runtime.progress.QueryProgress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart reads the latest snapshot and the few deltas after it, so its cost follows the size
 * of the state, not the number of batches the query ran; old files are deleted as it runs.
 */
class CheckpointRestartCostTest {
  private static final int KEYS = 50;
  /** With 50 keys, 250 distinct (key, value) pairs: the state stops growing after 250 rows. */
  private static final int VALUES = 25;
  private static final int SNAPSHOT_INTERVAL = CheckpointOptions.DEFAULT_SNAPSHOT_INTERVAL;
  private static final int RETAINED = CheckpointOptions.DEFAULT_RETAINED_BATCHES;

  @TempDir Path manyBatches;
  @TempDir Path fewBatches;

  /** What restarting after a run of one-row batches read. */
  private record Restart(List<Path> files, long stateBytes, long stateBytesReported, QueryProgress lastProgress) {
    long stateFiles() {
      return files.stream().filter(f -> f.getParent().getFileName().toString().equals("state")).count();
    }

    long snapshots() {
      return files.stream().filter(f -> f.getFileName().toString().endsWith(".snapshot")).count();
    }
  }

  private static CheckpointStore store(Path root, FaultInjectingFileSystem fs) {
    return new CheckpointStore(root, CheckpointOptions.DEFAULTS.withFileSystem(fs));
  }

  private Restart runThenRestart(Path root, int batches) throws Exception {
    List<Object[]> rows = new ArrayList<>(CheckpointTestQuery.rows(batches, KEYS, VALUES));
    IdempotentSink sink = new IdempotentSink();
    // Forcing to disk only matters for power loss; without it thousands of batches take seconds.
    QueryExecution query = CheckpointTestQuery.start(rows, 1, sink, store(root, new FaultInjectingFileSystem(false)));
    query.processAllAvailable();
    QueryProgress last = query.lastProgress();
    query.stop();
    assertEquals(batches - 1, last.batchId(), "one batch per row");

    FaultInjectingFileSystem counting = new FaultInjectingFileSystem(false);
    QueryExecution restarted = CheckpointTestQuery.start(rows, 1, sink, store(root, counting));
    List<Path> read = counting.reads();
    long stateBytes = 0;
    for (Path f : read) {
      if (f.getParent().getFileName().toString().equals("state")) stateBytes += java.nio.file.Files.size(f);
    }
    // The state restored is right: more rows continue the counts as an uninterrupted run does.
    rows.addAll(CheckpointTestQuery.rows(batches + 20, KEYS, VALUES).subList(batches, batches + 20));
    restarted.processAllAvailable();
    restarted.stop();
    assertEquals(CheckpointTestQuery.uninterrupted(rows, 1), sink.batches());
    return new Restart(read, stateBytes, last.checkpointStateBytes(), last);
  }

  @Test
  void restartAfterThousandsOfBatchesReadsOneSnapshotAndAFewDeltas() throws Exception {
    Restart many = runThenRestart(manyBatches, 2000);
    // Compaction runs in the background; if it fell behind, the query thread snapshots after 3 intervals.
    assertEquals(1, many.snapshots(), "one snapshot: " + many.files());
    assertTrue(many.stateFiles() <= 1 + 3 * SNAPSHOT_INTERVAL, "a few deltas: " + many.files());
    assertTrue(many.files().size() <= many.stateFiles() + 3, "besides state, the metadata, last commit and its offsets: " + many.files());
    assertTrue(many.stateBytes() <= many.stateBytesReported(), "reads no more than the progress report's checkpointStateBytes ("
        + many.stateBytesReported() + "): " + many.stateBytes());

    Restart few = runThenRestart(fewBatches, 300);
    assertTrue(many.stateBytes() < 2 * few.stateBytes(), "7 times the batches, the same state: about the same bytes to read, "
        + many.stateBytes() + " against " + few.stateBytes());
    assertTrue(many.stateFiles() <= 1 + 3 * SNAPSHOT_INTERVAL && few.stateFiles() <= 1 + 3 * SNAPSHOT_INTERVAL);

    int stateFiles = manyBatches.resolve("state").toFile().list().length;
    assertTrue(stateFiles <= 2 + RETAINED + 3 * SNAPSHOT_INTERVAL, "old state files are deleted: " + stateFiles);
    assertTrue(manyBatches.resolve("offsets").toFile().list().length <= RETAINED + 1, "old offsets are deleted");
    assertTrue(manyBatches.resolve("commits").toFile().list().length <= RETAINED + 1, "old commits are deleted");
  }

  @Test
  void progressReportsTheCheckpointsSizeAndWriteTime() throws Exception {
    Restart restart = runThenRestart(fewBatches, 30);
    QueryProgress progress = restart.lastProgress();
    assertTrue(progress.durationMs().containsKey("checkpoint"), progress.durationMs().toString());
    assertTrue(progress.checkpointBytes() > 0, "bytes written: " + progress.checkpointBytes());
    assertTrue(progress.checkpointStateBytes() > 0, "bytes a restart reads: " + progress.checkpointStateBytes());
    assertTrue(progress.toJson().contains("\"checkpointBytes\""), progress.toJson());
  }
}
