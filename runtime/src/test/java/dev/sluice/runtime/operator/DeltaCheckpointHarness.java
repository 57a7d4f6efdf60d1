package dev.sluice.runtime.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.sluice.runtime.data.RowBatch;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * Runs a stateful operator over the same batches twice: once without interruption, and once
 * checkpointed after every batch by deltas alone (only the key groups the operator marked as
 * changed are written over the previous checkpoint) and restored into a fresh instance at the
 * given batches. The two must emit the same changes, batch by batch, as multisets: a key group an
 * operator changed but did not mark is missing or stale after a restore, and shows here.
 */
final class DeltaCheckpointHarness {

  /** The input of one batch: rows per input, and the watermark in force. */
  record Batch(long watermark, List<RowBatch> inputs) {}

  private DeltaCheckpointHarness() {}

  static void check(Supplier<Operator> factory, List<Batch> batches, LongPredicate restoreBefore) {
    OperatorHarness uninterrupted = new OperatorHarness(factory);
    OperatorHarness restored = new OperatorHarness(factory);
    assertNotNull(restored.operator().checkpointState(), "a stateful operator offers its state");
    for (int b = 0; b < batches.size(); b++) {
      if (b > 0 && restoreBefore.test(b)) restored.restore();
      Batch batch = batches.get(b);
      Map<String, Integer> expected = multiset(uninterrupted.batch(batch.watermark(), batch.inputs()));
      Map<String, Integer> actual = multiset(restored.batch(batch.watermark(), batch.inputs()));
      assertEquals(expected, actual, "batch " + b + " differs after restoring from deltas");
    }
  }

  private static Map<String, Integer> multiset(RowBatch batch) {
    Map<String, Integer> counts = new TreeMap<>();
    for (int i = 0; i < batch.size(); i++) counts.merge(batch.kind(i) + Arrays.deepToString(batch.row(i)), 1, Integer::sum);
    return counts;
  }
}
