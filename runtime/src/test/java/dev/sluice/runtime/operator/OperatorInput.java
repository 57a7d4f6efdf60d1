package dev.sluice.runtime.operator;

import dev.sluice.runtime.data.RowKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What an operator receives over time, independent of how it is cut into micro-batches: changes
 * on its inputs, in order, with watermark advances between them. A change is judged against the
 * watermark of the last {@link Watermark} step before it ({@link OperatorContext#NO_WATERMARK}
 * before the first). {@link ScheduleEquivalence} cuts the same input into batches in several ways.
 */
final class OperatorInput {

  /** One step of the input. */
  sealed interface Step permits Change, Watermark {}

  /** A change on input {@code input}. */
  record Change(int input, RowKind kind, Object[] row) implements Step {
    @Override
    public String toString() {
      return "input " + input + ": " + kind.shortString() + Arrays.deepToString(row);
    }
  }

  /** The watermark moves to {@code value}; it never moves back. */
  record Watermark(long value) implements Step {
    @Override
    public String toString() {
      return "watermark " + value;
    }
  }

  private final int inputCount;
  private final List<Step> steps = new ArrayList<>();
  private long watermark = OperatorContext.NO_WATERMARK;

  /** An empty input for an operator with {@code inputCount} inputs. */
  OperatorInput(int inputCount) {
    this.inputCount = inputCount;
  }

  /** A row of values, for brevity in tests. */
  static Object[] row(Object... values) {
    return values;
  }

  int inputCount() {
    return inputCount;
  }

  List<Step> steps() {
    return Collections.unmodifiableList(steps);
  }

  /** The watermark after the last step. */
  long watermark() {
    return watermark;
  }

  OperatorInput add(int input, RowKind kind, Object[] row) {
    if (input < 0 || input >= inputCount) throw new IllegalArgumentException("input " + input + " of " + inputCount);
    steps.add(new Change(input, kind, row));
    return this;
  }

  OperatorInput insert(int input, Object[] row) {
    return add(input, RowKind.INSERT, row);
  }

  OperatorInput insert(Object[] row) {
    return add(0, RowKind.INSERT, row);
  }

  /** An update of input 0's row {@code before} to {@code after}: the {@code -U}/{@code +U} pair an updating input sends. */
  OperatorInput update(Object[] before, Object[] after) {
    add(0, RowKind.UPDATE_BEFORE, before);
    return add(0, RowKind.UPDATE_AFTER, after);
  }

  OperatorInput delete(Object[] row) {
    return add(0, RowKind.DELETE, row);
  }

  OperatorInput watermark(long value) {
    if (watermark != OperatorContext.NO_WATERMARK && value < watermark) {
      throw new IllegalArgumentException("the watermark moves from " + watermark + " back to " + value);
    }
    watermark = value;
    steps.add(new Watermark(value));
    return this;
  }

  /** The steps, numbered, with {@code -->} before those from {@code first} to {@code last}: the batch that failed. */
  String describe(int first, int last) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < steps.size(); i++) {
      sb.append(i >= first && i <= last ? "  --> " : "      ").append(String.format("%3d  ", i)).append(steps.get(i)).append('\n');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return describe(-1, -1);
  }
}
