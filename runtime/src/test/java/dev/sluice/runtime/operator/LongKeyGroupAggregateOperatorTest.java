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
import net.jqwik.api.RandomDistribution;
import org.junit.jupiter.api.Test;

/**
 * {@link LongKeyGroupAggregateOperator} is {@link GroupAggregateOperator} in primitive state: over
 * random inputs (insert-only and retracting, NULL and extreme keys and values, enough keys to grow
 * the table in mid-batch) both emit the same changes batch by batch, with values of the same classes,
 * and hold the same number of rows; each survives restores from its own checkpoint and from the
 * other's, and folds to the same table in every schedule. Input rows are {@code (k, v, f)}: a
 * whole-number key, a whole-number value and the BOOLEAN of a {@code FILTER}.
 */
class LongKeyGroupAggregateOperatorTest {
  private static final int K = 0;
  private static final int V = 1;
  private static final int F = 2;
  private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);

  /** The types of one test: the key's, the value's, and whether the input retracts (no MIN/MAX then). */
  record Shape(TypeKind key, TypeKind value, boolean retracting) {
    /**
     * COUNT(*), COUNT(v), SUM(v) as BIGINT, SUM(v) of the value's type (wrapping as its class does),
     * $SUM0(v), COUNT(*) FILTER (f), SUM(v) FILTER (f); over insert-only input also MIN(v), MAX(v)
     * and MAX(v) FILTER (f).
     */
    AggregateCall[] calls() {
      DataType valueType = DataType.of(value);
      List<AggregateCall> calls = new ArrayList<>(List.of(
          new AggregateCall(AggregateKind.COUNT_STAR, -1, false, -1, BIGINT, retracting),
          new AggregateCall(AggregateKind.COUNT, V, false, -1, BIGINT, retracting),
          new AggregateCall(AggregateKind.SUM, V, false, -1, BIGINT, retracting),
          new AggregateCall(AggregateKind.SUM, V, false, -1, valueType, retracting),
          new AggregateCall(AggregateKind.SUM0, V, false, -1, valueType, retracting),
          new AggregateCall(AggregateKind.COUNT_STAR, -1, false, F, BIGINT, retracting),
          new AggregateCall(AggregateKind.SUM, V, false, F, BIGINT, retracting)));
      if (!retracting) {
        calls.add(new AggregateCall(AggregateKind.MIN, V, false, -1, valueType, false));
        calls.add(new AggregateCall(AggregateKind.MAX, V, false, -1, valueType, false));
        calls.add(new AggregateCall(AggregateKind.MAX, V, false, F, valueType, false));
      }
      return calls.toArray(new AggregateCall[0]);
    }

    List<TypeKind> columnKinds() {
      return List.of(key, value, TypeKind.BOOLEAN);
    }

    Operator reference() {
      return new GroupAggregateOperator(new int[] {K}, calls(), -1, 0, false, false);
    }

    Operator primitive() {
      return new LongKeyGroupAggregateOperator(K, key, calls());
    }

    /** {@code n} as a value of {@code kind}, wrapping as a cast does. */
    static Object of(TypeKind kind, long n) {
      return switch (kind) {
        case TINYINT -> (byte) n;
        case SMALLINT -> (short) n;
        case INTEGER -> (int) n;
        default -> n;
      };
    }
  }

  @Provide
  Arbitrary<Shape> shapes() {
    return Combinators.combine(Arbitraries.of(TypeKind.BIGINT, TypeKind.INTEGER, TypeKind.SMALLINT),
        Arbitraries.of(TypeKind.BIGINT, TypeKind.INTEGER, TypeKind.TINYINT), Arbitraries.of(false, true)).as(Shape::new);
  }

  /**
   * One random step. {@code op} 0-5 inserts (k, v, f); over a retracting input 6 updates a live
   * row's value, 7 moves it to key {@code key}, 8 deletes it, 9 retracts a row that was never
   * inserted. {@code key} -1 is NULL, 0-7 pick extreme keys, larger ones stand for themselves;
   * {@code value} 11 is NULL and 12-13 the extremes of the value's type. {@code cut} ends the batch
   * after this step when below 4, and then restores the subject: 0 from its delta checkpoints, 1 from
   * a snapshot, 2 as the other operator from the delta checkpoints.
   */
  record Action(int op, int key, int value, boolean filter, int pick, int cut) {}

  private static Arbitrary<List<Action>> actions(int maxKey, int minSize, int maxSize, int maxCut) {
    return Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.integers().between(-1, maxKey).withDistribution(
        RandomDistribution.uniform()), Arbitraries.integers().between(-5, 13), Arbitraries.of(true, false), Arbitraries.integers().between(0, 1000),
        Arbitraries.integers().between(0, maxCut)).as(Action::new).list().ofMinSize(minSize).ofMaxSize(maxSize);
  }

  /** Few keys, so groups are updated, retracted to nothing and come back. */
  @Provide
  Arbitrary<List<Action>> fewKeys() {
    return actions(9, 0, 60, 12);
  }

  /**
   * Hundreds of keys, so the table grows (past 192 and 384 keys), in mid-batch too, and probe runs
   * cross key-group segments.
   */
  @Provide
  Arbitrary<List<Action>> manyKeys() {
    return actions(700, 500, 1000, 40);
  }

  private static final long[] EXTREME_KEYS = {0, 1, -1, 31, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32, -(1L << 32) + 5};

  private static Object key(Shape shape, int key) {
    if (key < 0) return null;
    return Shape.of(shape.key(), key < EXTREME_KEYS.length ? EXTREME_KEYS[key] : key * 7919L);
  }

  private static Object value(Shape shape, int value) {
    return switch (value) {
      case 11 -> null;
      case 12 -> Shape.of(shape.value(), shape.value() == TypeKind.BIGINT ? Long.MAX_VALUE : shape.value() == TypeKind.INTEGER
          ? Integer.MAX_VALUE : Byte.MAX_VALUE);
      case 13 -> Shape.of(shape.value(), shape.value() == TypeKind.BIGINT ? Long.MIN_VALUE : shape.value() == TypeKind.INTEGER
          ? Integer.MIN_VALUE : Byte.MIN_VALUE);
      default -> Shape.of(shape.value(), value);
    };
  }

  /**
   * The input the actions describe, as one list of changes; {@code cuts} gets the index of each
   * batch's last change and its restore. Without {@code strayRetractions} op 9 inserts: the
   * retraction of a row never inserted makes the result depend on how the input is cut into batches.
   */
  private static OperatorInput input(Shape shape, List<Action> actions, List<int[]> cuts, boolean strayRetractions) {
    OperatorInput input = new OperatorInput(1);
    List<Object[]> live = new ArrayList<>();
    int changes = 0;
    for (Action a : actions) {
      Object[] fresh = row(key(shape, a.key()), value(shape, a.value()), a.filter() ? Boolean.TRUE : (a.value() % 2 == 0 ? null : Boolean.FALSE));
      boolean stray = a.op() == 9 && strayRetractions;
      if (!shape.retracting() || a.op() <= 5 || (a.op() == 9 && !stray) || (live.isEmpty() && !stray)) {
        live.add(fresh);
        input.insert(fresh);
        changes++;
      } else if (stray) {
        input.delete(fresh);
        changes++;
      } else {
        int index = a.pick() % live.size();
        Object[] old = live.get(index);
        if (a.op() == 8) {
          live.remove(index);
          input.delete(old);
          changes++;
        } else {
          Object[] updated = row(a.op() == 6 ? old[K] : fresh[K], fresh[V], fresh[F]);
          live.set(index, updated);
          input.update(old, updated);
          changes += 2;
        }
      }
      if (a.cut() < 4) cuts.add(new int[] {changes - 1, a.cut()});
    }
    return input;
  }

  /** Runs both operators over the same batches and compares every batch's changes, in order and with their values' classes. */
  private static void checkLockstep(Shape shape, List<Action> actions) {
    List<int[]> cuts = new ArrayList<>();
    OperatorInput input = input(shape, actions, cuts, true);
    OperatorHarness reference = new OperatorHarness(shape::reference);
    boolean[] subjectIsReference = {false};
    OperatorHarness subject = new OperatorHarness(() -> subjectIsReference[0] ? shape.reference() : shape.primitive());
    List<Step> steps = input.steps();
    int first = 0;
    int cut = 0;
    while (first < steps.size()) {
      int last = cut < cuts.size() ? cuts.get(cut)[0] : steps.size() - 1;
      RowBatch rows = new RowBatch();
      for (int s = first; s <= last; s++) {
        Change change = (Change) steps.get(s);
        rows.add(change.kind(), change.row());
      }
      int from = first;
      int to = last;
      String subjectName = subjectIsReference[0] ? "GroupAggregateOperator" : "LongKeyGroupAggregateOperator";
      Supplier<String> where = () -> "batch of steps " + from + " to " + to + " (" + shape + ", subject " + subjectName + "), input:\n"
          + input.describe(from, to);
      assertEquals(typed(reference.batch(OperatorContext.NO_WATERMARK, rows)), typed(subject.batch(OperatorContext.NO_WATERMARK, rows)),
          () -> "the changes differ in the " + where.get());
      assertEquals(reference.stateRows(), subject.stateRows(), () -> "stateRows differs after the " + where.get());
      int restore = cut < cuts.size() ? cuts.get(cut)[1] : 3;
      if (restore == 0) subject.restore();
      if (restore == 1) subject.restoreFromSnapshot();
      if (restore == 2) {
        subjectIsReference[0] = !subjectIsReference[0];
        subject.restore();
      }
      first = last + 1;
      cut++;
    }
    assertEquals(reference.table(), subject.table());
  }

  /** The changes with each value's class, which {@code RowBatch.toString} does not show. */
  private static List<String> typed(RowBatch batch) {
    List<String> changes = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      StringBuilder sb = new StringBuilder(batch.kind(i).shortString()).append('[');
      for (Object value : batch.row(i)) sb.append(value).append(value == null ? "" : ":" + value.getClass().getSimpleName()).append(", ");
      changes.add(sb.append(']').toString());
    }
    return changes;
  }

  @Property(tries = 300)
  void emitsWhatGroupAggregateOperatorEmitsBatchByBatch(@ForAll("shapes") Shape shape, @ForAll("fewKeys") List<Action> actions) {
    assertTrue(LongKeyGroupAggregateOperator.handles(new int[] {K}, shape.calls(), -1, shape.columnKinds()));
    checkLockstep(shape, actions);
  }

  @Property(tries = 40)
  void emitsWhatGroupAggregateOperatorEmitsWhileTheTableGrows(@ForAll("shapes") Shape shape, @ForAll("manyKeys") List<Action> actions) {
    checkLockstep(shape, actions);
  }

  @Property(tries = 100)
  void foldsToTheSameTableInEverySchedule(@ForAll("shapes") Shape shape, @ForAll("fewKeys") List<Action> actions) {
    OperatorInput input = input(shape, actions, new ArrayList<>(), false);
    FoldedTable expected = ScheduleEquivalence.of(shape::reference).keyedBy(K).check(input);
    assertEquals(expected, ScheduleEquivalence.of(shape::primitive).keyedBy(K).check(input));
  }

  @Test
  void nullKeyAndKeyZeroAreTwoGroups() {
    Shape shape = new Shape(TypeKind.BIGINT, TypeKind.BIGINT, true);
    OperatorHarness harness = new OperatorHarness(shape::primitive);
    harness.insert(OperatorContext.NO_WATERMARK, row(null, 5L, true), row(0L, 7L, false), row(null, null, null));
    assertEquals(FoldedTable.of(row(null, 2L, 1L, 5L, 5L, 5L, 1L, 5L), row(0L, 1L, 1L, 7L, 7L, 7L, 0L, null)), harness.table());
    harness.restore();
    RowBatch out = harness.batch(OperatorContext.NO_WATERMARK, changes(RowKind.DELETE, row(null, 5L, true), RowKind.DELETE, row(0L, 7L, false)));
    assertEquals("RowBatch[-U[null, 2, 1, 5, 5, 5, 1, 5], +U[null, 1, 0, null, null, 0, 0, null], -D[0, 1, 1, 7, 7, 7, 0, null]]", out.toString());
    assertEquals(1, harness.stateRows());
  }

  @Test
  void retractionOfAKeyNeverSeenIsIgnored() {
    Shape shape = new Shape(TypeKind.INTEGER, TypeKind.INTEGER, true);
    OperatorHarness harness = new OperatorHarness(shape::primitive);
    assertTrue(harness.batch(OperatorContext.NO_WATERMARK, changes(RowKind.DELETE, row(4, 1, null))).isEmpty());
    assertEquals(0, harness.stateRows());
  }

  @Test
  void handlesOneWholeNumberKeyWithCountsSumsAndInsertOnlyExtremes() {
    List<TypeKind> kinds = List.of(TypeKind.BIGINT, TypeKind.INTEGER, TypeKind.BOOLEAN, TypeKind.VARCHAR, TypeKind.DOUBLE, TypeKind.DATE);
    AggregateCall countStar = new AggregateCall(AggregateKind.COUNT_STAR, -1, false, -1, BIGINT, true);
    AggregateCall countText = new AggregateCall(AggregateKind.COUNT, 3, false, 2, BIGINT, true);
    AggregateCall sum = new AggregateCall(AggregateKind.SUM, 1, false, 2, DataType.of(TypeKind.INTEGER), true);
    AggregateCall max = new AggregateCall(AggregateKind.MAX, 1, false, -1, DataType.of(TypeKind.INTEGER), false);
    assertTrue(LongKeyGroupAggregateOperator.handles(new int[] {0}, new AggregateCall[] {countStar, countText, sum, max}, -1, kinds));
    assertTrue(LongKeyGroupAggregateOperator.handles(new int[] {5}, new AggregateCall[0], -1, kinds), "a DATE is an Integer; DISTINCT rows");
    assertFalse(LongKeyGroupAggregateOperator.handles(new int[] {0, 1}, new AggregateCall[] {countStar}, -1, kinds), "two keys");
    assertFalse(LongKeyGroupAggregateOperator.handles(new int[] {0}, new AggregateCall[] {countStar}, 0, kinds), "an event-time key");
    assertFalse(LongKeyGroupAggregateOperator.handles(new int[] {3}, new AggregateCall[] {countStar}, -1, kinds), "a VARCHAR key");
    assertFalse(LongKeyGroupAggregateOperator.handles(new int[] {0}, new AggregateCall[] {
        new AggregateCall(AggregateKind.MAX, 1, false, -1, DataType.of(TypeKind.INTEGER), true)}, -1, kinds), "MAX over retractions");
    assertFalse(LongKeyGroupAggregateOperator.handles(new int[] {0}, new AggregateCall[] {
        new AggregateCall(AggregateKind.COUNT, 1, true, -1, BIGINT, false)}, -1, kinds), "COUNT(DISTINCT v)");
    assertFalse(LongKeyGroupAggregateOperator.handles(new int[] {0}, new AggregateCall[] {
        new AggregateCall(AggregateKind.SUM, 4, false, -1, DataType.of(TypeKind.DOUBLE), false)}, -1, kinds), "SUM of a DOUBLE");
    assertFalse(LongKeyGroupAggregateOperator.handles(new int[] {0}, new AggregateCall[] {
        new AggregateCall(AggregateKind.SUM, 1, false, -1, DataType.decimal(19, 0), false)}, -1, kinds), "SUM as a DECIMAL");
    assertFalse(LongKeyGroupAggregateOperator.handles(new int[] {0}, new AggregateCall[] {
        new AggregateCall(AggregateKind.AVG, 1, false, -1, DataType.of(TypeKind.DOUBLE), false)}, -1, kinds), "AVG");
  }

  /**
   * The goal of the state's layout: a grouped count over many distinct BIGINT keys holds at most 64
   * bytes of heap per key. Counted from the lengths of the operator's arrays, after the keys came
   * in batches of 100,000 and after they came in one batch (the dirty list then holds them all).
   */
  @Test
  void countOverAMillionDistinctKeysHoldsAtMost64BytesPerKey() {
    AggregateCall[] count = {new AggregateCall(AggregateKind.COUNT_STAR, -1, false, -1, BIGINT, false)};
    int keys = 1_000_000;
    for (int batchSize : new int[] {100_000, keys}) {
      LongKeyGroupAggregateOperator operator = new LongKeyGroupAggregateOperator(0, TypeKind.BIGINT, count);
      operator.open(new OperatorContext("memory"));
      RowBatch out = new RowBatch(batchSize);
      for (int first = 0; first < keys; first += batchSize) {
        RowBatch in = new RowBatch(batchSize);
        for (long k = first; k < first + batchSize; k++) in.insert(new Object[] {k * 1_000_003L});
        operator.process(0, in, out);
        operator.finishBatch(out);
        out.clear();
      }
      assertEquals(keys, operator.stateRows());
      double bytesPerKey = (double) operator.heapBytes() / keys;
      assertTrue(bytesPerKey <= 64, bytesPerKey + " bytes per key in batches of " + batchSize);
    }
  }

  private static RowBatch changes(Object... kindsAndRows) {
    RowBatch batch = new RowBatch();
    for (int i = 0; i < kindsAndRows.length; i += 2) batch.add((RowKind) kindsAndRows[i], (Object[]) kindsAndRows[i + 1]);
    return batch;
  }
}
