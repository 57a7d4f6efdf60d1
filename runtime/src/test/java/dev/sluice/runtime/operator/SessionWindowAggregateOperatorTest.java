package dev.sluice.runtime.operator;

import static dev.sluice.runtime.operator.OperatorInput.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.aggregate.AggregateCall;
import dev.sluice.runtime.aggregate.AggregateKind;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.operator.OperatorInput.Change;
import dev.sluice.runtime.operator.OperatorInput.Step;
import dev.sluice.runtime.operator.OperatorInput.Watermark;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.TypeKind;
import java.util.ArrayList;
import java.util.Comparator;
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
 * Session windows with a gap of 10 over rows {@code (k, ts, v)}, emitting {@code (k, session
 * start, session end, COUNT(*), SUM(v))}. Random inputs are checked against sessions built
 * directly, row by row, from the rows that were not late: a row is late when its own session ends
 * by the watermark or when it overlaps or touches a session of its key that ended by the watermark
 * (SEMANTICS.md); any other row merges with the sessions it overlaps or touches. Whatever the
 * batching, no two output sessions of a key overlap or touch.
 */
class SessionWindowAggregateOperatorTest {
  private static final long GAP = 10;
  private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
  private static final AggregateCall[] CALLS = {
      new AggregateCall(AggregateKind.COUNT_STAR, -1, false, -1, BIGINT, false),
      new AggregateCall(AggregateKind.SUM, 2, false, -1, BIGINT, false)};
  private static final int[] OUTPUT_KEYS = {0, SessionWindowAggregateOperator.WINDOW_START, SessionWindowAggregateOperator.WINDOW_END};

  private static SessionWindowAggregateOperator sessions(boolean emitFinalOnly) {
    return new SessionWindowAggregateOperator(new int[] {0}, 1, GAP, OUTPUT_KEYS, CALLS, emitFinalOnly, true);
  }

  /**
   * One random step: {@code op} 0-2 a row after the watermark, 3 a late one (its session would end
   * by the watermark), 4 a watermark advance, 5 a row in {@code (watermark - gap, watermark]}: on
   * time by its own session's end, yet it may touch a session the watermark closed, which makes it
   * late whether or not a batch has closed that session yet.
   */
  record Action(int op, int key, int delta, int value) {}

  @Provide
  Arbitrary<List<Action>> rows() {
    return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 25),
        Arbitraries.integers().between(-3, 3)).as(Action::new).list().ofMaxSize(40);
  }

  private static OperatorInput input(List<Action> actions) {
    OperatorInput input = new OperatorInput(1);
    long watermark = OperatorContext.NO_WATERMARK;
    long base = 100;
    for (Action a : actions) {
      if (a.op() == 4) {
        watermark = base + a.delta() / 2;
        base = watermark;
        input.watermark(watermark);
      } else if (a.op() == 3 && watermark != OperatorContext.NO_WATERMARK) {
        input.insert(row((long) a.key(), watermark - GAP - a.delta(), (long) a.value()));
      } else if (a.op() == 5 && watermark != OperatorContext.NO_WATERMARK) {
        input.insert(row((long) a.key(), watermark - a.delta() % GAP, (long) a.value()));
      } else {
        input.insert(row((long) a.key(), base + 1 + a.delta(), (long) a.value()));
      }
    }
    return input.watermark(100_000);
  }

  /** A session of the batch answer: {start, end, count, sum}. */
  private static FoldedTable expected(OperatorInput input) {
    Map<Object, List<long[]>> byKey = new LinkedHashMap<>();
    long watermark = OperatorContext.NO_WATERMARK;
    for (Step step : input.steps()) {
      if (step instanceof Watermark w) watermark = w.value();
      if (!(step instanceof Change c)) continue;
      long ts = (Long) c.row()[1];
      List<long[]> sessions = byKey.computeIfAbsent(c.row()[0], k -> new ArrayList<>());
      List<long[]> touched = new ArrayList<>();
      for (long[] s : sessions) {
        if (s[0] <= ts + GAP && ts <= s[1]) touched.add(s);
      }
      boolean touchesAClosedSession = false;
      for (long[] s : touched) touchesAClosedSession |= s[1] <= watermark;
      boolean late = watermark != OperatorContext.NO_WATERMARK && (ts + GAP <= watermark || touchesAClosedSession);
      if (late) continue;
      long[] merged = {ts, ts + GAP, 1, (Long) c.row()[2]};
      for (long[] s : touched) {
        merged[0] = Math.min(merged[0], s[0]);
        merged[1] = Math.max(merged[1], s[1]);
        merged[2] += s[2];
        merged[3] += s[3];
      }
      sessions.removeAll(touched);
      sessions.add(merged);
    }
    FoldedTable table = new FoldedTable();
    byKey.forEach((key, sessions) -> sessions.forEach(s -> table.apply(RowKind.INSERT, row(key, s[0], s[1], s[2], s[3]))));
    return table;
  }

  /** No two sessions of a key in {@code table} overlap or touch: it is a sessionization. */
  private static void assertValidSessionization(FoldedTable table) {
    Map<Object, List<Object[]>> byKey = new LinkedHashMap<>();
    for (Object[] r : table.rows()) byKey.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r);
    byKey.forEach((key, sessions) -> {
      sessions.sort(Comparator.comparing(r -> (Long) r[1]));
      for (int i = 1; i < sessions.size(); i++) {
        long previousEnd = (Long) sessions.get(i - 1)[2];
        long start = (Long) sessions.get(i)[1];
        assertTrue(previousEnd < start, "sessions of key " + key + " overlap or touch: " + java.util.Arrays.toString(sessions.get(i - 1))
            + " and " + java.util.Arrays.toString(sessions.get(i)) + "\n" + table);
      }
    });
  }

  /**
   * Over random batchings (one row a batch, all at once, no-data batches between, restores before
   * every batch), rows in the band that can touch a closed session included: the output never has
   * two overlapping or touching sessions of a key, and every batching drops the same rows.
   */
  @Property(tries = 300)
  void sessionsNeverOverlapOrTouchWhateverTheBatching(@ForAll("rows") List<Action> actions, @ForAll boolean emitFinalOnly) {
    OperatorInput input = input(actions);
    ScheduleEquivalence check = ScheduleEquivalence.of(() -> sessions(emitFinalOnly)).keyedBy(0, 1).stateEmptyAtEnd();
    FoldedTable result = (emitFinalOnly ? check.finalRowsOnly() : check).check(input);
    assertValidSessionization(result);
  }

  @Property(tries = 200)
  void finalSessionsAreEmittedOnceWhenTheWatermarkPassesTheirEnd(@ForAll("rows") List<Action> actions) {
    OperatorInput input = input(actions);
    FoldedTable result = ScheduleEquivalence.of(() -> sessions(true)).finalRowsOnly().keyedBy(0, 1).stateEmptyAtEnd().check(input);
    assertEquals(expected(input), result);
  }

  @Property(tries = 200)
  void updatingSessionsFoldToTheSameSessions(@ForAll("rows") List<Action> actions) {
    OperatorInput input = input(actions);
    FoldedTable result = ScheduleEquivalence.of(() -> sessions(false)).keyedBy(0, 1).stateEmptyAtEnd().check(input);
    assertEquals(expected(input), result);
  }

  @Test
  void aRowTouchingAClosedSessionIsLateAndTheClosedEndIsForgottenOnceNoRowCouldTouchIt() {
    OperatorHarness harness = new OperatorHarness(() -> sessions(true));
    harness.insert(100, row(1L, 101L, 1L));
    assertEquals("RowBatch[+I[1, 101, 111, 1, 1]]", harness.advanceWatermark(112).toString());
    assertEquals(0, harness.stateRows());
    assertEquals(1, rememberedClosedEnds(harness), "111 + gap is after the watermark: a row at 103..111 is not late by its own end");
    harness.restore();
    assertTrue(harness.insert(112, row(1L, 111L, 5L), row(1L, 105L, 5L)).isEmpty());
    assertEquals(2, harness.metrics().droppedLateRows, "both would touch the closed session [101, 111), after a restore too");
    assertEquals(FoldedTable.of(row(1L, 111L, 5L), row(1L, 105L, 5L)), harness.lateRows());
    harness.insert(112, row(1L, 112L, 7L));
    assertEquals(1, harness.stateRows(), "a row just past the closed end starts a session of its own");
    harness.advanceWatermark(120);
    assertEquals(1, rememberedClosedEnds(harness));
    harness.advanceWatermark(121);
    assertEquals(0, rememberedClosedEnds(harness), "111 + gap <= 121: any row that could touch it is late by its own end");
    assertEquals("RowBatch[+I[1, 112, 122, 1, 7]]", harness.advanceWatermark(122).toString());
    harness.advanceWatermark(132);
    assertEquals(0, rememberedClosedEnds(harness), "nothing is left once no row could touch the last session");
    assertEquals(0, harness.stateRows());
  }

  private static int rememberedClosedEnds(OperatorHarness harness) {
    return ((SessionWindowAggregateOperator) harness.operator()).rememberedClosedEnds();
  }

  @Test
  void rowBridgingTwoSessionsMergesThemAndTheLaterOneIsDeleted() {
    OperatorHarness harness = new OperatorHarness(() -> sessions(false));
    harness.insert(100, row(1L, 101L, 1L), row(1L, 120L, 2L));
    assertEquals(FoldedTable.of(row(1L, 101L, 111L, 1L, 1L), row(1L, 120L, 130L, 1L, 2L)), harness.table());
    harness.restore();
    assertEquals("RowBatch[-D[1, 120, 130, 1, 2], -U[1, 101, 111, 1, 1], +U[1, 101, 130, 3, 7]]",
        harness.insert(100, row(1L, 110L, 4L)).toString());
    assertEquals(1, harness.stateRows());
  }

  @Test
  void mergedSessionsCountADistinctValueOnceForEachFilterItsRowsPass() {
    // Rows (k, ts, v, f): COUNT(DISTINCT v), COUNT(DISTINCT v) FILTER (f), SUM(v).
    AggregateCall[] calls = {
        new AggregateCall(AggregateKind.COUNT, 2, true, -1, BIGINT, false),
        new AggregateCall(AggregateKind.COUNT, 2, true, 3, BIGINT, false),
        new AggregateCall(AggregateKind.SUM, 2, false, -1, BIGINT, false)};
    OperatorHarness harness = new OperatorHarness(() -> new SessionWindowAggregateOperator(new int[] {0}, 1, GAP, OUTPUT_KEYS, calls, false, true));
    harness.insert(100, row(1L, 101L, 5L, true), row(1L, 120L, 5L, false), row(1L, 120L, 6L, true));
    assertEquals(FoldedTable.of(row(1L, 101L, 111L, 1L, 1L, 5L), row(1L, 120L, 130L, 2L, 1L, 11L)), harness.table());
    harness.restore();
    harness.insert(100, row(1L, 110L, 7L, false));
    assertEquals(FoldedTable.of(row(1L, 101L, 130L, 3L, 2L, 23L)), harness.table());
  }

  @Test
  void sessionClosesWhenTheWatermarkReachesItsEndAndLateRowsAreCounted() {
    OperatorHarness harness = new OperatorHarness(() -> sessions(true));
    assertTrue(harness.insert(100, row(1L, 101L, 1L), row(1L, 111L, 1L), row(2L, 150L, 1L)).isEmpty());
    assertEquals(2, harness.stateRows(), "a row exactly one gap after another extends its session");
    assertTrue(harness.advanceWatermark(120).isEmpty(), "the session [101, 121) is still open");
    assertEquals("RowBatch[+I[1, 101, 121, 2, 2]]", harness.advanceWatermark(121).toString());
    assertEquals(1, harness.stateRows());
    harness.restoreFromSnapshot();
    assertTrue(harness.insert(121, row(1L, 111L, 5L)).isEmpty());
    assertEquals(1, harness.metrics().droppedLateRows, "111 + gap is at the watermark");
    harness.advanceWatermark(160);
    assertEquals(0, harness.stateRows());
  }
}
