package dev.sluice.runtime.operator;

import dev.sluice.runtime.aggregate.AggregateCall;
import dev.sluice.runtime.aggregate.AggregateKind;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.operator.DeltaCheckpointHarness.Batch;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongPredicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every stateful operator, checkpointed by the key groups it marks as changed and restored into a
 * fresh instance, goes on exactly as one never restored: the deltas miss nothing.
 */
class KeyGroupedStateRestoreTest {
  private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
  private static final AggregateCall COUNT = new AggregateCall(AggregateKind.COUNT_STAR, -1, false, -1, BIGINT, true);
  private static final AggregateCall SUM = new AggregateCall(AggregateKind.SUM, 1, false, -1, BIGINT, true);
  private static final AggregateCall MAX = new AggregateCall(AggregateKind.MAX, 1, false, -1, BIGINT, true);
  private static final int BATCHES = 60;

  /** Restores now and then, and sometimes several batches in a row. */
  private static LongPredicate restores(long seed) {
    Random random = new Random(seed * 31);
    boolean[] restore = new boolean[BATCHES];
    for (int b = 0; b < BATCHES; b++) restore[b] = random.nextInt(3) == 0;
    return b -> restore[(int) b];
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void groupAggregateOverRetractions(long seed) {
    Random random = new Random(seed);
    List<Object[]> live = new ArrayList<>();
    List<Batch> batches = new ArrayList<>();
    for (int b = 0; b < BATCHES; b++) {
      RowBatch rows = new RowBatch();
      for (int i = random.nextInt(40); i > 0; i--) {
        if (!live.isEmpty() && random.nextInt(3) == 0) {
          rows.add(RowKind.DELETE, live.remove(random.nextInt(live.size())));
        } else {
          Object[] row = {(long) random.nextInt(300), (long) random.nextInt(100)};
          live.add(row);
          rows.insert(row);
        }
      }
      batches.add(new Batch(OperatorContext.NO_WATERMARK, List.of(rows)));
    }
    DeltaCheckpointHarness.check(() -> new GroupAggregateOperator(new int[] {0}, new AggregateCall[] {COUNT, SUM, MAX}, -1, 0, false, false),
        batches, restores(seed));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void globalAggregate(long seed) {
    Random random = new Random(seed);
    List<Batch> batches = new ArrayList<>();
    for (int b = 0; b < BATCHES; b++) {
      RowBatch rows = new RowBatch();
      for (int i = random.nextInt(3); i > 0; i--) rows.insert(new Object[] {0L, (long) random.nextInt(100)});
      batches.add(new Batch(OperatorContext.NO_WATERMARK, List.of(rows)));
    }
    DeltaCheckpointHarness.check(() -> new GroupAggregateOperator(new int[0], new AggregateCall[] {COUNT, SUM}, -1, 0, false, false), batches,
        restores(seed));
  }

  /** Rows (key, value, window start) around a rising watermark, some of them late. */
  private static List<Batch> windowedRows(long seed, int width) {
    Random random = new Random(seed);
    List<Batch> batches = new ArrayList<>();
    for (int b = 0; b < BATCHES; b++) {
      long now = b * 10L;
      RowBatch rows = new RowBatch();
      for (int i = random.nextInt(30); i > 0; i--) {
        long time = now + random.nextInt(40) - 20;
        Object[] row = width == 3 ? new Object[] {(long) random.nextInt(40), (long) random.nextInt(100), time - time % 10}
            : new Object[] {(long) random.nextInt(40), time};
        rows.insert(row);
      }
      batches.add(new Batch(b < 3 ? OperatorContext.NO_WATERMARK : now - 15, List.of(rows)));
    }
    return batches;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void windowAggregateEmittingFinalWindowsAndEvicting(long seed) {
    DeltaCheckpointHarness.check(() -> new GroupAggregateOperator(new int[] {0, 2}, new AggregateCall[] {COUNT, SUM}, 1, 10, true, true),
        windowedRows(seed, 3), restores(seed));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void windowAggregateUpdatingAndEvicting(long seed) {
    DeltaCheckpointHarness.check(() -> new GroupAggregateOperator(new int[] {0, 2}, new AggregateCall[] {COUNT, MAX}, 1, 10, true, false),
        windowedRows(seed, 3), restores(seed));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void deduplicationWithEventTimeEviction(long seed) {
    DeltaCheckpointHarness.check(() -> new DeduplicateOperator(new int[] {0, 1}, 1), windowedRows(seed, 2), restores(seed));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void sessionWindowsMergingAndClosing(long seed) {
    DeltaCheckpointHarness.check(() -> new SessionWindowAggregateOperator(new int[] {0}, 1, 8, new int[] {0,
        SessionWindowAggregateOperator.WINDOW_START, SessionWindowAggregateOperator.WINDOW_END}, new AggregateCall[] {COUNT}, false, true),
        windowedRows(seed, 2), restores(seed));
    DeltaCheckpointHarness.check(() -> new SessionWindowAggregateOperator(new int[] {0}, 1, 8, new int[] {0,
        SessionWindowAggregateOperator.WINDOW_START, SessionWindowAggregateOperator.WINDOW_END}, new AggregateCall[] {COUNT}, true, true),
        windowedRows(seed, 2), restores(seed));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void outerStreamJoinWithTimeBounds(long seed) {
    List<Batch> left = windowedRows(seed, 2);
    List<Batch> right = windowedRows(seed + 100, 2);
    List<Batch> batches = new ArrayList<>();
    for (int b = 0; b < BATCHES; b++) {
      batches.add(new Batch(left.get(b).watermark(), List.of(left.get(b).inputs().get(0), right.get(b).inputs().get(0))));
    }
    DeltaCheckpointHarness.check(() -> new StreamJoinOperator(new int[] {0}, new int[] {0}, 2, 2, row -> row, true, new int[] {1, 1},
        new long[] {0, 0}, new int[] {1, 1}, new long[] {20, 20}, new boolean[] {true, true}), batches, restores(seed));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2})
  void streamJoinKeepingEveryRow(long seed) {
    List<Batch> left = windowedRows(seed, 2);
    List<Batch> right = windowedRows(seed + 100, 2);
    List<Batch> batches = new ArrayList<>();
    for (int b = 0; b < BATCHES; b++) {
      batches.add(new Batch(OperatorContext.NO_WATERMARK, List.of(left.get(b).inputs().get(0), right.get(b).inputs().get(0))));
    }
    DeltaCheckpointHarness.check(() -> new StreamJoinOperator(new int[] {0}, new int[] {0}, 2, 2, row -> row, false, new int[] {1, 1},
        new long[] {0, 0}, new int[] {-1, -1}, new long[] {0, 0}, new boolean[] {false, false}), batches, restores(seed));
  }
}
