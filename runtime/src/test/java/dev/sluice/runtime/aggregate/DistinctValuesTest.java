package dev.sluice.runtime.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.TypeKind;
import org.junit.jupiter.api.Test;

/** COUNT(DISTINCT) of BINARY values counts equal contents once, as GROUP BY keys do. */
class DistinctValuesTest {
  @Test
  void binaryValuesAreDistinctByContent() {
    AggregateCall count = new AggregateCall(AggregateKind.COUNT, 0, true, -1, DataType.of(TypeKind.BIGINT), true);
    Accumulator inner = Accumulators.create(count);
    DistinctValues values = new DistinctValues(0, new int[] {-1}, new Accumulator[] {inner});

    values.accumulate(new Object[] {new byte[] {1, 2}}, true);
    values.accumulate(new Object[] {new byte[] {1, 2}}, true);
    values.accumulate(new Object[] {new byte[] {3}}, true);
    assertEquals(2L, inner.result());

    values.accumulate(new Object[] {new byte[] {1, 2}}, false);
    assertEquals(2L, inner.result(), "one of the two equal values is still held");
    values.accumulate(new Object[] {new byte[] {1, 2}}, false);
    assertEquals(1L, inner.result());
  }
}
