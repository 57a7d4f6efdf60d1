package dev.sluice.runtime.operator;

import static dev.sluice.runtime.operator.OperatorInput.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.operator.OperatorInput.Change;
import dev.sluice.runtime.operator.OperatorInput.Step;
import dev.sluice.runtime.operator.OperatorInput.Watermark;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Deduplication on {@code (k, ts)} of rows {@code (k, ts, payload)}: the first row of each key is
 * emitted, once and for good. With the event-time key bounding state, a key leaves state once the
 * watermark passes its time, and rows for it are late from then on.
 */
class DeduplicateOperatorTest {

  private static DeduplicateOperator deduplicate(boolean evictByTime) {
    return new DeduplicateOperator(new int[] {0, 1}, evictByTime ? 1 : -1);
  }

  /** One random step: {@code op} 0-3 a row {@code delta} from the watermark (negative: late); 4 a watermark advance. */
  record Action(int op, int key, int delta, int payload) {}

  @Provide
  Arbitrary<List<Action>> rows() {
    return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 2), Arbitraries.integers().between(-4, 6),
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

  /** The first row of each key, among those that were not late (or all of them, without eviction). */
  private static FoldedTable expected(OperatorInput input, boolean evictByTime) {
    FoldedTable table = new FoldedTable();
    Set<List<Object>> seen = new HashSet<>();
    long watermark = OperatorContext.NO_WATERMARK;
    for (Step step : input.steps()) {
      if (step instanceof Watermark w) watermark = w.value();
      if (!(step instanceof Change c)) continue;
      boolean late = evictByTime && watermark != OperatorContext.NO_WATERMARK && (Long) c.row()[1] <= watermark;
      if (!late && seen.add(Arrays.asList(c.row()[0], c.row()[1]))) table.apply(RowKind.INSERT, c.row());
    }
    return table;
  }

  @Property(tries = 200)
  void firstOnTimeRowOfEachKeyIsEmittedOnceAndStateEmptiesBehindTheWatermark(@ForAll("rows") List<Action> actions) {
    OperatorInput input = input(actions);
    FoldedTable result = ScheduleEquivalence.of(() -> deduplicate(true)).finalRowsOnly().keyedBy(0, 1).stateEmptyAtEnd().check(input);
    assertEquals(expected(input, true), result);
  }

  @Property(tries = 100)
  void withoutAnEventTimeKeyEveryKeyIsRememberedAndNothingIsLate(@ForAll("rows") List<Action> actions) {
    OperatorInput input = input(actions);
    FoldedTable result = ScheduleEquivalence.of(() -> deduplicate(false)).finalRowsOnly().keyedBy(0, 1).droppedLateRows(0).check(input);
    assertEquals(expected(input, false), result);
  }

  @Test
  void keyLeavesStateWhenTheWatermarkPassesItsTimeAndLaterRowsForItAreLate() {
    OperatorHarness harness = new OperatorHarness(() -> deduplicate(true));
    assertEquals(2, harness.insert(100, row(1L, 105L, "a"), row(1L, 105L, "b"), row(1L, 108L, "c")).size());
    assertEquals(2, harness.stateRows());
    assertFalse(harness.operator().hasWorkAt(104));
    assertTrue(harness.operator().hasWorkAt(105));
    assertTrue(harness.advanceWatermark(105).isEmpty(), "eviction emits nothing");
    assertEquals(1, harness.stateRows(), "the key at 105 left state");
    harness.restore();
    assertTrue(harness.insert(105, row(1L, 105L, "d"), row(1L, 108L, "e")).isEmpty());
    assertEquals(1, harness.metrics().droppedLateRows, "the row at 105 is late; the one at 108 a duplicate");
    harness.advanceWatermark(108);
    assertEquals(0, harness.stateRows());
    assertEquals(FoldedTable.of(row(1L, 105L, "a"), row(1L, 108L, "c")), harness.table());
  }

  @Test
  void keyWithANullTimeIsNeverLateAndStays() {
    OperatorHarness harness = new OperatorHarness(() -> deduplicate(true));
    harness.insert(100, row(1L, null, "a"), row(1L, null, "b"));
    harness.advanceWatermark(100_000);
    harness.restoreFromSnapshot();
    assertTrue(harness.insert(100_000, row(1L, null, "c")).isEmpty());
    assertEquals(1, harness.stateRows());
    assertEquals(0, harness.metrics().droppedLateRows);
  }

  /**
   * With a state TTL and no time key, over rows {@code (k, ts)}: a key leaves once the watermark
   * passes its first row's time plus the TTL, duplicates do not keep it, and a row with the key
   * after that is emitted again.
   */
  @Test
  void aKeyLeavesOnceTheWatermarkPassesItsFirstRowPlusTheTtl() {
    OperatorHarness harness = new OperatorHarness(() -> new DeduplicateOperator(new int[] {0}, -1, 1, 100));
    RowBatch out = harness.insert(OperatorContext.NO_WATERMARK, row(1L, 1_000L), row(2L, 1_050L), row(1L, 1_080L));
    assertEquals("RowBatch[+I[1, 1000], +I[2, 1050]]", out.toString());
    harness.restore();
    harness.advanceWatermark(1_099);
    assertEquals(2, harness.stateRows());
    harness.advanceWatermark(1_100);
    assertEquals(1, harness.stateRows(), "key 1 left at 1000 + 100, its duplicate at 1080 notwithstanding");
    out = harness.insert(1_100, row(1L, 1_120L), row(2L, 1_120L));
    assertEquals("RowBatch[+I[1, 1120]]", out.toString(), "key 1 is new again; key 2 is still held");
    assertEquals(0, harness.metrics().droppedLateRows, "a TTL makes no row late");
  }
}
