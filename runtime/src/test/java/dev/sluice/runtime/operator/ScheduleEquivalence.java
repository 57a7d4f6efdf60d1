package dev.sluice.runtime.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.operator.OperatorInput.Change;
import dev.sluice.runtime.operator.OperatorInput.Step;
import dev.sluice.runtime.operator.OperatorInput.Watermark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The adversarial check every stateful operator's tests run: one {@link OperatorInput}, cut into
 * micro-batches in each {@link Schedule}, must fold to the same table, drop the same rows as late
 * (counted and handed to the late-row handler), and keep these invariants on the way:
 *
 * <ul>
 *   <li>the changelog never retracts a row it does not hold ({@link FoldedTable});
 *   <li>with {@link #finalRowsOnly()}, it never retracts at all: every row is final when emitted;
 *   <li>with {@link #keyedBy}, the folded table has at most one row per key after every batch;
 *   <li>{@code hasWorkAt} tells the truth: after a batch at a watermark nothing is left to do at
 *       it, and a no-data batch the operator said had no work emits nothing and evicts nothing;
 *   <li>a no-data batch never adds state rows, and a restored instance holds as many as the one it
 *       replaces;
 *   <li>with {@link #stateEmptyAtEnd()}, the input's last watermark leaves nothing in state.
 * </ul>
 *
 * On failure the message names the schedule and lists the input with a marker at the batch that
 * failed, as Spark's {@code StreamTest} does.
 */
final class ScheduleEquivalence {

  /** Ways to cut an input into batches. */
  enum Schedule {
    /** Every run of changes between two watermark advances in one batch. */
    ALL_AT_ONCE(false, false),
    /** One change per batch; a watermark advance takes effect with the next change. */
    ONE_ROW_PER_BATCH(false, false),
    /** One change per batch, and a no-data batch for every watermark advance before the changes after it. */
    ONE_ROW_PER_BATCH_WATERMARKS_BETWEEN(true, false),
    /** As {@link #ONE_ROW_PER_BATCH}, restoring a fresh instance from the checkpoint before every batch. */
    ONE_ROW_PER_BATCH_RESTORING(false, true),
    /** As {@link #ONE_ROW_PER_BATCH_WATERMARKS_BETWEEN}, restoring a fresh instance before every batch. */
    ONE_ROW_PER_BATCH_WATERMARKS_BETWEEN_RESTORING(true, true);

    final boolean watermarkBatches;
    final boolean restoring;

    Schedule(boolean watermarkBatches, boolean restoring) {
      this.watermarkBatches = watermarkBatches;
      this.restoring = restoring;
    }
  }

  /** A batch to run: its watermark, its rows per input, and the input steps it covers. */
  private record PlannedBatch(long watermark, List<RowBatch> inputs, int firstStep, int lastStep) {
    boolean hasRows() {
      for (RowBatch rows : inputs) {
        if (!rows.isEmpty()) return true;
      }
      return false;
    }
  }

  private final Supplier<? extends Operator> factory;
  private boolean finalRowsOnly;
  private int[] key;
  private boolean stateEmptyAtEnd;
  private long droppedLateRows = -1;

  private ScheduleEquivalence(Supplier<? extends Operator> factory) {
    this.factory = factory;
  }

  /** A check of the operators {@code factory} builds; each schedule gets fresh ones. */
  static ScheduleEquivalence of(Supplier<? extends Operator> factory) {
    return new ScheduleEquivalence(factory);
  }

  /** The operator's output is final (append mode): it emits inserts only. */
  ScheduleEquivalence finalRowsOnly() {
    this.finalRowsOnly = true;
    return this;
  }

  /** The operator's result is a table keyed by {@code columns} (a group key, partition and rank). */
  ScheduleEquivalence keyedBy(int... columns) {
    this.key = columns;
    return this;
  }

  /** The input's last watermark is past everything, so the operator must have evicted all its state. */
  ScheduleEquivalence stateEmptyAtEnd() {
    this.stateEmptyAtEnd = true;
    return this;
  }

  /** The operator drops exactly {@code count} input rows as late. */
  ScheduleEquivalence droppedLateRows(long count) {
    this.droppedLateRows = count;
    return this;
  }

  /** Runs {@code input} in every schedule, checks they agree, and returns the folded result. */
  FoldedTable check(OperatorInput input) {
    OperatorHarness reference = run(Schedule.ALL_AT_ONCE, input);
    if (droppedLateRows >= 0) assertEquals(droppedLateRows, reference.metrics().droppedLateRows, "droppedLateRows, input:\n" + input);
    for (Schedule schedule : Schedule.values()) {
      if (schedule == Schedule.ALL_AT_ONCE) continue;
      OperatorHarness harness = run(schedule, input);
      String where = "\nschedule " + schedule + " against " + Schedule.ALL_AT_ONCE + ", input:\n" + input;
      assertEquals(reference.table(), harness.table(), "the folded result differs" + where);
      assertEquals(reference.metrics().droppedLateRows, harness.metrics().droppedLateRows, "droppedLateRows differs" + where);
      assertEquals(reference.lateRows(), harness.lateRows(), "the rows dropped as late differ" + where);
      assertEquals(reference.metrics().nullTimeRows, harness.metrics().nullTimeRows, "nullTimeRows differs" + where);
    }
    return reference.table();
  }

  private OperatorHarness run(Schedule schedule, OperatorInput input) {
    OperatorHarness harness = new OperatorHarness(factory);
    List<PlannedBatch> batches = plan(schedule, input);
    for (int b = 0; b < batches.size(); b++) {
      PlannedBatch batch = batches.get(b);
      // Alternate the two restore paths: deltas find unmarked changes, snapshots incomplete writes.
      boolean fromDeltas = b % 2 == 0;
      boolean restoring = schedule.restoring && b > 0;
      try {
        if (restoring && fromDeltas) harness.restore();
        else if (restoring) harness.restoreFromSnapshot();
        runChecked(harness, batch);
      } catch (AssertionError | RuntimeException e) {
        String restored = !restoring ? "" : fromDeltas ? ", restored from the checkpoint's deltas," : ", restored from a full snapshot,";
        throw new AssertionError("schedule " + schedule + ", batch " + b + " of " + batches.size() + restored + " at watermark "
            + watermarkText(batch.watermark()) + " fails: " + e.getMessage() + "\ninput (the batch's steps marked):\n"
            + input.describe(batch.firstStep(), batch.lastStep()) + "changelog so far:\n" + harness.changelog(), e);
      }
    }
    if (stateEmptyAtEnd) {
      assertEquals(0, harness.stateRows(), "schedule " + schedule + ": state rows left after the last watermark " + watermarkText(input.watermark())
          + "\ninput:\n" + input);
    }
    return harness;
  }

  private void runChecked(OperatorHarness harness, PlannedBatch batch) {
    long watermark = batch.watermark();
    boolean watermarked = watermark != OperatorContext.NO_WATERMARK;
    boolean noData = !batch.hasRows();
    boolean saidWork = watermarked && harness.operator().hasWorkAt(watermark);
    long stateBefore = harness.stateRows();
    RowBatch out = harness.batch(watermark, batch.inputs());
    if (noData) {
      assertTrue(harness.stateRows() <= stateBefore, "a no-data batch added state rows: " + stateBefore + " -> " + harness.stateRows());
      if (!saidWork) {
        assertTrue(out.isEmpty(), "hasWorkAt(" + watermark + ") was false, yet the no-data batch emitted " + out);
        assertEquals(stateBefore, harness.stateRows(), "hasWorkAt(" + watermark + ") was false, yet the no-data batch evicted state");
      }
    }
    if (watermarked) assertFalse(harness.operator().hasWorkAt(watermark), "work is left at watermark " + watermark + " after its batch");
    for (int i = 0; i < out.size(); i++) {
      if (finalRowsOnly && out.kind(i) != RowKind.INSERT) {
        throw new AssertionError("an operator whose rows are final emitted " + out.kind(i).shortString() + Arrays.deepToString(out.row(i)));
      }
    }
    if (key != null) harness.table().assertUniqueKey(key);
  }

  private static String watermarkText(long watermark) {
    return watermark == OperatorContext.NO_WATERMARK ? "(none)" : Long.toString(watermark);
  }

  /** Cuts {@code input} into batches as {@code schedule} says. */
  private static List<PlannedBatch> plan(Schedule schedule, OperatorInput input) {
    List<PlannedBatch> batches = new ArrayList<>();
    List<Step> steps = input.steps();
    long watermark = OperatorContext.NO_WATERMARK;
    List<RowBatch> pending = emptyInputs(input.inputCount());
    int first = 0;
    boolean pendingRows = false;
    // Whether the watermark moved since the last batch: a trailing advance still needs a batch to act on it.
    boolean watermarkMoved = false;
    for (int s = 0; s < steps.size(); s++) {
      Step step = steps.get(s);
      if (step instanceof Watermark w) {
        if (pendingRows) {
          batches.add(new PlannedBatch(watermark, pending, first, s - 1));
          pending = emptyInputs(input.inputCount());
          pendingRows = false;
        }
        watermark = w.value();
        if (schedule.watermarkBatches) {
          batches.add(new PlannedBatch(watermark, List.of(), s, s));
          watermarkMoved = false;
        } else {
          watermarkMoved = true;
        }
        first = s + 1;
        continue;
      }
      Change change = (Change) step;
      pending.get(change.input()).add(change.kind(), change.row());
      pendingRows = true;
      if (schedule != Schedule.ALL_AT_ONCE) {
        batches.add(new PlannedBatch(watermark, pending, first, s));
        pending = emptyInputs(input.inputCount());
        pendingRows = false;
        first = s + 1;
      }
      watermarkMoved = false;
    }
    if (pendingRows) batches.add(new PlannedBatch(watermark, pending, first, steps.size() - 1));
    else if (watermarkMoved) batches.add(new PlannedBatch(watermark, List.of(), first - 1, steps.size() - 1));
    return batches;
  }

  private static List<RowBatch> emptyInputs(int count) {
    List<RowBatch> inputs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) inputs.add(new RowBatch());
    return inputs;
  }
}
