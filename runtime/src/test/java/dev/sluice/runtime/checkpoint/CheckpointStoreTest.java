package dev.sluice.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
  private static final QueryMetadata METADATA =
      new QueryMetadata(QueryMetadata.FORMAT_VERSION, "q1", "SELECT 1", "abc:1", List.of("output mode append"), null);

  @TempDir Path root;

  /** A store and the one state part it checkpoints, as a query would hold them. */
  private final class Query implements AutoCloseable {
    final CheckpointStore store;
    final CounterState state = new CounterState();
    final List<StatePart> parts = List.of(new StatePart("counter", state));

    Query(CheckpointOptions options) throws IOException {
      this(root, options);
    }

    Query(Path location, CheckpointOptions options) throws IOException {
      store = new CheckpointStore(location, options);
      store.open();
      if (store.readMetadata().isEmpty()) store.writeMetadata(QueryMetadata.ofNewCheckpoint(METADATA));
    }

    CheckpointStore.RestoredState restore() throws IOException {
      return store.restoreState(store.latestCommit().orElse(-1), parts);
    }

    void batch(long id, long... keys) throws IOException {
      for (long k : keys) state.add(k, 1);
      store.writeState(id, parts);
      store.writeCommit(new CommitEntry(id, Map.of()));
    }

    @Override
    public void close() {
      store.close();
    }
  }

  private static CheckpointOptions options(int interval, int retained) {
    return CheckpointOptions.DEFAULTS.withSnapshotInterval(interval).withRetainedBatches(retained);
  }

  private List<String> stateFiles() {
    String[] names = root.resolve("state").toFile().list();
    Arrays.sort(names);
    return List.of(names);
  }

  @Test
  void stateIsRebuiltFromTheDeltasOfEveryBatch() throws IOException {
    Map<Long, Long> expected;
    try (Query query = new Query(options(1000, 1000))) {
      query.restore();
      for (long batch = 0; batch < 20; batch++) query.batch(batch, batch % 7, batch % 3, 100 + batch);
      query.state.remove(100);
      query.batch(20);
      expected = query.state.contents();
    }
    try (Query restarted = new Query(options(1000, 1000))) {
      CheckpointStore.RestoredState restored = restarted.restore();
      assertEquals(-1, restored.snapshotBatch());
      assertEquals(21, restored.deltas());
      assertEquals(expected, restarted.state.contents());
      assertEquals(60, restarted.state.total);
      assertTrue(restarted.state.changedKeyGroups().isEmpty(), "a restored state has nothing new to write");
    }
  }

  @Test
  void aDeltaHoldsOnlyTheKeyGroupsThatChanged() throws IOException {
    try (Query query = new Query(options(1000, 1000))) {
      query.restore();
      long[] many = new long[5000];
      for (int i = 0; i < many.length; i++) many[i] = i;
      query.batch(0, many);
      query.batch(1, 42);
      long full = Files.size(root.resolve("state/0.delta"));
      long one = Files.size(root.resolve("state/1.delta"));
      assertTrue(one * 50 < full, "one key's delta (" + one + " bytes) is a small part of all keys (" + full + " bytes)");
      StateFile delta = StateFile.parse(root.resolve("state/1.delta"), ChecksummedFiles.read(CheckpointFileSystem.local(),
          root.resolve("state/1.delta")), query.store.readMetadata().orElseThrow().checkpointId(), StateFile.Kind.DELTA, 1);
      assertEquals(1, Arrays.stream(delta.parts.get(0).keyGroups).filter(s -> s != null).count());
    }
  }

  @Test
  void compactionFoldsDeltasIntoSnapshotsAndOldFilesAreDeleted() throws IOException {
    Map<Long, Long> expected;
    try (Query query = new Query(options(5, 5))) {
      query.restore();
      for (long batch = 0; batch < 200; batch++) query.batch(batch, batch % 11, batch);
      expected = query.state.contents();
    } // close waits for the maintenance in progress
    List<String> files = stateFiles();
    assertTrue(files.stream().anyMatch(f -> f.endsWith(".snapshot")), "compaction wrote snapshots: " + files);
    // The snapshot the 5 retained batches start from, the deltas after it (snapshots are at most 3
    // intervals apart even when compaction lags), and the latest snapshot.
    assertTrue(files.size() <= 2 + 5 + 3 * 5, "old state files are deleted: " + files);
    assertTrue(root.resolve("offsets").toFile().list().length <= 5 + 2, "old offsets are deleted");
    assertTrue(root.resolve("commits").toFile().list().length <= 5 + 2, "old commits are deleted");

    FaultInjectingFileSystem counting = new FaultInjectingFileSystem(true);
    try (Query restarted = new Query(options(5, 5).withFileSystem(counting))) {
      CheckpointStore.RestoredState restored = restarted.restore();
      assertTrue(restored.snapshotBatch() >= 0, "starts from a snapshot");
      assertTrue(counting.reads().size() <= 1 + 3 * 5, "reads one snapshot and a few deltas: " + counting.reads());
      assertEquals(expected, restarted.state.contents());
    }
  }

  @Test
  void whenCompactionKeepsFailingTheQueryWritesASnapshotItself() throws IOException {
    FaultInjectingFileSystem fs = new FaultInjectingFileSystem(false).inject((op, file, index, bytes) ->
        Thread.currentThread().getName().startsWith("sluice-checkpoint") && op == FaultInjectingFileSystem.Operation.WRITE
            ? new IOException("compaction cannot write") : null);
    Map<Long, Long> expected;
    try (Query query = new Query(options(4, 1000).withFileSystem(fs))) {
      query.restore();
      for (long batch = 0; batch < 13; batch++) query.batch(batch, batch);
      expected = query.state.contents();
    }
    assertTrue(stateFiles().contains("12.snapshot"), "after 3 intervals of deltas the query thread snapshots: " + stateFiles());
    try (Query restarted = new Query(options(4, 1000))) {
      assertEquals(new CheckpointStore.RestoredState(12, 0, Files.size(root.resolve("state/12.snapshot"))), restarted.restore());
      assertEquals(expected, restarted.state.contents());
    }
  }

  @Test
  void aCorruptDeltaIsReportedByNameAndNothingIsRestored() throws IOException {
    try (Query query = new Query(options(1000, 1000))) {
      query.restore();
      for (long batch = 0; batch < 5; batch++) query.batch(batch, batch);
    }
    Path delta = root.resolve("state/3.delta");
    byte[] bytes = Files.readAllBytes(delta);
    bytes[bytes.length / 3] ^= 1;
    Files.write(delta, bytes);
    try (Query restarted = new Query(options(1000, 1000))) {
      CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class, restarted::restore);
      assertTrue(e.getMessage().contains(delta.toString()), e.getMessage());
      assertTrue(restarted.state.contents().isEmpty(), "no partial state is restored");
    }
  }

  @Test
  void aTruncatedSnapshotIsReportedByName() throws IOException {
    try (Query query = new Query(options(3, 1000))) {
      query.restore();
      for (long batch = 0; batch < 10; batch++) query.batch(batch, batch);
    }
    Path snapshot = stateFiles().stream().filter(f -> f.endsWith(".snapshot")).map(f -> root.resolve("state").resolve(f))
        .reduce((a, b) -> b).orElseThrow();
    Files.write(snapshot, Arrays.copyOf(Files.readAllBytes(snapshot), (int) Files.size(snapshot) - 20));
    try (Query restarted = new Query(options(3, 1000))) {
      CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class, restarted::restore);
      assertTrue(e.getMessage().contains(snapshot.toString()), e.getMessage());
    }
  }

  @Test
  void aMissingDeltaIsReportedByName() throws IOException {
    try (Query query = new Query(options(1000, 1000))) {
      query.restore();
      for (long batch = 0; batch < 5; batch++) query.batch(batch, batch);
    }
    Files.delete(root.resolve("state/2.delta"));
    try (Query restarted = new Query(options(1000, 1000))) {
      CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class, restarted::restore);
      assertTrue(e.getMessage().contains("2.delta") && e.getMessage().contains("missing"), e.getMessage());
    }
  }

  @Test
  void stateWrittenForABatchThatNeverCommittedIsDiscarded() throws IOException {
    Map<Long, Long> committed;
    try (Query query = new Query(options(1000, 1000))) {
      query.restore();
      query.batch(0, 1, 2);
      committed = query.state.contents();
      query.state.add(3, 1);
      query.store.writeState(1, query.parts); // crash before the commit
    }
    try (Query restarted = new Query(options(1000, 1000))) {
      restarted.restore();
      assertEquals(committed, restarted.state.contents());
      assertFalse(stateFiles().contains("1.delta"), "the uncommitted batch's state is gone: " + stateFiles());
    }
  }

  @Test
  void aSecondQueryCannotUseACheckpointInUse() throws IOException {
    try (Query query = new Query(options(10, 10))) {
      IOException e = assertThrows(IOException.class, () -> new Query(options(10, 10)));
      assertTrue(e.getMessage().contains("in use"), e.getMessage());
    }
    try (Query again = new Query(options(10, 10))) {
      assertNotNull(again.store);
    }
  }

  @Test
  void temporaryFilesACrashLeftAreRemovedOnOpen() throws IOException {
    try (Query query = new Query(options(10, 10))) {
      query.restore();
      query.batch(0, 1);
    }
    Files.write(root.resolve("state/.1.delta.tmp"), new byte[] {1, 2, 3});
    Files.write(root.resolve("offsets/.1.tmp"), new byte[] {1});
    try (Query restarted = new Query(options(10, 10))) {
      assertEquals(List.of("0.delta"), stateFiles());
      assertFalse(Files.exists(root.resolve("offsets/.1.tmp")));
    }
  }

  @Test
  void metadataAndLogRecordsRoundTrip() throws IOException {
    try (Query query = new Query(options(10, 10))) {
      QueryMetadata metadata = query.store.readMetadata().orElseThrow();
      assertEquals(METADATA, metadata.withCheckpointId(null));
      assertEquals(36, metadata.checkpointId().length(), "a UUID: " + metadata.checkpointId());
      assertEquals(metadata, query.store.readMetadata().orElseThrow());
      Map<String, String> start = new TreeMap<>(Map.of("t", "0"));
      OffsetEntry offsets = new OffsetEntry(0, start, Map.of("t", "5"), Map.of("t", 1000L));
      query.store.writeOffsets(offsets);
      assertEquals(offsets, query.store.readOffsets(0));
      ByteBuffer raw = ChecksummedFiles.read(CheckpointFileSystem.local(), root.resolve("metadata.json"));
      assertTrue(new String(raw.array(), 0, raw.remaining()).contains("\"stateLayout\":[\"output mode append\"]"));
    }
  }

  @Test
  void refusalsSayWhatChanged() {
    QueryMetadata before = new QueryMetadata(QueryMetadata.FORMAT_VERSION, "q1", "a", "f1",
        List.of("output mode update", "StreamGroupAggregate(groupBy=[word])"), null);
    assertEquals(null, before.incompatibility(new QueryMetadata(QueryMetadata.FORMAT_VERSION, "q1", "b", "f1", List.of(), null)));
    String changed = before.incompatibility(new QueryMetadata(QueryMetadata.FORMAT_VERSION, "q1", "b", "f2",
        List.of("output mode update", "StreamGroupAggregate(groupBy=[n])"), null));
    assertTrue(changed.contains("stateful operator 1") && changed.contains("was: StreamGroupAggregate(groupBy=[word])")
        && changed.contains("now: StreamGroupAggregate(groupBy=[n])"), changed);
    String mode = before.incompatibility(new QueryMetadata(QueryMetadata.FORMAT_VERSION, "q1", "b", "f2",
        List.of("output mode complete", "StreamGroupAggregate(groupBy=[word])"), null));
    assertTrue(mode.contains("the output mode") && mode.contains("was: output mode update"), mode);
    String added = before.incompatibility(new QueryMetadata(QueryMetadata.FORMAT_VERSION, "q1", "b", "f2",
        List.of("output mode update", "StreamGroupAggregate(groupBy=[word])", "StreamDeduplicate(key=[x])"), null));
    assertTrue(added.contains("adds stateful operator 2: StreamDeduplicate"), added);
    String old = new QueryMetadata(0, "q1", "a", "f1", List.of(), null).incompatibility(before);
    assertTrue(old.contains("format 0"), old);
    String beforeSharedDistinctValues = new QueryMetadata(2, "q1", "a", "f1", List.of(), null).incompatibility(before);
    assertTrue(beforeSharedDistinctValues != null && beforeSharedDistinctValues.contains("format 2"),
        "format 2 wrote one map per DISTINCT call; format 3 shares one per column");
    String withoutIdentity = new QueryMetadata(3, "q1", "a", "f1", List.of(), null).incompatibility(before);
    assertTrue(withoutIdentity != null && withoutIdentity.contains("format 3") && withoutIdentity.contains("identity"),
        "format 3 files carry no checkpoint identity: " + withoutIdentity);
  }

  @Test
  void aStateFileFromAnotherCheckpointIsRefusedByName() throws IOException {
    Path other = root.resolve("other");
    Path mine = root.resolve("mine");
    for (Path location : List.of(other, mine)) {
      try (Query query = new Query(location, options(10, 10))) {
        query.restore();
        query.batch(0, 1);
        query.batch(1, 2);
      }
    }
    Files.copy(other.resolve("state/1.delta"), mine.resolve("state/1.delta"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    try (Query restarted = new Query(mine, options(10, 10))) {
      CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class, restarted::restore);
      assertEquals(mine.resolve("state/1.delta"), e.file());
      assertTrue(e.getMessage().contains("another checkpoint"), e.getMessage());
    }
  }

  @Test
  void logEntriesFromAnotherCheckpointOrAnotherBatchAreRefusedByName() throws IOException {
    Path other = root.resolve("other");
    Path mine = root.resolve("mine");
    for (Path location : List.of(other, mine)) {
      try (Query query = new Query(location, options(10, 10))) {
        query.restore();
        for (long id = 0; id < 2; id++) {
          query.store.writeOffsets(new OffsetEntry(id, Map.of("t", Long.toString(id)), Map.of("t", Long.toString(id + 1)), Map.of()));
          query.batch(id, id);
        }
      }
    }
    Files.copy(mine.resolve("offsets/0"), mine.resolve("offsets/1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(other.resolve("commits/0"), mine.resolve("commits/0"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    try (Query restarted = new Query(mine, options(10, 10))) {
      CorruptCheckpointException wrongBatch = assertThrows(CorruptCheckpointException.class, () -> restarted.store.readOffsets(1));
      assertEquals(mine.resolve("offsets/1"), wrongBatch.file());
      assertTrue(wrongBatch.getMessage().contains("batch 0, not batch 1"), wrongBatch.getMessage());
      CorruptCheckpointException elsewhere = assertThrows(CorruptCheckpointException.class, () -> restarted.store.readCommit(0));
      assertEquals(mine.resolve("commits/0"), elsewhere.file());
      assertTrue(elsewhere.getMessage().contains("another checkpoint"), elsewhere.getMessage());
      assertEquals(1, restarted.store.readCommit(1).batchId());
    }
  }

  @Test
  void metadataWithoutAnIdentityIsRefusedByName() throws IOException {
    try (Query query = new Query(options(10, 10))) {
      query.restore();
    }
    Path metadata = root.resolve("metadata.json");
    String text = new String(ChecksummedFiles.read(CheckpointFileSystem.local(), metadata).array(), java.nio.charset.StandardCharsets.UTF_8);
    String withoutIdentity = text.substring(0, text.indexOf("#sluice")).trim().replaceAll(",\"checkpointId\":\"[^\"]*\"", "");
    ChecksummedFiles.write(CheckpointFileSystem.local(), metadata, withoutIdentity.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class, () -> new CheckpointStore(root).open());
    assertEquals(metadata, e.file());
    assertTrue(e.getMessage().contains("no checkpoint identity"), e.getMessage());
  }

  @Test
  void aCheckpointLocationThatIsARegularFileIsRefusedByName() throws IOException {
    Path file = root.resolve("not-a-directory");
    Files.writeString(file, "hello");
    IOException e = assertThrows(IOException.class, () -> new CheckpointStore(file).open());
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("is a file, not a directory"), e.getMessage());
  }

  @Test
  void aCheckpointLocationThatIsARegularFileIsRefusedByNameWhenItsMetadataIsRead() throws IOException {
    // The engine reads the metadata (for the query id) before it opens the store.
    Path file = root.resolve("not-a-directory");
    Files.writeString(file, "hello");
    IOException e = assertThrows(IOException.class, () -> new CheckpointStore(file).readMetadata());
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("is a file, not a directory"), e.getMessage());
  }

  @Test
  void partsAreMatchedByName() throws IOException {
    try (Query query = new Query(options(10, 10))) {
      query.restore();
      query.batch(0, 1);
    }
    CheckpointStore store = new CheckpointStore(root, options(10, 10));
    store.open();
    try {
      store.readMetadata();
      List<StatePart> other = new ArrayList<>(List.of(new StatePart("something else", new CounterState())));
      IOException e = assertThrows(IOException.class, () -> store.restoreState(0, other));
      assertTrue(e.getMessage().contains("[counter]") && e.getMessage().contains("[something else]"), e.getMessage());
    } finally {
      store.close();
    }
  }
}
