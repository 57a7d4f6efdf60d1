package dev.sluice.runtime.operator;

import static dev.sluice.runtime.operator.OperatorInput.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.aggregate.AggregateCall;
import dev.sluice.runtime.aggregate.AggregateKind;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.TypeKind;
import org.junit.jupiter.api.Test;

/**
 * Assigning one row to 100,000 sliding windows (a 1 ms slide over 100 s) is a long loop inside
 * one call; once the query is asked to stop, both operators that assign windows give up within
 * {@link OperatorContext#STOP_CHECK_INTERVAL} windows instead of finishing the batch. Counted in
 * windows, not timed.
 */
class WindowAssignmentStopTest {
  private static final long SIZE = 100_000;
  private static final long SLIDE = 1;

  @Test
  void theWindowAssignerStopsWithinABoundedNumberOfWindows() {
    WindowAssignerOperator assigner = new WindowAssignerOperator(0, SIZE, SLIDE, 0, false);
    OperatorContext context = new OperatorContext("assigner");
    assigner.open(context);
    RowBatch first = new RowBatch();
    assigner.process(0, RowBatch.of(row(5_000_000L, 1L)), first);
    assertEquals(SIZE, first.size(), "without a stop, every window of the row");

    context.requestStop();
    RowBatch out = new RowBatch();
    assertThrows(QueryStoppedException.class, () -> assigner.process(0, RowBatch.of(row(5_000_000L, 1L), row(5_000_001L, 1L)), out));
    assertTrue(out.size() <= OperatorContext.STOP_CHECK_INTERVAL, "stopped after " + out.size() + " windows");
  }

  @Test
  void theWindowAggregationStopsWithinABoundedNumberOfWindows() {
    AggregateCall count = new AggregateCall(AggregateKind.COUNT_STAR, -1, false, -1, DataType.of(TypeKind.BIGINT), false);
    WindowAggregateOperator aggregate = new WindowAggregateOperator(0, SIZE, SLIDE, 0, 2, new int[] {2, 3}, null,
        new AggregateCall[] {count});
    OperatorContext context = new OperatorContext("aggregate");
    aggregate.open(context);
    context.requestStop();
    assertThrows(QueryStoppedException.class, () -> aggregate.process(0, RowBatch.of(row(5_000_000L, 1L)), new RowBatch()));
    assertTrue(aggregate.stateRows() <= OperatorContext.STOP_CHECK_INTERVAL, "stopped after " + aggregate.stateRows() + " windows");
  }
}
