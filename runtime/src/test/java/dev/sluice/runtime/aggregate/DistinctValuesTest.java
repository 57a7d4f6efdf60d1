package dev.sluice.runtime.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.runtime.state.StateReader;
import dev.sluice.runtime.state.StateWriter;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.TypeKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DistinctValuesTest {
  /** Rows are (value, filter 1, filter 2); the calls count distinct values unfiltered and under each filter. */
  private static final int[] FILTERS = {-1, 1, 2};

  @Test
  void binaryValuesAreDistinctByContent() {
    AggregateCall count = new AggregateCall(AggregateKind.COUNT, 0, true, -1, DataType.of(TypeKind.BIGINT), true);
    Accumulator inner = Accumulators.create(count);
    DistinctValues values = new DistinctValues(0, new int[] {-1}, new Accumulator[] {inner}, false);

    values.accumulate(new Object[] {new byte[] {1, 2}}, true);
    values.accumulate(new Object[] {new byte[] {1, 2}}, true);
    values.accumulate(new Object[] {new byte[] {3}}, true);
    assertEquals(2L, inner.result());

    values.accumulate(new Object[] {new byte[] {1, 2}}, false);
    assertEquals(2L, inner.result(), "one of the two equal values is still held");
    values.accumulate(new Object[] {new byte[] {1, 2}}, false);
    assertEquals(1L, inner.result());
  }

  /**
   * Over insert-only rows, the bits kept per value give what multiplicities give: the same counts
   * and the same checkpoint, which either kind restores.
   */
  @Test
  void insertOnlyBitsAgreeWithMultiplicitiesAndShareTheirCheckpoint() throws IOException {
    Random random = new Random(5);
    for (int round = 0; round < 30; round++) {
      Distinct bits = new Distinct(true);
      Distinct counted = new Distinct(false);
      int spread = 1 + random.nextInt(1 << random.nextInt(14));
      for (int i = 0; i < 5_000; i++) {
        Object[] row = row(random, spread);
        bits.values.accumulate(row, true);
        counted.values.accumulate(row, true);
        if (i % 997 == 0) assertEquals(counted.results(), bits.results(), "round " + round + ", row " + i);
      }
      assertEquals(counted.results(), bits.results());

      // Each restores the other's checkpoint, and both go on as before.
      Distinct fromBits = new Distinct(false);
      fromBits.read(bits.write());
      Distinct fromCounts = new Distinct(true);
      fromCounts.read(counted.write());
      for (int i = 0; i < 2_000; i++) {
        Object[] row = row(random, spread);
        for (Distinct d : List.of(bits, counted, fromBits, fromCounts)) d.values.accumulate(row, true);
      }
      for (Distinct d : List.of(bits, fromBits, fromCounts)) assertEquals(counted.results(), d.results());
    }
  }

  @Test
  void aValueOfAnotherTypeMovesTheHeldValuesToTheMapWithoutLosingAny() {
    for (boolean insertOnly : new boolean[] {true, false}) {
      Distinct distinct = new Distinct(insertOnly);
      distinct.values.accumulate(new Object[] {1L, true, false}, true);
      distinct.values.accumulate(new Object[] {2L, false, true}, true);
      distinct.values.accumulate(new Object[] {"x", true, true}, true);
      distinct.values.accumulate(new Object[] {1L, true, true}, true);
      assertEquals(List.of(3L, 2L, 3L), distinct.results(), "insert-only " + insertOnly);
    }
  }

  @Test
  void aRetractionOfInsertOnlyStateIsAnError() {
    Distinct bits = new Distinct(true);
    bits.values.accumulate(new Object[] {7L, true, false}, true);
    assertThrows(IllegalStateException.class, () -> bits.values.accumulate(new Object[] {7L, true, false}, false));
  }

  private static Object[] row(Random random, int spread) {
    long value = random.nextInt(10) == 0 ? 0 : random.nextInt(spread) - spread / 2;
    return new Object[] {random.nextInt(50) == 0 ? null : value, random.nextBoolean(), random.nextInt(5) == 0};
  }

  /** A column's DISTINCT state with a COUNT per filter. */
  private static final class Distinct {
    final Accumulator[] inner = new Accumulator[FILTERS.length];
    final DistinctValues values;

    Distinct(boolean insertOnly) {
      for (int k = 0; k < FILTERS.length; k++) {
        inner[k] = Accumulators.create(new AggregateCall(AggregateKind.COUNT, 0, true, FILTERS[k], DataType.of(TypeKind.BIGINT), true));
      }
      values = new DistinctValues(0, FILTERS, inner, insertOnly);
    }

    List<Object> results() {
      List<Object> results = new ArrayList<>();
      for (Accumulator accumulator : inner) results.add(accumulator.result());
      return results;
    }

    byte[] write() throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (StateWriter out = new StateWriter(bytes)) {
        values.write(out);
      }
      return bytes.toByteArray();
    }

    void read(byte[] checkpoint) throws IOException {
      values.read(new StateReader(new ByteArrayInputStream(checkpoint)));
    }
  }
}
