package dev.sluice.runtime.operator;

import static dev.sluice.runtime.operator.OperatorInput.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.function.CalcFunction;
import dev.sluice.runtime.operator.OperatorInput.Change;
import dev.sluice.runtime.operator.OperatorInput.Step;
import dev.sluice.runtime.operator.OperatorInput.Watermark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The stream-stream join as the planner configures it for a time-bounded join (see {@code
 * TimeBounds}): an interval join {@code l.ts BETWEEN r.ts - 10 AND r.ts + 5}, where each side's rows
 * expire a fixed interval after their own event time, and a column-bounded join {@code b.ts BETWEEN
 * a.ts AND a.expires}, where a left row carries its own expiry. Random inputs are checked against
 * the join of every row that was not late, computed directly.
 */
class StreamJoinOperatorTest {
  /** {@code l.ts BETWEEN r.ts - BEFORE AND r.ts + AFTER}. */
  private static final long BEFORE = 10;
  private static final long AFTER = 5;
  /** Past every time the random inputs reach, so every row has expired. */
  private static final long END = 100_000;

  /** Joined rows are (left key, left ts, right key, right ts). */
  private static final BiPredicate<Object[], Object[]> WITHIN_INTERVAL = (l, r) -> l[0] != null && Objects.equals(l[0], r[0])
      && l[1] != null && r[1] != null && (Long) r[1] - BEFORE <= (Long) l[1] && (Long) l[1] <= (Long) r[1] + AFTER;

  /** Left rows are (key, ts, expires), right rows (key, ts). */
  private static final BiPredicate<Object[], Object[]> WITHIN_LEFT_EXPIRY = (a, b) -> a[0] != null && Objects.equals(a[0], b[0])
      && a[1] != null && b[1] != null && a[2] != null && (Long) a[1] <= (Long) b[1] && (Long) b[1] <= (Long) a[2];

  private static CalcFunction condition(BiPredicate<Object[], Object[]> accepts, int leftWidth) {
    return joined -> {
      Object[] left = Arrays.copyOfRange(joined, 0, leftWidth);
      Object[] right = Arrays.copyOfRange(joined, leftWidth, joined.length);
      return accepts.test(left, right) ? joined : null;
    };
  }

  /** As the planner builds {@code l.ts BETWEEN r.ts - 10 AND r.ts + 5}: each side expires by its own time plus the other's reach. */
  private static StreamJoinOperator intervalJoin(boolean leftOuter, boolean rightOuter) {
    return new StreamJoinOperator(new int[] {0}, new int[] {0}, 2, 2, condition(WITHIN_INTERVAL, 2), true, new int[] {1, 1}, new long[] {0, 0},
        new int[] {1, 1}, new long[] {BEFORE, AFTER}, new boolean[] {leftOuter, rightOuter});
  }

  /** As the planner builds {@code b.ts BETWEEN a.ts AND a.expires}: a left row expires at its own column, a right row at its time. */
  private static StreamJoinOperator columnBoundedJoin(boolean leftOuter, boolean rightOuter) {
    return new StreamJoinOperator(new int[] {0}, new int[] {0}, 3, 2, condition(WITHIN_LEFT_EXPIRY, 3), true, new int[] {1, 1},
        new long[] {0, 0}, new int[] {2, 1}, new long[] {0, 0}, new boolean[] {leftOuter, rightOuter});
  }

  // ---- Properties over random inputs ----

  /**
   * One random step: a row on the left ({@code side} 0) or right (1) at {@code delta} from the
   * watermark (negative: late) with key {@code key} (3 stands for NULL) and, on the left of a
   * column-bounded join, an expiry {@code reach} after its time (31 stands for NULL); or
   * ({@code side} 2) a watermark advance by {@code delta}'s magnitude.
   */
  record Action(int side, int key, int delta, int reach) {}

  @Provide
  Arbitrary<List<Action>> actions() {
    Arbitrary<Integer> side = Arbitraries.frequency(List.of(Tuple.of(4, 0), Tuple.of(4, 1), Tuple.of(2, 2)));
    return Combinators.combine(side, Arbitraries.integers().between(0, 3), Arbitraries.integers().between(-15, 25),
        Arbitraries.integers().between(-5, 31)).as(Action::new).list().ofMaxSize(30);
  }

  /**
   * Turns actions into an input whose times stay near the watermark, ending with a watermark past
   * everything. With {@code stringKeys} the keys are strings, so the operator keeps rows as bytes.
   */
  private static OperatorInput input(List<Action> actions, boolean leftExpiryColumn, boolean stringKeys) {
    OperatorInput input = new OperatorInput(2);
    long watermark = 100;
    for (Action a : actions) {
      Object key = a.key() == 3 ? null : stringKeys ? "k" + a.key() : (Object) (long) a.key();
      long ts = watermark + a.delta();
      if (a.side() == 2) {
        watermark += Math.abs(a.delta());
        input.watermark(watermark);
      } else if (a.side() == 0) {
        input.insert(0, leftExpiryColumn ? row(key, ts, a.reach() == 31 ? null : ts + a.reach()) : row(key, ts));
      } else {
        input.insert(1, row(key, ts));
      }
    }
    return input.watermark(END);
  }

  /**
   * The batch answer: every pair of rows that were on time (event time after the watermark in
   * force when they arrived) and satisfy the condition, and each unmatched row of an outer side
   * padded with NULLs.
   */
  private static FoldedTable expected(OperatorInput input, BiPredicate<Object[], Object[]> condition, int leftWidth, int rightWidth,
      boolean leftOuter, boolean rightOuter) {
    List<Object[]> left = new ArrayList<>();
    List<Object[]> right = new ArrayList<>();
    long watermark = OperatorContext.NO_WATERMARK;
    for (Step step : input.steps()) {
      if (step instanceof Watermark w) {
        watermark = w.value();
      } else if (step instanceof Change c) {
        Object time = c.row()[1];
        boolean late = watermark != OperatorContext.NO_WATERMARK && time != null && (Long) time <= watermark;
        if (!late) (c.input() == 0 ? left : right).add(c.row());
      }
    }
    FoldedTable table = new FoldedTable();
    boolean[] rightMatched = new boolean[right.size()];
    for (Object[] l : left) {
      boolean matched = false;
      for (int r = 0; r < right.size(); r++) {
        if (!condition.test(l, right.get(r))) continue;
        table.apply(RowKind.INSERT, concat(l, right.get(r)));
        matched = true;
        rightMatched[r] = true;
      }
      if (leftOuter && !matched) table.apply(RowKind.INSERT, concat(l, new Object[rightWidth]));
    }
    for (int r = 0; r < right.size(); r++) {
      if (rightOuter && !rightMatched[r]) table.apply(RowKind.INSERT, concat(new Object[leftWidth], right.get(r)));
    }
    return table;
  }

  private static Object[] concat(Object[] left, Object[] right) {
    Object[] joined = Arrays.copyOf(left, left.length + right.length);
    System.arraycopy(right, 0, joined, left.length, right.length);
    return joined;
  }

  @Property(tries = 150)
  void innerIntervalJoinEmitsEveryOnTimePairInTheIntervalOnce(@ForAll("actions") List<Action> actions, @ForAll boolean stringKeys) {
    OperatorInput input = input(actions, false, stringKeys);
    FoldedTable result = ScheduleEquivalence.of(() -> intervalJoin(false, false)).finalRowsOnly().stateEmptyAtEnd().check(input);
    assertEquals(expected(input, WITHIN_INTERVAL, 2, 2, false, false), result);
  }

  @Property(tries = 150)
  void outerIntervalJoinPadsEachUnmatchedRowOnceItExpires(@ForAll("actions") List<Action> actions, @ForAll boolean stringKeys) {
    OperatorInput input = input(actions, false, stringKeys);
    FoldedTable left = ScheduleEquivalence.of(() -> intervalJoin(true, false)).finalRowsOnly().stateEmptyAtEnd().check(input);
    assertEquals(expected(input, WITHIN_INTERVAL, 2, 2, true, false), left);
    FoldedTable full = ScheduleEquivalence.of(() -> intervalJoin(true, true)).finalRowsOnly().stateEmptyAtEnd().check(input);
    assertEquals(expected(input, WITHIN_INTERVAL, 2, 2, true, true), full);
  }

  @Property(tries = 150)
  void columnBoundedJoinKeepsALeftRowUntilItsOwnExpiry(@ForAll("actions") List<Action> actions, @ForAll boolean stringKeys) {
    OperatorInput input = input(actions, true, stringKeys);
    FoldedTable inner = ScheduleEquivalence.of(() -> columnBoundedJoin(false, false)).finalRowsOnly().stateEmptyAtEnd().check(input);
    assertEquals(expected(input, WITHIN_LEFT_EXPIRY, 3, 2, false, false), inner);
    FoldedTable full = ScheduleEquivalence.of(() -> columnBoundedJoin(true, true)).finalRowsOnly().stateEmptyAtEnd().check(input);
    assertEquals(expected(input, WITHIN_LEFT_EXPIRY, 3, 2, true, true), full);
  }

  // ---- Fixed cases that read as the specification ----

  @Test
  void rowsJoinOnlyWithinTheInterval() {
    OperatorInput input = new OperatorInput(2).insert(0, row(1L, 100L))
        .insert(1, row(1L, 94L)).insert(1, row(1L, 95L)).insert(1, row(1L, 110L)).insert(1, row(1L, 111L)).insert(1, row(2L, 100L))
        .watermark(END);
    FoldedTable result = ScheduleEquivalence.of(() -> intervalJoin(false, false)).finalRowsOnly().stateEmptyAtEnd().check(input);
    assertEquals(FoldedTable.of(row(1L, 100L, 1L, 95L), row(1L, 100L, 1L, 110L)), result);
  }

  @Test
  void keysOfAnotherTypeJoinAsBigintKeysDo() {
    // A first BIGINT key puts the buffers in their primitive tables; a VARCHAR key moves them to hash maps, keys and all.
    OperatorInput input = new OperatorInput(2).insert(0, row(1L, 100L)).insert(1, row(1L, 101L)).insert(1, row(null, 101L))
        .insert(0, row("a", 100L)).insert(1, row("a", 102L)).insert(1, row("b", 100L)).insert(1, row(1L, 103L)).watermark(END);
    FoldedTable result = ScheduleEquivalence.of(() -> intervalJoin(false, true)).finalRowsOnly().stateEmptyAtEnd().check(input);
    assertEquals(FoldedTable.of(row(1L, 100L, 1L, 101L), row(1L, 100L, 1L, 103L), row("a", 100L, "a", 102L), row(null, null, null, 101L),
        row(null, null, "b", 100L)), result);
  }

  @Test
  void rowsAtOrBeforeTheWatermarkAreDroppedAndCounted() {
    OperatorInput input = new OperatorInput(2).insert(1, row(1L, 100L)).watermark(100)
        .insert(0, row(1L, 100L)) // late: at the watermark
        .insert(0, row(1L, 101L)) // on time, and within the interval of the right row
        .insert(1, row(1L, 99L)) // late
        .watermark(END);
    FoldedTable result = ScheduleEquivalence.of(() -> intervalJoin(false, false)).finalRowsOnly().stateEmptyAtEnd().droppedLateRows(2)
        .check(input);
    assertEquals(FoldedTable.of(row(1L, 101L, 1L, 100L)), result);
    OperatorHarness harness = new OperatorHarness(() -> intervalJoin(false, false));
    harness.batch(100, List.of(RowBatch.of(row(1L, 100L)), RowBatch.of(row(1L, 99L), row(1L, 101L))));
    assertEquals(FoldedTable.of(row(1L, 100L), row(1L, 99L)), harness.lateRows(), "late rows go to the late-row handler as they came");
  }

  /**
   * A join on the key alone, without a time bound, whose sides both carry an event-time column:
   * nothing ever leaves state, yet a row at or before the watermark is late on either side, as in
   * Spark, and stays late after a restore.
   */
  @Test
  void withoutATimeBoundARowAtOrBeforeTheWatermarkIsStillDroppedOnEitherSide() {
    BiPredicate<Object[], Object[]> sameKey = (l, r) -> l[0] != null && Objects.equals(l[0], r[0]);
    OperatorHarness harness = new OperatorHarness(() -> new StreamJoinOperator(new int[] {0}, new int[] {0}, 2, 2, condition(sameKey, 2),
        false, new int[] {1, 1}, new long[] {0, 0}, new int[] {-1, -1}, new long[] {0, 0}, new boolean[] {false, false}));
    harness.batch(OperatorContext.NO_WATERMARK, List.of(RowBatch.of(row(1L, 100L)), RowBatch.of(row(1L, 100L))));
    assertEquals(FoldedTable.of(row(1L, 100L, 1L, 100L)), harness.table());
    RowBatch out = harness.batch(100, List.of(RowBatch.of(row(1L, 100L)), RowBatch.of(row(1L, 99L), row(1L, 101L))));
    assertEquals("RowBatch[+I[1, 100, 1, 101]]", out.toString(), "only the right row after the watermark joins");
    assertEquals(2, harness.metrics().droppedLateRows);
    assertEquals(FoldedTable.of(row(1L, 100L), row(1L, 99L)), harness.lateRows());
    harness.restore();
    assertTrue(harness.batch(101, List.of(RowBatch.of(row(1L, 101L)), new RowBatch())).isEmpty(), "late right after a restore too");
    assertEquals(3, harness.metrics().droppedLateRows);
    assertEquals(3, harness.stateRows(), "the rows that were on time stay: no bound lets them go");
  }

  @Test
  void bufferedRowsLeaveStateWhenTheWatermarkPassesTheirBound() {
    OperatorHarness harness = new OperatorHarness(() -> intervalJoin(false, false));
    // The left row can match right rows up to ts 110; the right row left rows up to ts 105.
    harness.batch(OperatorContext.NO_WATERMARK, List.of(RowBatch.of(row(1L, 100L)), RowBatch.of(row(1L, 100L))));
    assertEquals(2, harness.stateRows());
    assertFalse(harness.operator().hasWorkAt(104));
    harness.advanceWatermark(104);
    assertEquals(2, harness.stateRows());
    assertTrue(harness.operator().hasWorkAt(105));
    harness.advanceWatermark(105);
    assertEquals(1, harness.stateRows(), "the right row expired at 100 + 5");
    harness.restore();
    harness.advanceWatermark(110);
    assertEquals(0, harness.stateRows(), "the left row expired at 100 + 10");
    assertEquals(List.of("+I[1, 100, 1, 100]"), harness.changelog().stream().map(Object::toString).toList());
  }

  @Test
  void rowsArrivingOutOfTimeOrderEachLeaveAtTheirOwnBound() {
    OperatorHarness harness = new OperatorHarness(() -> intervalJoin(false, false));
    // Left rows expire at ts + 10; they arrive at 130, 120 (out of order), 130 again and 125.
    harness.batch(100, List.of(RowBatch.of(row(1L, 130L), row(2L, 120L), row(3L, 130L)), new RowBatch()));
    harness.batch(100, List.of(RowBatch.of(row(4L, 125L)), new RowBatch()));
    assertEquals(4, harness.stateRows());
    assertFalse(harness.operator().hasWorkAt(129));
    assertTrue(harness.operator().hasWorkAt(130), "the row at 120 expires at 130, though it came after one at 130");
    harness.advanceWatermark(130);
    assertEquals(3, harness.stateRows());
    harness.advanceWatermark(135);
    assertEquals(2, harness.stateRows(), "the row at 125 expired at 135");
    harness.advanceWatermark(139);
    assertEquals(2, harness.stateRows());
    harness.advanceWatermark(140);
    assertEquals(0, harness.stateRows(), "both rows at 130 expired at 140");
  }

  @Test
  void unmatchedOuterRowIsPaddedOnceWhenItCanNoLongerMatch() {
    OperatorHarness harness = new OperatorHarness(() -> intervalJoin(true, false));
    harness.batch(100, List.of(RowBatch.of(row(1L, 101L)), new RowBatch()));
    assertTrue(harness.advanceWatermark(110).isEmpty(), "a right row at 111 could still match");
    assertEquals("RowBatch[+I[1, 101, null, null]]", harness.advanceWatermark(111).toString());
    assertTrue(harness.advanceWatermark(500).isEmpty());
    assertEquals(0, harness.stateRows());
  }

  @Test
  void outerRowMatchedBeforeARestoreIsNotPadded() {
    OperatorHarness harness = new OperatorHarness(() -> intervalJoin(true, true));
    harness.batch(100, List.of(RowBatch.of(row(1L, 101L)), new RowBatch()));
    harness.restore();
    harness.batch(100, List.of(new RowBatch(), RowBatch.of(row(1L, 102L))));
    harness.restoreFromSnapshot();
    harness.advanceWatermark(END);
    assertEquals(FoldedTable.of(row(1L, 101L, 1L, 102L)), harness.table());
  }

  @Test
  void leftRowStaysUntilItsOwnExpiryColumn() {
    OperatorHarness harness = new OperatorHarness(() -> columnBoundedJoin(false, false));
    harness.batch(100, List.of(RowBatch.of(row(1L, 101L, 150L)), new RowBatch()));
    harness.advanceWatermark(149);
    assertEquals(1, harness.stateRows(), "a right row at 150 can still match");
    RowBatch out = harness.batch(149, List.of(new RowBatch(), RowBatch.of(row(1L, 150L))));
    assertEquals("RowBatch[+I[1, 101, 150, 1, 150]]", out.toString());
    assertEquals(2, harness.stateRows(), "the right row stays while a left row at 150 could come");
    harness.advanceWatermark(150);
    assertEquals(0, harness.stateRows());
  }

  @Test
  void leftRowWithNullExpiryNeverMatchesAndAnOuterJoinPadsItAtOnce() {
    OperatorHarness harness = new OperatorHarness(() -> columnBoundedJoin(true, false));
    RowBatch out = harness.batch(100, List.of(RowBatch.of(row(1L, 101L, null)), new RowBatch()));
    assertEquals("RowBatch[+I[1, 101, null, null, null]]", out.toString());
    assertEquals(0, harness.stateRows());
    assertTrue(harness.batch(100, List.of(new RowBatch(), RowBatch.of(row(1L, 120L)))).isEmpty());
  }

  @Test
  void updatingInputIsRefused() {
    OperatorHarness harness = new OperatorHarness(() -> intervalJoin(false, false));
    RowBatch delete = new RowBatch();
    delete.add(RowKind.DELETE, row(1L, 100L));
    assertThrows(IllegalStateException.class, () -> harness.batch(OperatorContext.NO_WATERMARK, List.of(delete)));
  }

  /**
   * A join without a time bound under a state TTL of 10 on both sides, over rows (key, ts): a row
   * leaves once the watermark passes its own time plus 10, a row without a time stays, and no row
   * is late.
   */
  @Test
  void withAStateTtlARowLeavesTenPastItsTimeAndARowWithoutOneStays() {
    BiPredicate<Object[], Object[]> sameKey = (l, r) -> l[0] != null && Objects.equals(l[0], r[0]);
    OperatorHarness harness = new OperatorHarness(() -> new StreamJoinOperator(new int[] {0}, new int[] {0}, 2, 2, condition(sameKey, 2),
        false, new int[] {-1, -1}, new long[] {0, 0}, new int[] {-1, -1}, new long[] {0, 0}, new boolean[] {false, false})
        .withTtl(new int[] {1, 1}, new long[] {10, 10}));
    harness.batch(OperatorContext.NO_WATERMARK, List.of(RowBatch.of(row(1L, 100L), row(2L, null)), RowBatch.of(row(3L, 105L))));
    assertEquals(3, harness.stateRows());
    harness.advanceWatermark(109);
    assertEquals(3, harness.stateRows());
    harness.advanceWatermark(110);
    assertEquals(2, harness.stateRows(), "the left row at 100 left at 110");
    harness.restore();
    RowBatch out = harness.batch(110, List.of(RowBatch.of(row(3L, 50L)), RowBatch.of(row(1L, 200L), row(2L, 200L))));
    assertEquals("RowBatch[+I[3, 50, 3, 105], +I[2, null, 2, 200]]", out.toString(),
        "the row at 105 still meets a left row whatever its time; the row without a time stays; key 1's left row is gone");
    assertEquals(0, harness.metrics().droppedLateRows, "a TTL makes no row late");
    harness.advanceWatermark(END);
    assertEquals(1, harness.stateRows(), "only the left row without a time is left");
  }
}
