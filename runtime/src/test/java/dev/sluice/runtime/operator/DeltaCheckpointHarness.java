package dev.sluice.runtime.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.sluice.runtime.data.RowBatch;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

  static void check(Supplier<Operator> factory, List<Batch> batches, java.util.function.LongPredicate restoreBefore) {
    List<Map<String, Integer>> expected = run(factory, batches, b -> false);
    List<Map<String, Integer>> actual = run(factory, batches, restoreBefore);
    for (int b = 0; b < batches.size(); b++) {
      assertEquals(expected.get(b), actual.get(b), "batch " + b + " differs after restoring from deltas");
    }
  }

  private static List<Map<String, Integer>> run(Supplier<Operator> factory, List<Batch> batches, java.util.function.LongPredicate restoreBefore) {
    Operator operator = open(factory);
    byte[] shared = null;
    byte[][] groups = new byte[KeyGroups.COUNT][];
    List<Map<String, Integer>> outputs = new ArrayList<>();
    for (int b = 0; b < batches.size(); b++) {
      if (b > 0 && restoreBefore.test(b)) operator = restore(factory, shared, groups);
      OperatorContext context = contextOf(operator);
      context.startBatch(b, batches.get(b).watermark());
      RowBatch out = new RowBatch();
      List<RowBatch> inputs = batches.get(b).inputs();
      for (int input = 0; input < inputs.size(); input++) {
        if (!inputs.get(input).isEmpty()) operator.process(input, inputs.get(input), out);
      }
      operator.finishBatch(out);
      outputs.add(multiset(out));
      KeyGroupedState state = operator.checkpointState();
      assertNotNull(state, "a stateful operator offers its state");
      shared = write(out2 -> state.writeShared(out2));
      for (int g = 0; g < KeyGroups.COUNT; g++) {
        int group = g;
        if (state.changedKeyGroups().contains(g)) groups[g] = write(out2 -> state.writeKeyGroup(group, out2));
      }
      state.changedKeyGroups().clear();
    }
    return outputs;
  }

  private static final Map<Operator, OperatorContext> CONTEXTS = new java.util.IdentityHashMap<>();

  private static Operator open(Supplier<Operator> factory) {
    Operator operator = factory.get();
    OperatorContext context = new OperatorContext("op");
    operator.open(context);
    synchronized (CONTEXTS) {
      CONTEXTS.put(operator, context);
    }
    return operator;
  }

  private static OperatorContext contextOf(Operator operator) {
    synchronized (CONTEXTS) {
      return CONTEXTS.get(operator);
    }
  }

  private static Operator restore(Supplier<Operator> factory, byte[] shared, byte[][] groups) {
    Operator fresh = open(factory);
    KeyGroupedState state = fresh.checkpointState();
    try {
      StateReader sharedReader = new StateReader(new ByteArrayInputStream(shared));
      state.readShared(sharedReader);
      for (int g = 0; g < KeyGroups.COUNT; g++) {
        if (groups[g] == null) continue;
        ByteArrayInputStream in = new ByteArrayInputStream(groups[g]);
        state.readKeyGroup(g, new StateReader(in));
        assertEquals(0, in.available(), "key group " + g + " is read exactly as written");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    state.changedKeyGroups().clear();
    return fresh;
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

  private static Map<String, Integer> multiset(RowBatch batch) {
    Map<String, Integer> counts = new TreeMap<>();
    for (int i = 0; i < batch.size(); i++) counts.merge(batch.kind(i) + Arrays.deepToString(batch.row(i)), 1, Integer::sum);
    return counts;
  }
}
