package dev.sluice.runtime.checkpoint;

/**
 * How a query's checkpoint keeps its files.
 *
 * @param snapshotInterval how many deltas may follow the latest snapshot before background
 *     compaction folds them into a new one; a restart reads one snapshot and at most about this
 *     many deltas
 * @param retainedBatches how many of the latest committed batches stay recoverable: their offset
 *     and commit files, and the state files needed to rebuild them, are kept; older files are
 *     deleted in the background
 * @param fileSystem where the files go; tests swap it to inject failures or count reads
 */
public record CheckpointOptions(int snapshotInterval, int retainedBatches, CheckpointFileSystem fileSystem) {
  /** As Spark's {@code spark.sql.streaming.stateStore.minDeltasForSnapshot}. */
  public static final int DEFAULT_SNAPSHOT_INTERVAL = 10;
  /** Two snapshot intervals, so the snapshot before the latest one survives for a manual rollback. */
  public static final int DEFAULT_RETAINED_BATCHES = 2 * DEFAULT_SNAPSHOT_INTERVAL;

  public static final CheckpointOptions DEFAULTS =
      new CheckpointOptions(DEFAULT_SNAPSHOT_INTERVAL, DEFAULT_RETAINED_BATCHES, CheckpointFileSystem.local());

  public CheckpointOptions {
    if (snapshotInterval < 1) throw new IllegalArgumentException("The snapshot interval is at least 1 batch, not " + snapshotInterval);
    if (retainedBatches < 1) throw new IllegalArgumentException("At least 1 batch is retained, not " + retainedBatches);
    if (fileSystem == null) throw new IllegalArgumentException("A checkpoint needs a file system");
  }

  public CheckpointOptions withSnapshotInterval(int batches) {
    return new CheckpointOptions(batches, retainedBatches, fileSystem);
  }

  public CheckpointOptions withRetainedBatches(int batches) {
    return new CheckpointOptions(snapshotInterval, batches, fileSystem);
  }

  public CheckpointOptions withFileSystem(CheckpointFileSystem fs) {
    return new CheckpointOptions(snapshotInterval, retainedBatches, fs);
  }
}
