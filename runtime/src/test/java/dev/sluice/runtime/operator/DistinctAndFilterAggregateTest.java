package dev.sluice.runtime.operator;

import static dev.sluice.runtime.operator.OperatorInput.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.runtime.aggregate.AggregateCall;
import dev.sluice.runtime.aggregate.AggregateKind;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.TypeKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@code COUNT(DISTINCT x)}, aggregates with {@code FILTER (WHERE ...)}, and both at once
 * ({@link AggregateCall} with {@code distinct} and a filter column, the distinct values of a
 * column counted in one {@code DistinctValues} shared by its DISTINCT calls), over insert-only and
 * retracting input. Input rows are {@code (k, v,
 * f)} with {@code f} the BOOLEAN filter column, as the planner projects a {@code FILTER} condition.
 */
class DistinctAndFilterAggregateTest {
  private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
  private static final DataType DOUBLE = DataType.of(TypeKind.DOUBLE);
  private static final int V = 1;
  private static final int F = 2;

  private static AggregateCall call(AggregateKind kind, int argument, boolean distinct, int filter, boolean retractable) {
    return new AggregateCall(kind, argument, distinct, filter, kind == AggregateKind.AVG ? DOUBLE : BIGINT, retractable);
  }

  /**
   * COUNT(DISTINCT v), SUM(DISTINCT v), COUNT(*) FILTER (f), SUM(v) FILTER (f), COUNT(DISTINCT v)
   * FILTER (f), MAX(DISTINCT v) FILTER (f), MIN(v) FILTER (f), AVG(DISTINCT v) FILTER (f).
   */
  private static GroupAggregateOperator everyCombination(boolean retractable) {
    AggregateCall[] calls = {
        call(AggregateKind.COUNT, V, true, -1, retractable),
        call(AggregateKind.SUM, V, true, -1, retractable),
        call(AggregateKind.COUNT_STAR, -1, false, F, retractable),
        call(AggregateKind.SUM, V, false, F, retractable),
        call(AggregateKind.COUNT, V, true, F, retractable),
        call(AggregateKind.MAX, V, true, F, retractable),
        call(AggregateKind.MIN, V, false, F, retractable),
        call(AggregateKind.AVG, V, true, F, retractable)};
    return new GroupAggregateOperator(new int[] {0}, calls, -1, 0, false, false);
  }

  /** {@link #everyCombination} computed from a group's rows. */
  private static Object[] expectedRow(Object key, List<Object[]> rows) {
    Set<Long> distinct = new TreeSet<>();
    Set<Long> distinctPassing = new TreeSet<>();
    long passing = 0;
    long passingSum = 0;
    long passingValues = 0;
    Long passingMin = null;
    for (Object[] row : rows) {
      Long v = (Long) row[V];
      boolean passes = Boolean.TRUE.equals(row[F]);
      if (v != null) distinct.add(v);
      if (!passes) continue;
      passing++;
      if (v == null) continue;
      distinctPassing.add(v);
      passingSum += v;
      passingValues++;
      passingMin = passingMin == null || v < passingMin ? v : passingMin;
    }
    long distinctSum = distinct.stream().mapToLong(Long::longValue).sum();
    long distinctPassingSum = distinctPassing.stream().mapToLong(Long::longValue).sum();
    return row(key, (long) distinct.size(), distinct.isEmpty() ? null : distinctSum, passing, passingValues == 0 ? null : passingSum,
        (long) distinctPassing.size(), distinctPassing.isEmpty() ? null : ((TreeSet<Long>) distinctPassing).last(), passingMin,
        distinctPassing.isEmpty() ? null : (double) distinctPassingSum / distinctPassing.size());
  }

  /**
   * One random change: {@code op} 0-2 inserts (k, v, f); 3 updates a live row's value and filter in
   * place, 4 also moves it to key {@code key}; 5 deletes one. {@code value} 5 and {@code filter} 2
   * stand for NULL; few values, so they repeat.
   */
  record Action(int op, int key, int value, int filter, int pick) {}

  @Provide
  Arbitrary<List<Action>> changes() {
    return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 1000))
        .as(Action::new).list().ofMaxSize(40);
  }

  @Provide
  Arbitrary<List<Action>> inserts() {
    return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 2))
        .as((key, value, filter) -> new Action(0, key, value, filter, 0)).list().ofMaxSize(40);
  }

  private static OperatorInput input(List<Action> actions, List<Object[]> live) {
    OperatorInput input = new OperatorInput(1);
    for (Action a : actions) {
      Object[] row = row((long) a.key(), a.value() == 5 ? null : (long) a.value(), a.filter() == 2 ? null : a.filter() == 1);
      change(input, live, row, a.op(), a.pick());
    }
    return input;
  }

  /**
   * Records one random change of the live rows: {@code op} 0-2 (or no live row) inserts {@code
   * row}; 3 replaces a picked row by it under the picked row's key, 4 replaces it outright, 5
   * deletes the picked row.
   */
  private static void change(OperatorInput input, List<Object[]> live, Object[] row, int op, int pick) {
    if (op <= 2 || live.isEmpty()) {
      live.add(row);
      input.insert(row);
      return;
    }
    int index = pick % live.size();
    Object[] old = live.get(index);
    if (op == 5) {
      live.remove(index);
      input.delete(old);
      return;
    }
    if (op == 3) row[0] = old[0];
    live.set(index, row);
    input.update(old, row);
  }

  /** The table of one {@code resultRow} per group of the live rows, grouped by their column 0. */
  private static FoldedTable grouped(List<Object[]> live, BiFunction<Object, List<Object[]>, Object[]> resultRow) {
    Map<Object, List<Object[]>> groups = new LinkedHashMap<>();
    for (Object[] row : live) groups.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row);
    FoldedTable table = new FoldedTable();
    groups.forEach((key, rows) -> table.apply(RowKind.INSERT, resultRow.apply(key, rows)));
    return table;
  }

  private static FoldedTable expected(List<Object[]> live) {
    return grouped(live, DistinctAndFilterAggregateTest::expectedRow);
  }

  @Property(tries = 200)
  void distinctAndFilteredAggregatesOverRetractionsEqualThoseOfTheRowsLeft(@ForAll("changes") List<Action> actions) {
    List<Object[]> live = new ArrayList<>();
    OperatorInput input = input(actions, live);
    assertEquals(expected(live), ScheduleEquivalence.of(() -> everyCombination(true)).keyedBy(0).check(input));
  }

  @Property(tries = 100)
  void distinctAndFilteredAggregatesOverInsertsEqualThoseOfEveryRow(@ForAll("inserts") List<Action> actions) {
    List<Object[]> live = new ArrayList<>();
    OperatorInput input = input(actions, live);
    assertEquals(expected(live), ScheduleEquivalence.of(() -> everyCombination(false)).keyedBy(0).check(input));
  }

  // ---- DISTINCT calls sharing their values: several filters on one column, and two columns ----

  private static final int W = 2;
  private static final int F1 = 3;
  private static final int F2 = 4;

  /**
   * Over rows {@code (k, v, w, f1, f2)}, as Nexmark q15 and q16 count distinct bidders and auctions
   * under several filters: COUNT(DISTINCT v), COUNT(DISTINCT v) FILTER (f1), COUNT(DISTINCT w),
   * SUM(DISTINCT v) FILTER (f2), COUNT(*), COUNT(DISTINCT w) FILTER (f2), SUM(w) FILTER (f1),
   * MIN(DISTINCT w) FILTER (f1). The DISTINCT calls on v share one map, those on w another, and
   * the others sit between them.
   */
  private static GroupAggregateOperator sharedDistinctValues(boolean retractable) {
    AggregateCall[] calls = {
        call(AggregateKind.COUNT, V, true, -1, retractable),
        call(AggregateKind.COUNT, V, true, F1, retractable),
        call(AggregateKind.COUNT, W, true, -1, retractable),
        call(AggregateKind.SUM, V, true, F2, retractable),
        call(AggregateKind.COUNT_STAR, -1, false, -1, retractable),
        call(AggregateKind.COUNT, W, true, F2, retractable),
        call(AggregateKind.SUM, W, false, F1, retractable),
        call(AggregateKind.MIN, W, true, F1, retractable)};
    return new GroupAggregateOperator(new int[] {0}, calls, -1, 0, false, false);
  }

  /** {@link #sharedDistinctValues} computed from a group's rows. */
  private static Object[] expectedSharedRow(Object key, List<Object[]> rows) {
    TreeSet<Long> v = new TreeSet<>();
    TreeSet<Long> vF1 = new TreeSet<>();
    TreeSet<Long> vF2 = new TreeSet<>();
    TreeSet<Long> w = new TreeSet<>();
    TreeSet<Long> wF1 = new TreeSet<>();
    TreeSet<Long> wF2 = new TreeSet<>();
    Long wSumF1 = null;
    for (Object[] row : rows) {
      boolean f1 = Boolean.TRUE.equals(row[F1]);
      boolean f2 = Boolean.TRUE.equals(row[F2]);
      if (row[V] != null) {
        v.add((Long) row[V]);
        if (f1) vF1.add((Long) row[V]);
        if (f2) vF2.add((Long) row[V]);
      }
      if (row[W] != null) {
        w.add((Long) row[W]);
        if (f1) wF1.add((Long) row[W]);
        if (f2) wF2.add((Long) row[W]);
        if (f1) wSumF1 = (wSumF1 == null ? 0 : wSumF1) + (Long) row[W];
      }
    }
    return row(key, (long) v.size(), (long) vF1.size(), (long) w.size(), vF2.isEmpty() ? null : vF2.stream().mapToLong(Long::longValue).sum(),
        (long) rows.size(), (long) wF2.size(), wSumF1, wF1.isEmpty() ? null : wF1.first());
  }

  /**
   * One random change to rows {@code (k, v, w, f1, f2)}: {@code op} as in {@link Action}; {@code v}
   * 4, {@code w} 3 and a filter 2 stand for NULL.
   */
  record SharedAction(int op, int key, int v, int w, int f1, int f2, int pick) {}

  @Provide
  Arbitrary<List<SharedAction>> sharedChanges() {
    return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, 4),
        Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(0, 1000)).as(SharedAction::new).list().ofMaxSize(40);
  }

  private static Boolean filterValue(int filter) {
    return filter == 2 ? null : filter == 1;
  }

  private static OperatorInput sharedInput(List<SharedAction> actions, boolean insertsOnly, List<Object[]> live) {
    OperatorInput input = new OperatorInput(1);
    for (SharedAction a : actions) {
      Object[] row = row((long) a.key(), a.v() == 4 ? null : (long) a.v(), a.w() == 3 ? null : (long) a.w(), filterValue(a.f1()),
          filterValue(a.f2()));
      change(input, live, row, insertsOnly ? 0 : a.op(), a.pick());
    }
    return input;
  }

  private static FoldedTable expectedShared(List<Object[]> live) {
    return grouped(live, DistinctAndFilterAggregateTest::expectedSharedRow);
  }

  @Property(tries = 200)
  void distinctCallsSharingAColumnUnderDifferentFiltersEqualThoseOfTheRowsLeft(@ForAll("sharedChanges") List<SharedAction> actions) {
    List<Object[]> live = new ArrayList<>();
    OperatorInput input = sharedInput(actions, false, live);
    assertEquals(expectedShared(live), ScheduleEquivalence.of(() -> sharedDistinctValues(true)).keyedBy(0).check(input));
  }

  @Property(tries = 100)
  void distinctCallsSharingAColumnOverInsertsEqualThoseOfEveryRow(@ForAll("sharedChanges") List<SharedAction> actions) {
    List<Object[]> live = new ArrayList<>();
    OperatorInput input = sharedInput(actions, true, live);
    assertEquals(expectedShared(live), ScheduleEquivalence.of(() -> sharedDistinctValues(false)).keyedBy(0).check(input));
  }

  // ---- Fixed cases ----

  private static OperatorHarness harness(AggregateCall... calls) {
    return new OperatorHarness(() -> new GroupAggregateOperator(new int[] {0}, calls, -1, 0, false, false));
  }

  private static RowBatch changes(Object... kindsAndRows) {
    RowBatch batch = new RowBatch();
    for (int i = 0; i < kindsAndRows.length; i += 2) batch.add((RowKind) kindsAndRows[i], (Object[]) kindsAndRows[i + 1]);
    return batch;
  }

  @Test
  void countDistinctCountsAValueOnceUntilItsLastRowIsRetracted() {
    OperatorHarness harness = harness(call(AggregateKind.COUNT, V, true, -1, true));
    harness.insert(OperatorContext.NO_WATERMARK, row(1L, 5L, null), row(1L, 5L, null), row(1L, 6L, null), row(1L, null, null));
    assertEquals(FoldedTable.of(row(1L, 2L)), harness.table());
    harness.batch(OperatorContext.NO_WATERMARK, changes(RowKind.DELETE, row(1L, 5L, null)));
    assertEquals(FoldedTable.of(row(1L, 2L)), harness.table(), "another row still holds 5");
    harness.restore();
    harness.batch(OperatorContext.NO_WATERMARK, changes(RowKind.DELETE, row(1L, 5L, null)));
    assertEquals(FoldedTable.of(row(1L, 1L)), harness.table());
  }

  @Test
  void anUpdateMovesARowIntoAndOutOfAFilter() {
    OperatorHarness harness = harness(call(AggregateKind.COUNT_STAR, -1, false, F, true), call(AggregateKind.SUM, V, false, F, true));
    harness.insert(OperatorContext.NO_WATERMARK, row(1L, 5L, true), row(1L, 7L, false));
    assertEquals(FoldedTable.of(row(1L, 1L, 5L)), harness.table());
    harness.batch(OperatorContext.NO_WATERMARK, changes(RowKind.UPDATE_BEFORE, row(1L, 7L, false), RowKind.UPDATE_AFTER, row(1L, 7L, true)));
    assertEquals(FoldedTable.of(row(1L, 2L, 12L)), harness.table());
    harness.restoreFromSnapshot();
    harness.batch(OperatorContext.NO_WATERMARK, changes(RowKind.UPDATE_BEFORE, row(1L, 5L, true), RowKind.UPDATE_AFTER, row(1L, 5L, null)));
    assertEquals(FoldedTable.of(row(1L, 1L, 7L)), harness.table(), "a NULL filter is not TRUE");
  }

  @Test
  void distinctUnderAFilterCountsOnlyValuesOfPassingRows() {
    OperatorHarness harness = harness(call(AggregateKind.COUNT, V, true, F, true), call(AggregateKind.SUM, V, true, F, true));
    harness.insert(OperatorContext.NO_WATERMARK, row(1L, 5L, true), row(1L, 5L, false), row(1L, 5L, true), row(1L, 8L, false));
    assertEquals(FoldedTable.of(row(1L, 1L, 5L)), harness.table());
    harness.batch(OperatorContext.NO_WATERMARK, changes(RowKind.DELETE, row(1L, 5L, true)));
    assertEquals(FoldedTable.of(row(1L, 1L, 5L)), harness.table(), "the other passing 5 still counts");
    harness.restore();
    harness.batch(OperatorContext.NO_WATERMARK, changes(RowKind.DELETE, row(1L, 5L, true)));
    assertEquals(FoldedTable.of(row(1L, 0L, null)), harness.table(), "the 5 that is left does not pass the filter");
  }

  @Test
  void aValueCountsForEachFilterItsRowsPassUntilTheLastSuchRowIsRetracted() {
    OperatorHarness harness = harness(call(AggregateKind.COUNT, V, true, -1, true), call(AggregateKind.COUNT, V, true, F, true),
        call(AggregateKind.COUNT_STAR, -1, false, F, true));
    harness.insert(OperatorContext.NO_WATERMARK, row(1L, 5L, true), row(1L, 5L, false), row(1L, 6L, false), row(1L, null, true));
    assertEquals(FoldedTable.of(row(1L, 2L, 1L, 2L)), harness.table());
    harness.restore();
    harness.batch(OperatorContext.NO_WATERMARK, changes(RowKind.DELETE, row(1L, 5L, true)));
    assertEquals(FoldedTable.of(row(1L, 2L, 0L, 1L)), harness.table(), "the 5 left does not pass the filter, yet is distinct");
    harness.restoreFromSnapshot();
    harness.batch(OperatorContext.NO_WATERMARK, changes(RowKind.UPDATE_BEFORE, row(1L, 6L, false), RowKind.UPDATE_AFTER, row(1L, 6L, true)));
    assertEquals(FoldedTable.of(row(1L, 2L, 1L, 2L)), harness.table(), "6 moves into the filter and stays distinct");
    harness.batch(OperatorContext.NO_WATERMARK, changes(RowKind.DELETE, row(1L, null, true)));
    assertEquals(FoldedTable.of(row(1L, 2L, 1L, 1L)), harness.table(), "a NULL value counts for no DISTINCT call");
  }
}
