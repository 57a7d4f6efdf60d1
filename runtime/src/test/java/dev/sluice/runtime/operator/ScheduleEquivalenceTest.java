package dev.sluice.runtime.operator;

import static dev.sluice.runtime.operator.OperatorInput.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.state.ChangedKeyGroups;
import dev.sluice.runtime.state.KeyGroupedMap;
import dev.sluice.runtime.state.KeyGroupedState;
import dev.sluice.runtime.state.RowKey;
import dev.sluice.runtime.state.StateReader;
import dev.sluice.runtime.state.StateWriter;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The harness finds the mistakes it exists for: run on small operators, each broken in one way,
 * it fails, and names the schedule and the batch.
 */
class ScheduleEquivalenceTest {

  /**
   * Counts rows per key (column 0) and emits {@code (key, count)} as it changes; a key whose time
   * (column 1) is at or before the watermark leaves state. The flags break it.
   */
  private static final class Counter implements Operator, KeyGroupedState {
    private final boolean marksChanges;
    private final boolean admitsWork;
    private final boolean retractsOnEviction;
    private final ChangedKeyGroups changes = new ChangedKeyGroups();
    private final KeyGroupedMap<long[]> counts = new KeyGroupedMap<>(changes);
    private OperatorContext context;

    Counter(boolean marksChanges, boolean admitsWork, boolean retractsOnEviction) {
      this.marksChanges = marksChanges;
      this.admitsWork = admitsWork;
      this.retractsOnEviction = retractsOnEviction;
    }

    @Override
    public void open(OperatorContext context) {
      this.context = context;
    }

    @Override
    public void process(int input, RowBatch batch, RowBatch out) {
      for (int i = 0; i < batch.size(); i++) {
        RowKey key = RowKey.of(batch.row(i), new int[] {0, 1});
        long[] count = counts.get(key);
        if (count == null) {
          counts.put(key, new long[] {1});
          out.insert(row(key.values()[0], key.values()[1], 1L));
          continue;
        }
        out.add(RowKind.UPDATE_BEFORE, row(key.values()[0], key.values()[1], count[0]));
        count[0]++;
        if (marksChanges) counts.markChanged(key);
        out.add(RowKind.UPDATE_AFTER, row(key.values()[0], key.values()[1], count[0]));
      }
    }

    @Override
    public void finishBatch(RowBatch out) {
      if (!context.hasWatermark()) return;
      for (RowKey key : counts.keys()) {
        if ((Long) key.values()[1] > context.watermark()) continue;
        long[] count = counts.remove(key);
        // A retraction here is of a row this operator emitted: it holds. Retracting twice is the mistake.
        if (retractsOnEviction) out.add(RowKind.DELETE, row(key.values()[0], key.values()[1], count[0] + 1));
      }
    }

    @Override
    public boolean hasWorkAt(long watermark) {
      if (!admitsWork) return false;
      for (RowKey key : counts.keys()) {
        if ((Long) key.values()[1] <= watermark) return true;
      }
      return false;
    }

    @Override
    public long stateRows() {
      return counts.size();
    }

    @Override
    public KeyGroupedState checkpointState() {
      return this;
    }

    @Override
    public ChangedKeyGroups changedKeyGroups() {
      return changes;
    }

    @Override
    public void writeKeyGroup(int keyGroup, StateWriter out) throws IOException {
      Map<RowKey, long[]> group = counts.keyGroup(keyGroup);
      out.writeInt(group.size());
      for (Map.Entry<RowKey, long[]> e : group.entrySet()) {
        out.writeRow(e.getKey().values());
        out.writeLong(e.getValue()[0]);
      }
    }

    @Override
    public void readKeyGroup(int keyGroup, StateReader in) throws IOException {
      for (int n = in.readInt(); n > 0; n--) counts.put(new RowKey(in.readRow()), new long[] {in.readLong()});
    }
  }

  /** Key (1, 10) changes again after a restore, so a lost change to it shows in the output. */
  private static final OperatorInput INPUT = new OperatorInput(1)
      .insert(row(1L, 10L)).insert(row(1L, 10L)).insert(row(2L, 20L)).insert(row(1L, 10L))
      .watermark(10).insert(row(2L, 20L)).insert(row(1L, 30L))
      .watermark(100);

  @Test
  void aCorrectOperatorPasses() {
    FoldedTable result = ScheduleEquivalence.of(() -> new Counter(true, true, false)).keyedBy(0, 1).stateEmptyAtEnd().check(INPUT);
    assertEquals(FoldedTable.of(row(1L, 10L, 3L), row(2L, 20L, 2L), row(1L, 30L, 1L)), result);
  }

  @Test
  void aChangeNotMarkedForTheCheckpointIsLostOnRestore() {
    AssertionError failure = assertThrows(AssertionError.class,
        () -> ScheduleEquivalence.of(() -> new Counter(false, true, false)).keyedBy(0, 1).check(INPUT));
    assertTrue(failure.getMessage().contains("schedule ONE_ROW_PER_BATCH_RESTORING"), failure.getMessage());
  }

  @Test
  void evictionThatHasWorkAtDeniesIsFound() {
    AssertionError failure = assertThrows(AssertionError.class,
        () -> ScheduleEquivalence.of(() -> new Counter(true, false, false)).check(INPUT));
    assertTrue(failure.getMessage().contains("hasWorkAt(100) was false"), failure.getMessage());
    assertTrue(failure.getMessage().contains("-->"), "the failing batch is marked: " + failure.getMessage());
  }

  @Test
  void retractingARowTheChangelogDoesNotHoldIsFound() {
    AssertionError failure = assertThrows(AssertionError.class,
        () -> ScheduleEquivalence.of(() -> new Counter(true, true, true)).check(INPUT));
    assertTrue(failure.getMessage().contains("does not hold"), failure.getMessage());
  }

  @Test
  void anOperatorThatRetractsIsNotFinal() {
    AssertionError failure = assertThrows(AssertionError.class,
        () -> ScheduleEquivalence.of(() -> new Counter(true, true, false)).finalRowsOnly().check(INPUT));
    assertTrue(failure.getMessage().contains("whose rows are final emitted -U"), failure.getMessage());
  }

  @Test
  void stateLeftBehindTheLastWatermarkIsFound() {
    OperatorInput withLateKey = new OperatorInput(1).insert(row(1L, 1000L)).watermark(100);
    AssertionError failure = assertThrows(AssertionError.class,
        () -> ScheduleEquivalence.of(() -> new Counter(true, true, false)).stateEmptyAtEnd().check(withLateKey));
    assertTrue(failure.getMessage().contains("state rows left"), failure.getMessage());
  }
}
