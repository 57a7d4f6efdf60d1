package dev.sluice.runtime.operator;

import static dev.sluice.runtime.operator.OperatorInput.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.operator.OperatorInput.Change;
import dev.sluice.runtime.operator.OperatorInput.Step;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Top-N: {@code ROW_NUMBER() OVER (PARTITION BY p ORDER BY score DESC) <= N} over rows {@code (p,
 * score, payload)}; output rows carry their rank last. Random inputs are checked against a stable
 * sort of every row of each partition, which is what "ties keep their arrival order" means.
 */
class TopNOperatorTest {
  private static final int LIMIT = 3;

  /** {@code ORDER BY score DESC}, NULLs first as SQL sorts them descending (and as the planner's {@code RowOrder} does). */
  private static final Comparator<Object[]> BY_SCORE_DESCENDING = (a, b) -> {
    Long x = (Long) a[1];
    Long y = (Long) b[1];
    if (x == null || y == null) return x == y ? 0 : x == null ? -1 : 1;
    return Long.compare(y, x);
  };

  private static TopNOperator topN(int limit) {
    return new TopNOperator(new int[] {0}, BY_SCORE_DESCENDING, limit);
  }

  /** One random row: partition {@code partition} (3 stands for NULL), score (7 for NULL), payload; few of each, so they tie. */
  record Action(int partition, int score, int payload) {}

  @Provide
  Arbitrary<List<Action>> rows() {
    return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 3))
        .as(Action::new).list().ofMaxSize(40);
  }

  @Property(tries = 200)
  void eachPartitionHoldsItsBestRowsRankedInArrivalOrderOnTies(@ForAll("rows") List<Action> actions) {
    OperatorInput input = new OperatorInput(1);
    for (Action a : actions) {
      input.insert(row(a.partition() == 3 ? null : (long) a.partition(), a.score() == 7 ? null : (long) a.score(), "p" + a.payload()));
    }
    FoldedTable result = ScheduleEquivalence.of(() -> topN(LIMIT)).keyedBy(0, 3).check(input);
    assertEquals(expected(input, LIMIT), result);
  }

  private static FoldedTable expected(OperatorInput input, int limit) {
    Map<Object, List<Object[]>> partitions = new LinkedHashMap<>();
    for (Step step : input.steps()) {
      Object[] row = ((Change) step).row();
      partitions.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row);
    }
    FoldedTable table = new FoldedTable();
    for (List<Object[]> rows : partitions.values()) {
      rows.sort(BY_SCORE_DESCENDING); // a stable sort: equal scores stay in arrival order
      for (int rank = 0; rank < Math.min(limit, rows.size()); rank++) table.apply(RowKind.INSERT, ranked(rows.get(rank), rank + 1));
    }
    return table;
  }

  private static Object[] ranked(Object[] row, long rank) {
    Object[] withRank = Arrays.copyOf(row, row.length + 1);
    withRank[row.length] = rank;
    return withRank;
  }

  @Test
  void rowThatBeatsARankPushesTheRowsBelowDownAndTheLastOneOut() {
    OperatorHarness harness = new OperatorHarness(() -> topN(2));
    assertEquals("RowBatch[+I[1, 5, a, 1], +I[1, 3, b, 2]]", harness.insert(OperatorContext.NO_WATERMARK, row(1L, 5L, "a"), row(1L, 3L, "b"))
        .toString());
    assertEquals("RowBatch[-U[1, 3, b, 2], +U[1, 4, c, 2]]", harness.insert(OperatorContext.NO_WATERMARK, row(1L, 4L, "c")).toString());
    harness.restore();
    assertEquals("RowBatch[-U[1, 5, a, 1], +U[1, 9, d, 1], -U[1, 4, c, 2], +U[1, 5, a, 2]]",
        harness.insert(OperatorContext.NO_WATERMARK, row(1L, 9L, "d")).toString());
    assertEquals(FoldedTable.of(row(1L, 9L, "d", 1L), row(1L, 5L, "a", 2L)), harness.table());
    assertEquals(2, harness.stateRows(), "only the best rows are kept");
  }

  @Test
  void rowThatTiesTheLastRankStaysOutAndATieAboveGoesAfterTheEarlierRow() {
    OperatorHarness harness = new OperatorHarness(() -> topN(2));
    harness.insert(OperatorContext.NO_WATERMARK, row(1L, 5L, "a"), row(1L, 3L, "b"));
    assertTrue(harness.insert(OperatorContext.NO_WATERMARK, row(1L, 3L, "late tie")).isEmpty());
    harness.restoreFromSnapshot();
    assertEquals("RowBatch[-U[1, 3, b, 2], +U[1, 5, second five, 2]]",
        harness.insert(OperatorContext.NO_WATERMARK, row(1L, 5L, "second five")).toString());
  }

  @Test
  void rowsInOneBatchEmitOnlyTheNetChangeOfEachRank() {
    OperatorHarness harness = new OperatorHarness(() -> topN(2));
    harness.insert(OperatorContext.NO_WATERMARK, row(1L, 5L, "a"), row(2L, 1L, "x"));
    RowBatch out = harness.insert(OperatorContext.NO_WATERMARK, row(1L, 6L, "b"), row(1L, 7L, "c"), row(1L, 8L, "d"));
    assertEquals("RowBatch[-U[1, 5, a, 1], +U[1, 8, d, 1], +I[1, 7, c, 2]]", out.toString(), "b came and went within the batch");
  }

  @Test
  void partitionsRankIndependently() {
    FoldedTable result = ScheduleEquivalence.of(() -> topN(1)).keyedBy(0, 3).check(new OperatorInput(1)
        .insert(row(1L, 1L, "a")).insert(row(2L, 2L, "b")).insert(row(1L, 3L, "c")).insert(row(null, 0L, "d")));
    assertEquals(FoldedTable.of(row(1L, 3L, "c", 1L), row(2L, 2L, "b", 1L), row(null, 0L, "d", 1L)), result);
  }

  @Test
  void retractionsOnItsInputAreRefused() {
    // The planner refuses a Top-N over an updating input; the operator fails loudly rather than rank wrongly.
    OperatorHarness harness = new OperatorHarness(() -> topN(2));
    RowBatch delete = new RowBatch();
    delete.add(RowKind.DELETE, row(1L, 5L, "a"));
    assertThrows(IllegalStateException.class, () -> harness.batch(OperatorContext.NO_WATERMARK, delete));
  }

  /**
   * With a state TTL, over rows {@code (p, score, payload, ts)}: a partition leaves, without a
   * change to its ranks, once the watermark passes the newest time among its kept rows plus the
   * TTL; a row that never made the top does not keep it; a later row starts it anew.
   */
  @Test
  void aPartitionLeavesOnceTheWatermarkPassesItsNewestKeptRowPlusTheTtl() {
    OperatorHarness harness = new OperatorHarness(() -> new TopNOperator(new int[] {0}, BY_SCORE_DESCENDING, 2, 3, 100));
    harness.insert(OperatorContext.NO_WATERMARK, row(1L, 50L, "a", 1_000L), row(1L, 40L, "b", 1_010L), row(2L, 10L, "c", 1_050L));
    RowBatch out = harness.insert(1_000, row(1L, 5L, "late-and-low", 1_500L));
    assertEquals("RowBatch[]", out.toString(), "a row below the top changes nothing");
    assertEquals(3, harness.stateRows());
    harness.advanceWatermark(1_109);
    assertEquals(3, harness.stateRows(), "partition 1's newest kept row (1010) stays until 1110: the low row at 1500 does not count");
    out = harness.advanceWatermark(1_110);
    assertEquals("RowBatch[]", out.toString(), "leaving emits nothing: the sink keeps the last ranks");
    assertEquals(1, harness.stateRows(), "partition 1 left; partition 2 (1050) stays until 1150");
    harness.restore();
    out = harness.insert(1_110, row(1L, 1L, "again", 1_200L));
    assertEquals("RowBatch[+I[1, 1, again, 1200, 1]]", out.toString(), "a later row starts the partition anew");
    harness.advanceWatermark(1_150);
    assertEquals(1, harness.stateRows(), "partition 2 left after the restore too");
  }

  /**
   * A partition whose newest row is pushed out by an older, better one expires by the rows it
   * keeps, as a restored partition would; a partition left with rows without a time stays.
   */
  @Test
  void aPartitionAgesByTheRowsItKeeps() {
    OperatorHarness harness = new OperatorHarness(() -> new TopNOperator(new int[] {0}, BY_SCORE_DESCENDING, 1, 3, 100));
    harness.insert(OperatorContext.NO_WATERMARK, row(1L, 10L, "new", 1_000L), row(2L, 10L, "timed", 1_000L));
    harness.insert(OperatorContext.NO_WATERMARK, row(1L, 20L, "older but better", 500L), row(2L, 20L, "untimed", null));
    harness.advanceWatermark(599);
    assertEquals(2, harness.stateRows());
    harness.advanceWatermark(600);
    assertEquals(1, harness.stateRows(), "partition 1 keeps only the row at 500, so it leaves at 600, not at 1100");
    harness.advanceWatermark(5_000);
    assertEquals(1, harness.stateRows(), "partition 2 keeps only a row without a time, so it stays");
  }
}
