package dev.sluice.runtime.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.state.KeyGroupedState;
import dev.sluice.runtime.state.KeyGroups;
import dev.sluice.runtime.state.StateReader;
import dev.sluice.runtime.state.StateWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs one operator the way {@code MicroBatchExecutor} does, batch by batch, and restarts it from
 * its checkpoint whenever a test asks (Jet's {@code TestSupport} is the model).
 *
 * <p>A batch fixes the watermark, hands each input its rows, switches the context to the watermark
 * phase and calls {@code finishBatch}. After every batch the harness checkpoints as {@code
 * QueryCheckpoint} does: the operator-wide part (behind the operator's late and NULL-time row
 * counts) and the key groups the operator marked as changed, laid over the previous checkpoint,
 * each through {@link StateWriter} into bytes. {@link #restore()} builds a fresh instance from the
 * factory and reads those bytes back through {@link StateReader}, each part exactly to its end, as
 * a restarted query would; {@link #restoreFromSnapshot()} does the same from a full snapshot of the
 * running instance instead, so a change the operator forgot to mark is found by one and not the
 * other.
 *
 * <p>Every change the operator emits is kept in order ({@link #changelog()}) and folded into a
 * table ({@link #table()}); a retraction of a row the table does not hold fails at once. Rows the
 * operator drops as late are kept too ({@link #lateRows()}).
 */
final class OperatorHarness {
  private final Supplier<? extends Operator> factory;
  private Operator operator;
  private OperatorContext context;
  private long nextBatchId;
  private long watermark = OperatorContext.NO_WATERMARK;
  private long previousWatermark = OperatorContext.NO_WATERMARK;
  private final List<Change> changelog = new ArrayList<>();
  private final FoldedTable table = new FoldedTable();
  /** Rows the operator handed to its late-row handler, across restores. */
  private final FoldedTable lateRows = new FoldedTable();

  /** The checkpoint after the last batch: the shared part, and per key group its latest bytes (null: never written). */
  private byte[] checkpointedShared;
  private final byte[][] checkpointedKeyGroups = new byte[KeyGroups.COUNT][];

  /** One emitted change. */
  record Change(RowKind kind, Object[] row) {
    @Override
    public String toString() {
      return kind.shortString() + Arrays.deepToString(row);
    }
  }

  /** Opens a fresh instance from {@code factory}. */
  OperatorHarness(Supplier<? extends Operator> factory) {
    this.factory = factory;
    this.operator = open();
  }

  private Operator open() {
    Operator fresh = factory.get();
    context = new OperatorContext("harness");
    context.setLateRowHandler((operatorName, row, watermark, reason) -> lateRows.apply(RowKind.INSERT, row));
    fresh.open(context);
    return fresh;
  }

  Operator operator() {
    return operator;
  }

  /** The running instance's counters; they survive a restore, as the checkpoint carries them. */
  OperatorMetrics metrics() {
    return context.metrics();
  }

  long stateRows() {
    return operator.stateRows();
  }

  /** Every change emitted so far, across restores. */
  List<Change> changelog() {
    return Collections.unmodifiableList(changelog);
  }

  /** The changelog so far, folded. */
  FoldedTable table() {
    return table;
  }

  /** The input rows dropped as late so far, as the {@code 'late-rows.table'} would receive them. */
  FoldedTable lateRows() {
    return lateRows;
  }

  /** Runs a batch on a single-input operator. */
  RowBatch batch(long watermark, RowBatch rows) {
    return batch(watermark, List.of(rows));
  }

  /** Runs a batch of inserts on a single-input operator. */
  RowBatch insert(long watermark, Object[]... rows) {
    return batch(watermark, RowBatch.of(rows));
  }

  /** Runs a batch without input: the no-data batch the executor runs when the watermark gives an operator work. */
  RowBatch advanceWatermark(long watermark) {
    return batch(watermark, List.of());
  }

  /**
   * Runs one micro-batch at {@code watermark} with {@code inputs.get(i)} for input {@code i}
   * (missing or empty inputs get no call), checkpoints, and returns what the operator emitted.
   */
  RowBatch batch(long watermark, List<RowBatch> inputs) {
    if (this.watermark != OperatorContext.NO_WATERMARK && watermark < this.watermark) {
      throw new IllegalArgumentException("the watermark moves from " + this.watermark + " back to " + watermark);
    }
    this.watermark = watermark;
    context.startBatch(nextBatchId, watermark);
    RowBatch out = new RowBatch();
    for (int input = 0; input < inputs.size(); input++) {
      if (!inputs.get(input).isEmpty()) operator.process(input, inputs.get(input), out);
    }
    context.startWatermarkPhase(previousWatermark);
    previousWatermark = watermark;
    operator.finishBatch(out);
    for (int i = 0; i < out.size(); i++) {
      changelog.add(new Change(out.kind(i), out.row(i)));
      table.apply(out.kind(i), out.row(i));
    }
    checkpoint();
    nextBatchId++;
    return out;
  }

  /** Writes the shared part and the changed key groups over the previous checkpoint, then clears the change set. */
  private void checkpoint() {
    KeyGroupedState state = operator.checkpointState();
    checkpointedShared = write(out -> writeShared(state, out));
    if (state == null) return;
    for (int g = 0; g < KeyGroups.COUNT; g++) {
      int keyGroup = g;
      if (state.changedKeyGroups().contains(g)) checkpointedKeyGroups[g] = write(out -> state.writeKeyGroup(keyGroup, out));
    }
    state.changedKeyGroups().clear();
  }

  /** As {@code QueryCheckpoint} writes an operator's part: its row counts, then its own shared state. */
  private void writeShared(KeyGroupedState state, StateWriter out) throws IOException {
    out.writeLong(context.metrics().droppedLateRows);
    out.writeLong(context.metrics().nullTimeRows);
    if (state != null) state.writeShared(out);
  }

  /**
   * Replaces the running instance with a fresh one restored from the checkpoint of the last batch,
   * as after a crash. The fresh instance must hold as many rows as the old one.
   */
  void restore() {
    long stateRows = operator.stateRows();
    operator.close();
    operator = open();
    if (checkpointedShared != null) read(checkpointedShared, checkpointedKeyGroups);
    assertEquals(stateRows, operator.stateRows(), "stateRows after restoring from the checkpoint (snapshot and deltas)");
  }

  /** As {@link #restore()}, from a full snapshot of the running instance written now. */
  void restoreFromSnapshot() {
    KeyGroupedState state = operator.checkpointState();
    byte[] shared = write(out -> writeShared(state, out));
    byte[][] keyGroups = new byte[KeyGroups.COUNT][];
    for (int g = 0; state != null && g < KeyGroups.COUNT; g++) {
      int keyGroup = g;
      byte[] bytes = write(out -> state.writeKeyGroup(keyGroup, out));
      // As in a snapshot file: a key group that wrote nothing is not there, and is not read.
      keyGroups[g] = bytes.length == 0 ? null : bytes;
    }
    long stateRows = operator.stateRows();
    operator.close();
    operator = open();
    read(shared, keyGroups);
    assertEquals(stateRows, operator.stateRows(), "stateRows after restoring from a full snapshot");
  }

  private void read(byte[] shared, byte[][] keyGroups) {
    KeyGroupedState state = operator.checkpointState();
    try {
      ByteArrayInputStream in = new ByteArrayInputStream(shared);
      StateReader reader = new StateReader(in);
      context.metrics().droppedLateRows = reader.readLong();
      context.metrics().nullTimeRows = reader.readLong();
      if (state != null) state.readShared(reader);
      assertEquals(0, in.available(), "the shared state is read exactly as written");
      for (int g = 0; state != null && g < KeyGroups.COUNT; g++) {
        if (keyGroups[g] == null) continue;
        in = new ByteArrayInputStream(keyGroups[g]);
        state.readKeyGroup(g, new StateReader(in));
        assertEquals(0, in.available(), "key group " + g + " is read exactly as written");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (state != null) state.changedKeyGroups().clear();
  }

  private interface Writing {
    void accept(StateWriter out) throws IOException;
  }

  private static byte[] write(Writing writing) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (StateWriter writer = new StateWriter(bytes)) {
      writing.accept(writer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
