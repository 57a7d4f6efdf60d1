package dev.sluice.runtime.operator;

import static dev.sluice.runtime.operator.OperatorInput.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.aggregate.AggregateCall;
import dev.sluice.runtime.aggregate.AggregateKind;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.operator.OperatorInput.Change;
import dev.sluice.runtime.operator.OperatorInput.Step;
import dev.sluice.runtime.operator.OperatorInput.Watermark;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.TypeKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@code GROUP BY} over an updating input, whose rows arrive as inserts, {@code -U}/{@code +U}
 * pairs and deletes (the aggregate retracts), and over an insert-only input grouped by a window
 * end, whose groups close at the watermark. Random inputs are checked against the aggregates of the
 * rows the input holds at the end, computed directly.
 */
class GroupAggregateOperatorTest {
  private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
  private static final DataType DOUBLE = DataType.of(TypeKind.DOUBLE);

  /** Over input rows (k, v): COUNT(*), COUNT(v), SUM(v), MIN(v), MAX(v), AVG(v), all over an input that retracts. */
  private static final AggregateCall[] RETRACTING = {
      new AggregateCall(AggregateKind.COUNT_STAR, -1, false, -1, BIGINT, true),
      new AggregateCall(AggregateKind.COUNT, 1, false, -1, BIGINT, true),
      new AggregateCall(AggregateKind.SUM, 1, false, -1, BIGINT, true),
      new AggregateCall(AggregateKind.MIN, 1, false, -1, BIGINT, true),
      new AggregateCall(AggregateKind.MAX, 1, false, -1, BIGINT, true),
      new AggregateCall(AggregateKind.AVG, 1, false, -1, DOUBLE, true)};

  /** Over input rows (k, window end, v): COUNT(*), SUM(v), MAX(v), over an insert-only input. */
  private static final AggregateCall[] WINDOWED = {
      new AggregateCall(AggregateKind.COUNT_STAR, -1, false, -1, BIGINT, false),
      new AggregateCall(AggregateKind.SUM, 2, false, -1, BIGINT, false),
      new AggregateCall(AggregateKind.MAX, 2, false, -1, BIGINT, false)};

  private static GroupAggregateOperator groupedByK() {
    return new GroupAggregateOperator(new int[] {0}, RETRACTING, -1, 0, false, false);
  }

  private static GroupAggregateOperator global() {
    return new GroupAggregateOperator(new int[0], RETRACTING, -1, 0, false, false);
  }

  /** Grouped by (k, window end), the end closing the group: append mode emits each once, update mode as it changes. */
  private static GroupAggregateOperator windowed(boolean emitFinalOnly) {
    return new GroupAggregateOperator(new int[] {0, 1}, WINDOWED, 1, 0, true, emitFinalOnly);
  }

  /** The aggregates of {@code values} as {@link #RETRACTING} computes them. */
  private static Object[] aggregates(List<Long> values) {
    long count = 0;
    long sum = 0;
    Long min = null;
    Long max = null;
    for (Long v : values) {
      if (v == null) continue;
      count++;
      sum += v;
      min = min == null || v < min ? v : min;
      max = max == null || v > max ? v : max;
    }
    return new Object[] {(long) values.size(), count, count == 0 ? null : sum, min, max, count == 0 ? null : (double) sum / count};
  }

  private static Object[] prepend(Object key, Object[] values) {
    Object[] row = new Object[values.length + 1];
    row[0] = key;
    System.arraycopy(values, 0, row, 1, values.length);
    return row;
  }

  // ---- Updating input ----

  /**
   * One random change: {@code op} 0-2 inserts (k, v); 3 updates a live row's value, 4 moves it to
   * key {@code key} with value {@code value}; 5 deletes one. {@code pick} chooses the live row,
   * {@code key} 3 and {@code value} 11 stand for NULL.
   */
  record Action(int op, int key, int value, int pick) {}

  @Provide
  Arbitrary<List<Action>> changes() {
    return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 3),
        Arbitraries.integers().between(-5, 11), Arbitraries.integers().between(0, 1000)).as(Action::new).list().ofMaxSize(40);
  }

  /** The input the actions describe, and the rows it holds at its end. */
  private static OperatorInput updatingInput(List<Action> actions, List<Object[]> live) {
    OperatorInput input = new OperatorInput(1);
    for (Action a : actions) {
      Long key = a.key() == 3 ? null : (long) a.key();
      Long value = a.value() == 11 ? null : (long) a.value();
      if (a.op() <= 2 || live.isEmpty()) {
        Object[] row = row(key, value);
        live.add(row);
        input.insert(row);
        continue;
      }
      int index = a.pick() % live.size();
      Object[] old = live.get(index);
      if (a.op() == 5) {
        live.remove(index);
        input.delete(old);
      } else {
        Object[] updated = row(a.op() == 3 ? old[0] : key, value);
        live.set(index, updated);
        input.update(old, updated);
      }
    }
    return input;
  }

  @Property(tries = 200)
  void retractingAggregatesEqualTheAggregatesOfTheRowsLeft(@ForAll("changes") List<Action> actions) {
    List<Object[]> live = new ArrayList<>();
    OperatorInput input = updatingInput(actions, live);
    Map<Object, List<Long>> byKey = new LinkedHashMap<>();
    for (Object[] row : live) byKey.computeIfAbsent(row[0], k -> new ArrayList<>()).add((Long) row[1]);
    FoldedTable expected = new FoldedTable();
    byKey.forEach((k, values) -> expected.apply(RowKind.INSERT, prepend(k, aggregates(values))));
    assertEquals(expected, ScheduleEquivalence.of(GroupAggregateOperatorTest::groupedByK).keyedBy(0).check(input));
  }

  @Property(tries = 100)
  void globalAggregateOverRetractionsKeepsOneRow(@ForAll("changes") List<Action> actions) {
    List<Object[]> live = new ArrayList<>();
    OperatorInput input = updatingInput(actions, live);
    List<Long> values = new ArrayList<>();
    for (Object[] row : live) values.add((Long) row[1]);
    // The global row comes with the first batch, even an empty one; without input no batch runs.
    FoldedTable expected = input.steps().isEmpty() ? new FoldedTable() : FoldedTable.of(aggregates(values));
    assertEquals(expected, ScheduleEquivalence.of(GroupAggregateOperatorTest::global).keyedBy().check(input));
  }

  @Test
  void minAndMaxFallBackToTheNextValueWhenTheExtremeIsRetracted() {
    OperatorHarness harness = new OperatorHarness(GroupAggregateOperatorTest::groupedByK);
    harness.insert(OperatorContext.NO_WATERMARK, row(1L, 5L), row(1L, 9L), row(1L, 9L), row(1L, 2L));
    assertEquals(FoldedTable.of(row(1L, 4L, 4L, 25L, 2L, 9L, 6.25)), harness.table());
    harness.batch(OperatorContext.NO_WATERMARK, changes(RowKind.DELETE, row(1L, 9L)));
    assertEquals(FoldedTable.of(row(1L, 3L, 3L, 16L, 2L, 9L, 16 / 3.0)), harness.table(), "the other 9 is still there");
    harness.restore();
    harness.batch(OperatorContext.NO_WATERMARK, changes(RowKind.UPDATE_BEFORE, row(1L, 9L), RowKind.UPDATE_AFTER, row(1L, 3L)));
    assertEquals(FoldedTable.of(row(1L, 3L, 3L, 10L, 2L, 5L, 10 / 3.0)), harness.table());
    harness.restoreFromSnapshot();
    harness.batch(OperatorContext.NO_WATERMARK, changes(RowKind.DELETE, row(1L, 2L)));
    assertEquals(FoldedTable.of(row(1L, 2L, 2L, 8L, 3L, 5L, 4.0)), harness.table());
  }

  @Test
  void groupWhoseRowsAreAllRetractedIsDeleted() {
    OperatorHarness harness = new OperatorHarness(GroupAggregateOperatorTest::groupedByK);
    harness.insert(OperatorContext.NO_WATERMARK, row(1L, 5L), row(2L, 7L));
    RowBatch out = harness.batch(OperatorContext.NO_WATERMARK, changes(RowKind.UPDATE_BEFORE, row(1L, 5L), RowKind.UPDATE_AFTER, row(2L, 5L)));
    assertEquals("RowBatch[-D[1, 1, 1, 5, 5, 5, 5.0], -U[2, 1, 1, 7, 7, 7, 7.0], +U[2, 2, 2, 12, 5, 7, 6.0]]", out.toString());
    assertEquals(1, harness.stateRows());
  }

  @Test
  void updateThatLeavesEveryAggregateUnchangedEmitsNothing() {
    OperatorHarness harness = new OperatorHarness(GroupAggregateOperatorTest::groupedByK);
    harness.insert(OperatorContext.NO_WATERMARK, row(1L, 5L), row(1L, null));
    RowBatch out = harness.batch(OperatorContext.NO_WATERMARK, changes(RowKind.UPDATE_BEFORE, row(1L, 5L), RowKind.UPDATE_AFTER, row(1L, 5L),
        RowKind.DELETE, row(1L, null), RowKind.INSERT, row(1L, null)));
    assertTrue(out.isEmpty(), "emitted " + out);
  }

  @Test
  void retractionOfTheLastRowInOneBatchAndItsReturnInTheNextEmitDeleteThenInsert() {
    OperatorHarness harness = new OperatorHarness(GroupAggregateOperatorTest::groupedByK);
    harness.insert(OperatorContext.NO_WATERMARK, row(1L, 5L));
    assertEquals("RowBatch[-D[1, 1, 1, 5, 5, 5, 5.0]]", harness.batch(OperatorContext.NO_WATERMARK, changes(RowKind.UPDATE_BEFORE, row(1L, 5L)))
        .toString());
    assertEquals(0, harness.stateRows());
    harness.restore();
    assertEquals("RowBatch[+I[1, 1, 1, 6, 6, 6, 6.0]]", harness.batch(OperatorContext.NO_WATERMARK, changes(RowKind.UPDATE_AFTER, row(1L, 6L)))
        .toString());
  }

  private static RowBatch changes(Object... kindsAndRows) {
    RowBatch batch = new RowBatch();
    for (int i = 0; i < kindsAndRows.length; i += 2) batch.add((RowKind) kindsAndRows[i], (Object[]) kindsAndRows[i + 1]);
    return batch;
  }

  // ---- Insert-only input grouped by a window end ----

  /** One random step: {@code op} 0-3 a row (k, window end, v) whose end is {@code end} tens from the watermark; 4 a watermark advance. */
  record WindowAction(int op, int key, int end, int value) {}

  @Provide
  Arbitrary<List<WindowAction>> windowedRows() {
    return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 2), Arbitraries.integers().between(-2, 4),
        Arbitraries.integers().between(-5, 5)).as(WindowAction::new).list().ofMaxSize(40);
  }

  private static OperatorInput windowedInput(List<WindowAction> actions) {
    OperatorInput input = new OperatorInput(1);
    long watermark = 100;
    for (WindowAction a : actions) {
      if (a.op() == 4) {
        watermark += 5 * (1 + Math.floorMod(a.end(), 3));
        input.watermark(watermark);
      } else {
        // Window ends are multiples of 10 around the watermark: some already closed.
        long end = (watermark / 10 + a.end()) * 10;
        input.insert(row((long) a.key(), end, (long) a.value()));
      }
    }
    return input.watermark(100_000);
  }

  /** Per (k, window end), COUNT(*), SUM(v) and MAX(v) of the rows whose window had not closed when they came. */
  private static FoldedTable windowedExpected(OperatorInput input) {
    Map<List<Object>, List<Long>> groups = new LinkedHashMap<>();
    long watermark = OperatorContext.NO_WATERMARK;
    for (Step step : input.steps()) {
      if (step instanceof Watermark w) watermark = w.value();
      if (step instanceof Change c && (watermark == OperatorContext.NO_WATERMARK || (Long) c.row()[1] > watermark)) {
        groups.computeIfAbsent(List.of(c.row()[0], c.row()[1]), k -> new ArrayList<>()).add((Long) c.row()[2]);
      }
    }
    FoldedTable table = new FoldedTable();
    groups.forEach((key, values) -> table.apply(RowKind.INSERT,
        row(key.get(0), key.get(1), (long) values.size(), values.stream().mapToLong(Long::longValue).sum(),
            values.stream().max(Long::compare).orElseThrow())));
    return table;
  }

  @Property(tries = 150)
  void windowsAreEmittedOnceWhenTheWatermarkClosesThem(@ForAll("windowedRows") List<WindowAction> actions) {
    OperatorInput input = windowedInput(actions);
    long late = 0;
    long watermark = OperatorContext.NO_WATERMARK;
    for (Step step : input.steps()) {
      if (step instanceof Watermark w) watermark = w.value();
      if (step instanceof Change c && watermark != OperatorContext.NO_WATERMARK && (Long) c.row()[1] <= watermark) late++;
    }
    FoldedTable result = ScheduleEquivalence.of(() -> windowed(true)).finalRowsOnly().keyedBy(0, 1).stateEmptyAtEnd().droppedLateRows(late)
        .check(input);
    assertEquals(windowedExpected(input), result);
  }

  @Property(tries = 150)
  void windowsUpdateUntilTheWatermarkClosesThem(@ForAll("windowedRows") List<WindowAction> actions) {
    OperatorInput input = windowedInput(actions);
    FoldedTable result = ScheduleEquivalence.of(() -> windowed(false)).keyedBy(0, 1).stateEmptyAtEnd().check(input);
    assertEquals(windowedExpected(input), result);
  }

  @Test
  void aWindowedGroupRetractedAndMadeAgainClosesOnceAndItsTimeGoesWithTheLastGroup() {
    AggregateCall[] count = {new AggregateCall(AggregateKind.COUNT_STAR, -1, false, -1, BIGINT, true)};
    OperatorHarness harness = new OperatorHarness(() -> new GroupAggregateOperator(new int[] {0, 1}, count, 1, 0, true, false));
    harness.batch(100, changes(RowKind.INSERT, row(1L, 110L)));
    harness.batch(100, changes(RowKind.DELETE, row(1L, 110L)));
    assertEquals(0, harness.stateRows());
    assertFalse(harness.operator().hasWorkAt(110), "the only group of 110 is gone, and its time with it");

    harness.batch(100, changes(RowKind.INSERT, row(1L, 110L), row(2L, 110L)));
    harness.batch(100, changes(RowKind.DELETE, row(1L, 110L)));
    harness.batch(100, changes(RowKind.INSERT, row(1L, 110L)));
    assertEquals(2, harness.stateRows());
    assertTrue(harness.operator().hasWorkAt(110));
    harness.advanceWatermark(110);
    assertEquals(0, harness.stateRows(), "both groups of 110 closed, the one made again once");
    assertFalse(harness.operator().hasWorkAt(Long.MAX_VALUE - 1));
    assertEquals(FoldedTable.of(row(1L, 110L, 1L), row(2L, 110L, 1L)), harness.table());
  }

  private static RowBatch changes(RowKind kind, Object[]... rows) {
    RowBatch batch = new RowBatch();
    for (Object[] row : rows) batch.add(kind, row);
    return batch;
  }

  @Test
  void closedWindowLeavesStateAndLaterRowsForItAreLate() {
    OperatorHarness harness = new OperatorHarness(() -> windowed(true));
    assertTrue(harness.insert(100, row(1L, 110L, 3L), row(1L, 120L, 4L), row(2L, 110L, 5L)).isEmpty(), "nothing is final yet");
    assertEquals(3, harness.stateRows());
    assertTrue(harness.operator().hasWorkAt(110));
    RowBatch closed = harness.advanceWatermark(110);
    assertEquals(FoldedTable.of(row(1L, 110L, 1L, 3L, 3L), row(2L, 110L, 1L, 5L, 5L)), harness.table());
    assertEquals(2, closed.size());
    assertEquals(1, harness.stateRows(), "the windows ending at 110 left state");
    harness.insert(110, row(1L, 110L, 7L), row(1L, 120L, 6L));
    harness.restore();
    assertEquals(1, harness.metrics().droppedLateRows, "the row for the closed window is late; the count survives the restore");
    harness.advanceWatermark(120);
    assertTrue(harness.table().contains(1L, 120L, 2L, 10L, 6L));
    assertEquals(0, harness.stateRows());
  }

  /**
   * A window over processing time: a group leaves state in the first batch after the wall clock
   * passes its end, without emitting (the sink keeps its last count), and no row is late.
   */
  @Test
  void groupsOfAProcessingTimeWindowLeaveOnceTheClockPassesTheirEnd() {
    AtomicLong clock = new AtomicLong(1_000);
    AggregateCall count = new AggregateCall(AggregateKind.COUNT_STAR, -1, false, -1, DataType.of(TypeKind.BIGINT), false);
    OperatorHarness harness = new OperatorHarness(
        () -> new GroupAggregateOperator(new int[] {0, 1}, new AggregateCall[] {count}, 1, 0, false, false, true, clock::get));
    // Rows are (key, window end).
    harness.insert(OperatorContext.NO_WATERMARK, row(1L, 2_000L), row(1L, 2_000L), row(2L, 3_000L));
    assertEquals(2, harness.stateRows());
    clock.set(1_999);
    harness.insert(OperatorContext.NO_WATERMARK, row(1L, 2_000L));
    assertEquals(2, harness.stateRows(), "the window ending at 2000 is still open at 1999");
    clock.set(2_000);
    RowBatch out = harness.insert(OperatorContext.NO_WATERMARK, row(2L, 3_000L));
    assertEquals(1, harness.stateRows(), "the window ending at 2000 left once the clock reached its end");
    assertEquals("RowBatch[-U[2, 3000, 1], +U[2, 3000, 2]]", out.toString(), "leaving emits nothing");
    assertEquals(FoldedTable.of(row(1L, 2_000L, 3L), row(2L, 3_000L, 2L)), harness.table());
    assertEquals(0, harness.metrics().droppedLateRows);
    harness.restore();
    clock.set(3_000);
    harness.batch(OperatorContext.NO_WATERMARK, new RowBatch());
    assertEquals(0, harness.stateRows(), "a restored group leaves by the clock too");
  }

  /**
   * With a state TTL, over rows {@code (k, v, ts)}: a group leaves, without a delete, once the
   * watermark passes the newest time of its rows plus the TTL, through a restore; a later row
   * starts the group anew.
   */
  @Test
  void aGroupLeavesOnceTheWatermarkPassesItsNewestRowPlusTheTtl() {
    AggregateCall count = new AggregateCall(AggregateKind.COUNT_STAR, -1, false, -1, DataType.of(TypeKind.BIGINT), false);
    OperatorHarness harness = new OperatorHarness(
        () -> new GroupAggregateOperator(new int[] {0}, new AggregateCall[] {count}, -1, 0, false, false).withTtl(2, 100));
    harness.insert(OperatorContext.NO_WATERMARK, row(1L, 5L, 1_000L), row(2L, 5L, 1_050L));
    harness.insert(1_000, row(1L, 6L, 1_060L));
    harness.advanceWatermark(1_149);
    assertEquals(2, harness.stateRows(), "group 1's newest row (1060) keeps it until 1160, group 2's until 1150");
    RowBatch out = harness.advanceWatermark(1_150);
    assertEquals("RowBatch[]", out.toString(), "leaving emits nothing: the sink keeps the last count");
    assertEquals(1, harness.stateRows());
    harness.restore();
    harness.advanceWatermark(1_160);
    assertEquals(0, harness.stateRows());
    out = harness.insert(1_160, row(1L, 7L, 1_170L));
    assertEquals("RowBatch[+I[1, 1]]", out.toString(), "a later row starts group 1 anew");
  }
}
