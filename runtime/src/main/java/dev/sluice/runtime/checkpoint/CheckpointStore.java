package dev.sluice.runtime.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.runtime.checkpoint.StateFile.Kind;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A query's checkpoint directory:
 *
 * <pre>
 * metadata.json        the checkpoint's identity (a UUID), the query's id, SQL and state layout
 * offsets/N            batch N's planned source ranges, written before it runs (write-ahead log)
 * state/N.delta        the key groups batch N changed, each written whole
 * state/N.snapshot     all state as of batch N, folded from deltas by background compaction
 * commits/N            batch N is done: output delivered, state written
 * </pre>
 *
 * Every file is written under a temporary name, forced to disk, renamed atomically and ends with
 * a checksum line ({@link ChecksummedFiles}), so a crash leaves the old version or the new one and
 * a damaged file is reported, never read. The state after the latest commit {@code C} is the
 * latest snapshot at or before {@code C} plus every delta after it up to {@code C}; a background
 * thread keeps that chain short (a new snapshot once {@link CheckpointOptions#snapshotInterval()}
 * deltas follow the last one) and deletes files older than {@link
 * CheckpointOptions#retainedBatches()} batches need. A restart therefore reads one snapshot and a
 * few deltas, however many batches ran.
 *
 * <p>Every entry carries the checkpoint's identity from {@code metadata.json} and its batch id, and
 * both are checked when it is read, so a file copied in from another checkpoint, or from another
 * batch under this one's name, is refused by name rather than read.
 *
 * <p>One query at a time: {@link #open()} takes a lock on the directory. The query thread calls
 * every method but the maintenance, which runs on the store's own thread.
 */
public final class CheckpointStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String METADATA = "metadata.json";
  private static final String LOCK = ".lock";
  private static final String OFFSETS = "offsets";
  private static final String STATE = "state";
  private static final String COMMITS = "commits";
  /** The field of a log entry that holds the identity of its checkpoint. */
  private static final String CHECKPOINT_ID = "checkpointId";
  /**
   * When this many snapshot intervals of deltas follow the latest snapshot (compaction failing or
   * far behind), the query thread writes the next batch's state as a snapshot itself, so a restart
   * never reads an unbounded chain.
   */
  private static final int INLINE_SNAPSHOT_INTERVALS = 3;

  private final Path root;
  private final CheckpointOptions options;
  private final CheckpointFileSystem fs;

  /** Guards the chain a restart would read: the latest snapshot and the deltas after it. */
  private final Object chainLock = new Object();
  private long snapshotBatch = -1;
  private long snapshotBytes;
  /** Batch id to file size, for the deltas after {@link #snapshotBatch}. */
  private final TreeMap<Long, Long> deltaBytes = new TreeMap<>();
  private long deltaBytesTotal;

  private Closeable lock;
  private ExecutorService maintenance;
  private final AtomicBoolean maintenanceQueued = new AtomicBoolean();
  private volatile long lastCommitted = -1;
  private volatile String lastMaintenanceFailure;
  /** From metadata.json once it is read or written; every file is stamped with it. */
  private volatile String checkpointId;
  /** metadata.json as read when the store opened or written since; null before {@link #open()}. */
  private Optional<QueryMetadata> metadata;

  public CheckpointStore(Path root) {
    this(root, CheckpointOptions.DEFAULTS);
  }

  public CheckpointStore(Path root, CheckpointOptions options) {
    this.root = root;
    this.options = options;
    this.fs = options.fileSystem();
  }

  public Path root() {
    return root;
  }

  public CheckpointOptions options() {
    return options;
  }

  /**
   * Creates the directories, takes the lock that keeps a second query out, removes temporary files
   * a crash left, reads the checkpoint's identity if it has one, and starts the maintenance thread.
   */
  public void open() throws IOException {
    if (lock != null) return;
    try {
      listRoot();
    } catch (NoSuchFileException e) {
      // a new checkpoint: made below
    }
    try {
      for (String dir : new String[] {OFFSETS, STATE, COMMITS}) fs.createDirectories(root.resolve(dir));
    } catch (FileAlreadyExistsException e) {
      throw new IOException("The checkpoint location " + root + " cannot be used: " + e.getFile() + " is a file, not a directory. "
          + "Give 'checkpoint.location' a directory (it is made if missing), or move the file away.", e);
    } catch (IOException e) {
      throw new IOException("Cannot create the checkpoint directory " + root + ": " + e.getMessage(), e);
    }
    lock = fs.tryLock(root.resolve(LOCK));
    if (lock == null) {
      throw new IOException("The checkpoint at " + root + " is in use by another running query. Stop that query first, "
          + "or give this one its own 'checkpoint.location'.");
    }
    try {
      for (String dir : new String[] {OFFSETS, STATE, COMMITS}) {
        for (String name : fs.list(root.resolve(dir))) {
          if (ChecksummedFiles.isTemporary(name)) fs.delete(root.resolve(dir).resolve(name));
        }
      }
      metadata = readMetadataFile();
    } catch (IOException | RuntimeException e) {
      close(); // a store that did not open holds no lock
      throw e;
    }
    maintenance = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "sluice-checkpoint-" + root.getFileName());
      thread.setDaemon(true);
      return thread;
    });
  }

  // ---- metadata, write-ahead log, commits

  /** The checkpoint's metadata, if it has been created; the store takes its identity from it. */
  public Optional<QueryMetadata> readMetadata() throws IOException {
    return metadata != null ? metadata : readMetadataFile();
  }

  private Optional<QueryMetadata> readMetadataFile() throws IOException {
    Path file = root.resolve(METADATA);
    try {
      if (!listRoot().contains(METADATA)) return Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    QueryMetadata read = readJson(file, QueryMetadata.class);
    if (read.formatVersion() == QueryMetadata.FORMAT_VERSION && read.checkpointId() == null) {
      throw new CorruptCheckpointException(file, "it carries no checkpoint identity, which every checkpoint of format "
          + QueryMetadata.FORMAT_VERSION + " has");
    }
    checkpointId = read.checkpointId();
    return Optional.of(read);
  }

  /** The location's entries; a location that is a regular file is refused saying so, whoever looks first. */
  private List<String> listRoot() throws IOException {
    try {
      return fs.list(root);
    } catch (NotDirectoryException e) {
      throw new IOException("The checkpoint location " + root + " is a file, not a directory. Give 'checkpoint.location' a directory "
          + "(it is made if missing), or move the file away.", e);
    }
  }

  /** Writes the metadata, whose identity every file written from now on carries. */
  public long writeMetadata(QueryMetadata metadata) throws IOException {
    if (metadata.checkpointId() == null) throw new IllegalArgumentException("A checkpoint's metadata needs its identity");
    if (checkpointId != null && !checkpointId.equals(metadata.checkpointId())) {
      throw new IllegalArgumentException("The checkpoint at " + root + " is " + checkpointId + ", not " + metadata.checkpointId());
    }
    long bytes = ChecksummedFiles.write(fs, root.resolve(METADATA), JSON.writeValueAsBytes(metadata));
    checkpointId = metadata.checkpointId();
    if (this.metadata != null) this.metadata = Optional.of(metadata);
    return bytes;
  }

  /** Writes batch N's planned offsets; returns the bytes written. */
  public long writeOffsets(OffsetEntry entry) throws IOException {
    return ChecksummedFiles.write(fs, offsetsFile(entry.batchId()), stamped(entry));
  }

  public OffsetEntry readOffsets(long batchId) throws IOException {
    return readEntry(offsetsFile(batchId), batchId, OffsetEntry.class);
  }

  /** Whether batch N's planned offsets are in the write-ahead log. */
  public boolean hasOffsets(long batchId) throws IOException {
    return fs.list(root.resolve(OFFSETS)).contains(Long.toString(batchId));
  }

  /** Commits a batch whose state is written; returns the bytes written. Starts maintenance when due. */
  public long writeCommit(CommitEntry entry) throws IOException {
    long bytes = ChecksummedFiles.write(fs, commitFile(entry.batchId()), stamped(entry));
    scheduleMaintenance(entry.batchId());
    return bytes;
  }

  public CommitEntry readCommit(long batchId) throws IOException {
    return readEntry(commitFile(batchId), batchId, CommitEntry.class);
  }

  /** Where a commit file of batch N is, for messages. */
  public Path commitFile(long batchId) {
    return root.resolve(COMMITS).resolve(Long.toString(batchId));
  }

  /** Where the planned offsets of batch N are, for messages. */
  public Path offsetsFile(long batchId) {
    return root.resolve(OFFSETS).resolve(Long.toString(batchId));
  }

  /** A log entry as JSON with this checkpoint's identity added. */
  private byte[] stamped(Object entry) throws IOException {
    ObjectNode json = JSON.valueToTree(entry);
    json.put(CHECKPOINT_ID, identity());
    return JSON.writeValueAsBytes(json);
  }

  /** Reads a log entry, checking that it belongs to this checkpoint and to the batch its name says. */
  private <T> T readEntry(Path file, long batchId, Class<T> type) throws IOException {
    ObjectNode json = readJson(file, ObjectNode.class);
    JsonNode writtenFor = json.remove(CHECKPOINT_ID);
    if (writtenFor == null || !writtenFor.isTextual()) throw new CorruptCheckpointException(file, "it carries no checkpoint identity");
    if (!writtenFor.asText().equals(identity())) throw CorruptCheckpointException.fromAnotherCheckpoint(file, writtenFor.asText(), identity());
    JsonNode id = json.get("batchId");
    if (id == null || !id.canConvertToLong() || id.asLong() != batchId) {
      throw new CorruptCheckpointException(file, "it holds batch " + id + ", not batch " + batchId + " as its name says");
    }
    try {
      return JSON.treeToValue(json, type);
    } catch (JsonProcessingException e) {
      throw new CorruptCheckpointException(file, "its checksum matches but its JSON cannot be read (" + e.getOriginalMessage() + ")", e);
    }
  }

  private String identity() {
    String id = checkpointId;
    if (id == null) throw new IllegalStateException("The checkpoint at " + root + " has no metadata yet: write it before any other file");
    return id;
  }

  public OptionalLong latestCommit() throws IOException {
    return latest(COMMITS);
  }

  public OptionalLong latestOffsets() throws IOException {
    return latest(OFFSETS);
  }

  // ---- state

  /** What a restore read: the snapshot it started from (-1: none), the deltas after it, and the bytes of both. */
  public record RestoredState(long snapshotBatch, int deltas, long bytes) {}

  /**
   * Restores the state as of {@code committedBatch} (-1: nothing committed) into {@code parts} of a
   * freshly opened query, and deletes state files of later, uncommitted batches.
   *
   * @throws CorruptCheckpointException naming the file, when a needed file is missing or damaged
   */
  public RestoredState restoreState(long committedBatch, List<StatePart> parts) throws IOException {
    Path dir = root.resolve(STATE);
    TreeSet<Long> snapshots = new TreeSet<>();
    Set<Long> deltas = new HashSet<>();
    for (String name : fs.list(dir)) {
      StateFileName parsed = StateFileName.parse(name);
      if (parsed == null) continue;
      if (parsed.batchId() > committedBatch) {
        fs.delete(dir.resolve(name)); // written by an attempt at a batch that never committed: it is redone
        continue;
      }
      if (parsed.kind() == Kind.SNAPSHOT) snapshots.add(parsed.batchId());
      else deltas.add(parsed.batchId());
    }
    long base = snapshots.isEmpty() ? -1 : snapshots.last();
    List<StateFile> chain = new ArrayList<>();
    long bytes = 0;
    synchronized (chainLock) {
      snapshotBatch = base;
      snapshotBytes = 0;
      deltaBytes.clear();
      deltaBytesTotal = 0;
    }
    if (base >= 0) {
      StateFile snapshot = readStateFile(base, Kind.SNAPSHOT);
      chain.add(snapshot);
      long size = snapshot.size;
      bytes += size;
      synchronized (chainLock) {
        snapshotBytes = size;
      }
    }
    for (long id = base + 1; id <= committedBatch; id++) {
      if (!deltas.contains(id)) {
        throw new CorruptCheckpointException(stateFile(id, Kind.DELTA), "it is missing, and the state of committed batch " + committedBatch
            + " is " + (base < 0 ? "every delta from batch 0" : "the snapshot of batch " + base + " plus every delta after it"));
      }
      StateFile delta = readStateFile(id, Kind.DELTA);
      chain.add(delta);
      long size = delta.size;
      bytes += size;
      synchronized (chainLock) {
        deltaBytes.put(id, size);
        deltaBytesTotal += size;
      }
    }
    if (!chain.isEmpty()) {
      String source = base >= 0 ? "snapshot " + base + " and " + (committedBatch - base) + " deltas in " + dir : "deltas 0 to " + committedBatch + " in " + dir;
      StateFile.restore(StateFile.fold(chain), parts, source);
    }
    return new RestoredState(base, (int) (committedBatch - base), bytes);
  }

  private StateFile readStateFile(long batchId, Kind kind) throws IOException {
    Path file = stateFile(batchId, kind);
    ByteBuffer content = ChecksummedFiles.read(fs, file);
    return StateFile.parse(file, content, identity(), kind, batchId);
  }

  /**
   * Writes batch N's state: the key groups that changed, or all of them when the chain since the
   * last snapshot has grown too long; then clears the parts' change sets. Returns the bytes written.
   */
  public long writeState(long batchId, List<StatePart> parts) throws IOException {
    Kind kind;
    synchronized (chainLock) {
      kind = batchId - snapshotBatch - 1 >= (long) INLINE_SNAPSHOT_INTERVALS * options.snapshotInterval() ? Kind.SNAPSHOT : Kind.DELTA;
    }
    long bytes = ChecksummedFiles.write(fs, stateFile(batchId, kind), out -> StateFile.write(out, identity(), kind, batchId, parts));
    for (StatePart part : parts) part.state().changedKeyGroups().clear();
    synchronized (chainLock) {
      if (kind == Kind.SNAPSHOT) {
        setSnapshot(batchId, bytes);
      } else {
        Long previous = deltaBytes.put(batchId, bytes);
        deltaBytesTotal += bytes - (previous == null ? 0 : previous);
      }
    }
    return bytes;
  }

  /** The bytes a restart would read now: the latest snapshot and the deltas after it. */
  public long recoverableStateBytes() {
    synchronized (chainLock) {
      return snapshotBytes + deltaBytesTotal;
    }
  }

  private void setSnapshot(long batchId, long bytes) {
    assert Thread.holdsLock(chainLock);
    snapshotBatch = batchId;
    snapshotBytes = bytes;
    var folded = deltaBytes.headMap(batchId, true);
    for (long size : folded.values()) deltaBytesTotal -= size;
    folded.clear();
  }

  // ---- maintenance: compaction and retention

  private void scheduleMaintenance(long committed) {
    lastCommitted = committed;
    if (maintenance == null || !maintenanceQueued.compareAndSet(false, true)) return;
    try {
      maintenance.execute(this::maintain);
    } catch (RejectedExecutionException e) {
      maintenanceQueued.set(false); // closing
    }
  }

  private void maintain() {
    maintenanceQueued.set(false); // a commit from now on queues another run
    long committed = lastCommitted;
    try {
      boolean due;
      synchronized (chainLock) {
        due = committed - snapshotBatch >= options.snapshotInterval();
      }
      if (due) compact(committed);
      purge(committed);
      lastMaintenanceFailure = null;
    } catch (IOException | RuntimeException e) {
      String failure = String.valueOf(e.getMessage());
      if (!failure.equals(lastMaintenanceFailure)) {
        LOG.warn("Checkpoint maintenance in {} failed; the query goes on writing deltas and retries after its next batch", root, e);
      }
      lastMaintenanceFailure = failure;
    }
  }

  /** Folds the latest snapshot and the deltas after it, up to committed batch {@code target}, into a snapshot of {@code target}. */
  private void compact(long target) throws IOException {
    long base;
    List<Long> deltas;
    synchronized (chainLock) {
      base = snapshotBatch;
      deltas = new ArrayList<>(deltaBytes.headMap(target, true).keySet());
    }
    if (deltas.isEmpty() || deltas.get(deltas.size() - 1) != target) return; // a snapshot at or after target exists already
    List<StateFile> chain = new ArrayList<>();
    if (base >= 0) chain.add(readStateFile(base, Kind.SNAPSHOT));
    long expected = base + 1;
    for (long id : deltas) {
      if (id != expected) throw new IOException("cannot compact: the delta of batch " + expected + " is not known in " + root.resolve(STATE));
      chain.add(readStateFile(id, Kind.DELTA));
      expected++;
    }
    List<StateFile.Part> folded = StateFile.fold(chain);
    long bytes = ChecksummedFiles.write(fs, stateFile(target, Kind.SNAPSHOT), out -> StateFile.writeFolded(out, identity(), Kind.SNAPSHOT, target, folded));
    synchronized (chainLock) {
      if (target > snapshotBatch) setSnapshot(target, bytes);
    }
    LOG.debug("Compacted the snapshot of batch {} and {} deltas into a snapshot of batch {} ({} bytes) in {}", base, deltas.size(), target, bytes, root);
  }

  /**
   * Deletes what keeping the last {@code retainedBatches} committed batches recoverable does not
   * need: older offset and commit files, and state files before the snapshot those batches start from.
   */
  private void purge(long committed) throws IOException {
    long oldestRetained = committed - options.retainedBatches() + 1;
    if (oldestRetained <= 0) return;
    for (String dir : new String[] {OFFSETS, COMMITS}) {
      for (String name : fs.list(root.resolve(dir))) {
        long id = batchIdOf(name);
        if (id >= 0 && id < oldestRetained) fs.delete(root.resolve(dir).resolve(name));
      }
    }
    List<StateFileName> files = new ArrayList<>();
    long base = -1;
    for (String name : fs.list(root.resolve(STATE))) {
      StateFileName parsed = StateFileName.parse(name);
      if (parsed == null) continue;
      files.add(parsed);
      if (parsed.kind() == Kind.SNAPSHOT && parsed.batchId() <= oldestRetained) base = Math.max(base, parsed.batchId());
    }
    if (base < 0) return;
    for (StateFileName file : files) {
      boolean redundant = file.batchId() < base || (file.batchId() == base && file.kind() == Kind.DELTA);
      if (redundant) fs.delete(stateFile(file.batchId(), file.kind()));
    }
  }

  /** Stops the maintenance thread, after the run in progress, and releases the directory. */
  @Override
  public void close() {
    if (maintenance != null) {
      maintenance.shutdown();
      try {
        if (!maintenance.awaitTermination(1, TimeUnit.MINUTES)) LOG.warn("Checkpoint maintenance in {} did not finish within a minute", root);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      maintenance = null;
    }
    metadata = null;
    if (lock != null) {
      try {
        lock.close();
      } catch (IOException e) {
        LOG.warn("Cannot release the lock of checkpoint {}", root, e);
      }
      lock = null;
    }
  }

  // ---- names

  private Path stateFile(long batchId, Kind kind) {
    return root.resolve(STATE).resolve(batchId + "." + kind.extension);
  }

  /** A state file's batch and kind, from its name. */
  private record StateFileName(long batchId, Kind kind) {
    static StateFileName parse(String name) {
      int dot = name.indexOf('.');
      if (dot <= 0) return null;
      long id = batchIdOf(name.substring(0, dot));
      if (id < 0) return null;
      String extension = name.substring(dot + 1);
      for (Kind kind : Kind.values()) {
        if (kind.extension.equals(extension)) return new StateFileName(id, kind);
      }
      return null;
    }
  }

  /** The batch id a file is named after, or -1 for any other name. */
  private static long batchIdOf(String name) {
    if (name.isEmpty() || name.length() > 18 || !name.chars().allMatch(c -> c >= '0' && c <= '9')) return -1;
    return Long.parseLong(name);
  }

  private OptionalLong latest(String dir) throws IOException {
    long max = -1;
    for (String name : fs.list(root.resolve(dir))) max = Math.max(max, batchIdOf(name));
    return max < 0 ? OptionalLong.empty() : OptionalLong.of(max);
  }

  private <T> T readJson(Path file, Class<T> type) throws IOException {
    ByteBuffer content = ChecksummedFiles.read(fs, file);
    try {
      return JSON.readValue(content.array(), content.arrayOffset(), content.remaining(), type);
    } catch (JsonProcessingException e) {
      throw new CorruptCheckpointException(file, "its checksum matches but its JSON cannot be read (" + e.getOriginalMessage() + ")", e);
    }
  }
}
