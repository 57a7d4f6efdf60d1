package dev.sluice.runtime.operator;

import static dev.sluice.runtime.operator.OperatorInput.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.operator.OperatorInput.Change;
import dev.sluice.runtime.operator.OperatorInput.Step;
import dev.sluice.runtime.operator.OperatorInput.Watermark;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@code ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts) = 1} with {@code ts} the event-time column,
 * over rows {@code (k, ts, payload)}: per key, the on-time row with the smallest {@code ts} (ties:
 * the first seen), whatever order the rows arrive in. In append mode it is emitted once the
 * watermark reaches its time; in update mode at once, replaced when an earlier row arrives.
 */
class EarliestRowOperatorTest {
  private static EarliestRowOperator earliest(boolean emitFinalOnly, long ttlMillis) {
    return new EarliestRowOperator(new int[] {0}, 1, emitFinalOnly, ttlMillis);
  }

  /** One random step: {@code op} 0-3 a row {@code delta} from the watermark (at or below it: late); 4 a watermark advance. */
  record Action(int op, int key, int delta, int payload) {}

  @Provide
  Arbitrary<List<Action>> rows() {
    return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 2), Arbitraries.integers().between(-3, 8),
        Arbitraries.integers().between(0, 3)).as(Action::new).list().ofMaxSize(40);
  }

  private static OperatorInput input(List<Action> actions) {
    OperatorInput input = new OperatorInput(1);
    long watermark = 100;
    for (Action a : actions) {
      if (a.op() == 4) {
        watermark += Math.floorMod(a.delta(), 4);
        input.watermark(watermark);
      } else {
        input.insert(row((long) a.key(), watermark + a.delta(), "p" + a.payload()));
      }
    }
    return input.watermark(100_000);
  }

  /** Per key, the first row with the smallest time among the rows that were not late. */
  private static FoldedTable expected(OperatorInput input) {
    Map<Object, Object[]> earliest = new LinkedHashMap<>();
    long watermark = OperatorContext.NO_WATERMARK;
    for (Step step : input.steps()) {
      if (step instanceof Watermark w) watermark = w.value();
      if (!(step instanceof Change c)) continue;
      long ts = (Long) c.row()[1];
      if (watermark != OperatorContext.NO_WATERMARK && ts <= watermark) continue;
      Object[] best = earliest.get(c.row()[0]);
      if (best == null || ts < (Long) best[1]) earliest.put(c.row()[0], c.row());
    }
    FoldedTable table = new FoldedTable();
    earliest.values().forEach(r -> table.apply(RowKind.INSERT, r));
    return table;
  }

  @Property(tries = 200)
  void appendModeEmitsEachKeysEarliestRowOnceAndForGood(@ForAll("rows") List<Action> actions) {
    OperatorInput input = input(actions);
    FoldedTable result = ScheduleEquivalence.of(() -> earliest(true, 0)).finalRowsOnly().keyedBy(0).check(input);
    assertEquals(expected(input), result);
  }

  @Property(tries = 200)
  void updateModeFoldsToEachKeysEarliestRow(@ForAll("rows") List<Action> actions) {
    OperatorInput input = input(actions);
    FoldedTable result = ScheduleEquivalence.of(() -> earliest(false, 0)).keyedBy(0).check(input);
    assertEquals(expected(input), result);
  }

  @Property(tries = 100)
  void underATtlEveryKeyLeavesStateOnceTheWatermarkPassesItsRowPlusTheTtl(@ForAll("rows") List<Action> actions, @ForAll boolean emitFinalOnly) {
    OperatorInput input = input(actions);
    ScheduleEquivalence check = ScheduleEquivalence.of(() -> earliest(emitFinalOnly, 1_000_000)).keyedBy(0);
    // The last watermark, 100,000, is before any row's time plus the TTL: the result is the same as without one.
    assertEquals(expected(input), (emitFinalOnly ? check.finalRowsOnly() : check).check(input));
    OperatorInput ended = input(actions).watermark(10_000_000);
    assertEquals(expected(input), ScheduleEquivalence.of(() -> earliest(emitFinalOnly, 1_000)).keyedBy(0).stateEmptyAtEnd().check(ended));
  }

  @Test
  void anEarlierRowArrivingLaterReplacesTheFirstInUpdateMode() {
    OperatorHarness harness = new OperatorHarness(() -> earliest(false, 0));
    assertEquals("RowBatch[+I[1, 105, a]]", harness.insert(100, row(1L, 105L, "a")).toString());
    harness.restore();
    assertEquals("RowBatch[-U[1, 105, a], +U[1, 103, b]]", harness.insert(100, row(1L, 103L, "b"), row(1L, 103L, "c")).toString(),
        "the earlier row wins; a tie keeps the first seen");
    assertTrue(harness.insert(100, row(1L, 110L, "d")).isEmpty());
    assertEquals(FoldedTable.of(row(1L, 103L, "b")), harness.table());
  }

  @Test
  void appendModeEmitsTheEarliestRowOnceTheWatermarkReachesIt() {
    OperatorHarness harness = new OperatorHarness(() -> earliest(true, 0));
    assertTrue(harness.insert(100, row(1L, 105L, "a"), row(2L, 101L, "x"), row(1L, 103L, "b")).isEmpty());
    assertEquals("RowBatch[+I[2, 101, x]]", harness.advanceWatermark(102).toString());
    harness.restoreFromSnapshot();
    assertEquals("RowBatch[+I[1, 103, b]]", harness.advanceWatermark(103).toString(), "no earlier row can come: it would be late");
    assertTrue(harness.insert(103, row(1L, 104L, "c"), row(1L, 103L, "d"), row(3L, 102L, "e")).isEmpty());
    assertEquals(2, harness.metrics().droppedLateRows, "the rows at or before the watermark");
    assertEquals(FoldedTable.of(row(1L, 103L, "d"), row(3L, 102L, "e")), harness.lateRows());
    assertEquals(FoldedTable.of(row(1L, 103L, "b"), row(2L, 101L, "x")), harness.table());
  }

  /**
   * Partitioned by a key and a window's end, rows {@code (k, window_end, ts)}: a key's row is final
   * when the watermark reaches its time or the window's end, whichever comes first, and the key
   * leaves state at the window's end, after which its rows are late.
   */
  @Test
  void aKeyWithAnEventTimeColumnIsFinalAndLeavesWhenThatColumnCloses() {
    OperatorHarness harness = new OperatorHarness(() -> new EarliestRowOperator(new int[] {0, 1}, 2, 1, 0, true, 0));
    assertTrue(harness.insert(100, row(1L, 110L, 105L), row(1L, 110L, 103L), row(2L, 110L, 115L)).isEmpty());
    assertEquals("RowBatch[+I[1, 110, 103]]", harness.advanceWatermark(103).toString());
    assertEquals(2, harness.stateRows(), "key 1 is final, and kept until its window closes");
    harness.restore();
    assertEquals("RowBatch[+I[2, 110, 115]]", harness.advanceWatermark(110).toString(), "key 2's window closed before its row's time");
    assertEquals(0, harness.stateRows());
    assertTrue(harness.insert(110, row(1L, 110L, 111L)).isEmpty());
    assertEquals(1, harness.metrics().droppedLateRows, "its window has closed");
  }

  @Test
  void aRowWithoutATimeIsSkippedAndCounted() {
    OperatorHarness harness = new OperatorHarness(() -> earliest(false, 0));
    assertTrue(harness.insert(100, row(1L, null, "a")).isEmpty());
    assertEquals(1, harness.metrics().nullTimeRows);
    assertEquals(0, harness.stateRows());
  }
}
