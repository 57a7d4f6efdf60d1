package dev.sluice.runtime.operator;

import static dev.sluice.runtime.operator.OperatorInput.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.aggregate.AggregateCall;
import dev.sluice.runtime.aggregate.AggregateKind;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link WindowAggregateOperator} is {@link WindowAssignerOperator} followed by {@link
 * GroupAggregateOperator} in append mode: over random insert-only input (rows out of order, late,
 * with NULL times, keys and values; tumbling and sliding windows with offsets) under a random
 * watermark, both emit the same rows batch by batch, drop the same late rows, hold the same number
 * of rows, and each restores from its own checkpoint and from the other's. Input rows are {@code
 * (ts, k, v, f)}.
 */
class WindowAggregateOperatorTest {
  private static final int TS = 0;
  private static final int K = 1;
  private static final int V = 2;
  private static final int F = 3;
  private static final int WIDTH = 4;
  private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);

  /**
   * The windows and grouping of one test: {@code keyed} adds {@code k} to the grouping, before the
   * window bounds or after them ({@code keyLast}); {@code byStart} makes {@code window_start} the
   * event-time key instead of {@code window_end}.
   */
  record Shape(TypeKind key, long size, long slide, long offset, boolean keyed, boolean keyLast, boolean byStart) {
    int[] keyColumns() {
      if (!keyed) return new int[] {WIDTH, WIDTH + 1};
      return keyLast ? new int[] {WIDTH, WIDTH + 1, K} : new int[] {K, WIDTH, WIDTH + 1};
    }

    int timeKey() {
      int start = keyed && !keyLast ? 1 : 0;
      return byStart ? start : start + 1;
    }

    long timeOffset() {
      return byStart ? size : 0;
    }

    AggregateCall[] calls() {
      return new AggregateCall[] {
          new AggregateCall(AggregateKind.COUNT_STAR, -1, false, -1, BIGINT, false),
          new AggregateCall(AggregateKind.COUNT, V, false, -1, BIGINT, false),
          new AggregateCall(AggregateKind.SUM, V, false, -1, BIGINT, false),
          new AggregateCall(AggregateKind.MIN, V, false, -1, BIGINT, false),
          new AggregateCall(AggregateKind.MAX, V, false, F, BIGINT, false),
          new AggregateCall(AggregateKind.COUNT_STAR, -1, false, F, BIGINT, false)};
    }

    List<TypeKind> inputKinds() {
      return List.of(TypeKind.TIMESTAMP, key, TypeKind.BIGINT, TypeKind.BOOLEAN);
    }

    Operator reference() {
      return new AssignThenAggregate(new WindowAssignerOperator(TS, size, slide, offset, true),
          new GroupAggregateOperator(keyColumns(), calls(), timeKey(), timeOffset(), true, true));
    }

    Operator fused() {
      return new WindowAggregateOperator(TS, size, slide, offset, WIDTH, keyColumns(), keyed ? key : null, calls());
    }
  }

  /** The assigner's output straight into the aggregation, one operator with the aggregation's state. */
  private static final class AssignThenAggregate implements Operator {
    private final Operator assigner;
    private final Operator aggregate;

    AssignThenAggregate(Operator assigner, Operator aggregate) {
      this.assigner = assigner;
      this.aggregate = aggregate;
    }

    @Override
    public void open(OperatorContext context) {
      assigner.open(context);
      aggregate.open(context);
    }

    @Override
    public void process(int input, RowBatch batch, RowBatch out) {
      RowBatch windowed = new RowBatch();
      assigner.process(input, batch, windowed);
      aggregate.process(0, windowed, out);
    }

    @Override
    public void finishBatch(RowBatch out) {
      aggregate.finishBatch(out);
    }

    @Override
    public boolean hasWorkAt(long watermark) {
      return aggregate.hasWorkAt(watermark);
    }

    @Override
    public long stateRows() {
      return aggregate.stateRows();
    }

    @Override
    public dev.sluice.runtime.state.KeyGroupedState checkpointState() {
      return aggregate.checkpointState();
    }
  }

  @Provide
  Arbitrary<Shape> shapes() {
    Arbitrary<long[]> windows = Arbitraries.of(new long[] {10, 10, 0}, new long[] {10, 10, 3}, new long[] {20, 5, 0}, new long[] {12, 4, 7},
        new long[] {6, 3, -2});
    return Combinators.combine(Arbitraries.of(TypeKind.BIGINT, TypeKind.INTEGER, TypeKind.SMALLINT), windows, Arbitraries.of(false, true),
        Arbitraries.of(false, true), Arbitraries.of(false, true)).as((key, w, keyed, keyLast, byStart) ->
        new Shape(key, w[0], w[1], w[2], keyed, keyLast, byStart));
  }

  /**
   * One input row: its time ({@code -1} NULL), key ({@code -1} NULL, 0-3 extremes), value ({@code
   * 11} NULL) and filter; {@code cut} below 5 ends the batch after it with the watermark moved by
   * {@code advance}, and then restores the subject: 0 from its delta checkpoints, 1 from a
   * snapshot, 2 as the other operator.
   */
  record Action(int time, int key, int value, boolean filter, int cut, int advance) {}

  @Provide
  Arbitrary<List<Action>> actions() {
    return Combinators.combine(Arbitraries.integers().between(-1, 80), Arbitraries.integers().between(-1, 9),
        Arbitraries.integers().between(-5, 11), Arbitraries.of(true, false), Arbitraries.integers().between(0, 12),
        Arbitraries.integers().between(0, 15)).as(Action::new).list().ofMinSize(0).ofMaxSize(120);
  }

  private static final long[] EXTREME_KEYS = {0, -1, Long.MAX_VALUE, Long.MIN_VALUE};

  private static Object key(Shape shape, int key) {
    if (key < 0) return null;
    long n = key < EXTREME_KEYS.length ? EXTREME_KEYS[key] : key * 7919L;
    return switch (shape.key()) {
      case SMALLINT -> (short) n;
      case INTEGER -> (int) n;
      default -> n;
    };
  }

  @Property(tries = 300)
  void sameAsAssignerThenAggregate(@ForAll("shapes") Shape shape, @ForAll("actions") List<Action> actions) {
    OperatorHarness reference = new OperatorHarness(shape::reference);
    boolean[] subjectIsReference = {false};
    OperatorHarness subject = new OperatorHarness(() -> subjectIsReference[0] ? shape.reference() : shape.fused());
    long watermark = OperatorContext.NO_WATERMARK;
    RowBatch rows = new RowBatch();
    for (int a = 0; a < actions.size(); a++) {
      Action action = actions.get(a);
      rows.insert(row(action.time() < 0 ? null : (long) action.time(), key(shape, action.key()), action.value() == 11 ? null : (long) action.value(),
          action.filter() ? Boolean.TRUE : null));
      if (action.cut() >= 5 && a < actions.size() - 1) continue;
      if (action.advance() > 0) watermark = watermark == OperatorContext.NO_WATERMARK ? action.advance() : watermark + action.advance();
      long at = watermark;
      int index = a;
      Supplier<String> where = () -> "batch ending at action " + index + " at watermark " + at + " (" + shape + ", subject "
          + (subjectIsReference[0] ? "reference" : "fused") + ")";
      assertEquals(folded(reference.batch(watermark, rows)), folded(subject.batch(watermark, rows)),
          () -> "the rows differ in the " + where.get());
      assertEquals(reference.stateRows(), subject.stateRows(), () -> "stateRows differs after the " + where.get());
      assertEquals(reference.metrics().droppedLateRows, subject.metrics().droppedLateRows, () -> "late rows differ after the " + where.get());
      assertEquals(reference.metrics().nullTimeRows, subject.metrics().nullTimeRows, () -> "NULL-time rows differ after the " + where.get());
      assertEquals(reference.operator().hasWorkAt(watermark + 20), subject.operator().hasWorkAt(watermark + 20), where);
      if (action.cut() == 0) subject.restore();
      if (action.cut() == 1) subject.restoreFromSnapshot();
      if (action.cut() == 2) {
        subjectIsReference[0] = !subjectIsReference[0];
        subject.restore();
      }
      rows = new RowBatch();
    }
    // The end of input closes every window.
    assertEquals(folded(reference.advanceWatermark(OperatorContext.END_OF_INPUT)),
        folded(subject.advanceWatermark(OperatorContext.END_OF_INPUT)));
    assertEquals(0, subject.stateRows());
    assertEquals(reference.table(), subject.table());
    assertEquals(reference.lateRows(), subject.lateRows());
  }

  /** A batch's rows as a multiset: the two emit a window's groups in different orders. */
  private static FoldedTable folded(RowBatch batch) {
    FoldedTable table = new FoldedTable();
    for (int i = 0; i < batch.size(); i++) table.apply(batch.kind(i), batch.row(i));
    return table;
  }

  @Test
  void handlesWindowGroupingsByOneWholeNumberAtMost() {
    List<TypeKind> kinds = List.of(TypeKind.TIMESTAMP, TypeKind.BIGINT, TypeKind.BIGINT, TypeKind.BOOLEAN);
    AggregateCall[] count = {new AggregateCall(AggregateKind.COUNT_STAR, -1, false, -1, BIGINT, false)};
    assertTrue(WindowAggregateOperator.handles(new int[] {K, WIDTH, WIDTH + 1}, 2, 0, 10, count, kinds));
    assertTrue(WindowAggregateOperator.handles(new int[] {WIDTH, WIDTH + 1}, 0, 10, 10, count, kinds));
    assertFalse(WindowAggregateOperator.handles(new int[] {WIDTH, WIDTH + 1}, 0, 0, 10, count, kinds), "closes at the start");
    assertFalse(WindowAggregateOperator.handles(new int[] {K, V, WIDTH, WIDTH + 1}, 3, 0, 10, count, kinds), "two keys");
    assertFalse(WindowAggregateOperator.handles(new int[] {F, WIDTH, WIDTH + 1}, 2, 0, 10, count, kinds), "a BOOLEAN key");
    assertFalse(WindowAggregateOperator.handles(new int[] {K, WIDTH}, 1, 10, 10, count, kinds), "no window_end");
    assertFalse(WindowAggregateOperator.handles(new int[] {WIDTH, WIDTH + 1, WIDTH + 2}, 1, 0, 10, count, kinds), "window_time");
    assertFalse(WindowAggregateOperator.handles(new int[] {K, WIDTH, WIDTH + 1}, 0, 0, 10, count, kinds), "closes by another key");
    AggregateCall[] maxOfStart = {new AggregateCall(AggregateKind.MAX, WIDTH, false, -1, DataType.of(TypeKind.TIMESTAMP), false)};
    assertFalse(WindowAggregateOperator.handles(new int[] {WIDTH, WIDTH + 1}, 1, 0, 10, maxOfStart, kinds), "reads a window column");
    AggregateCall[] distinct = {new AggregateCall(AggregateKind.COUNT, V, true, -1, BIGINT, false)};
    assertFalse(WindowAggregateOperator.handles(new int[] {WIDTH, WIDTH + 1}, 1, 0, 10, distinct, kinds), "DISTINCT");
  }
}
