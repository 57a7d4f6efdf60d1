package dev.sluice.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows come back from their bytes equal, with values of the same classes. */
class RowBytesTest {

  @Test
  void everyEncodedTypeRoundTripsWithItsClass() {
    Object[] row = {null, 0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 1_600_000_000_000L, Integer.MIN_VALUE, Integer.MAX_VALUE, (short) -5,
        Short.MAX_VALUE, (byte) -128, true, false, -0.0, Double.NaN, 1.5e300, "", "plain ascii", "ünïcödé ✓ 𝄞", null};
    RowBytes bytes = new RowBytes();
    Object[] back = RowBytes.decode(bytes.encode(row), row.length);
    assertArrayEquals(row, back);
    for (int i = 0; i < row.length; i++) {
      if (row[i] != null) assertEquals(row[i].getClass(), back[i].getClass(), "column " + i);
    }
  }

  @Test
  void theBufferIsReusedAndGrowsForLongStrings() {
    RowBytes bytes = new RowBytes();
    String long_ = "x".repeat(10_000);
    byte[] first = bytes.encode(new Object[] {long_, 7L});
    byte[] second = bytes.encode(new Object[] {"a", 8L});
    assertArrayEquals(new Object[] {long_, 7L}, RowBytes.decode(first, 2));
    assertArrayEquals(new Object[] {"a", 8L}, RowBytes.decode(second, 2));
  }

  @Test
  void aWholeNumberIsReadWithoutDecodingTheRow() {
    Object[] row = {"skipped ✓", null, true, 2.5, (byte) -3, -9_000_000_000L, "x", 42, (short) 7};
    byte[] bytes = new RowBytes().encode(row);
    assertEquals(-3, RowBytes.longAt(bytes, 4));
    assertEquals(-9_000_000_000L, RowBytes.longAt(bytes, 5));
    assertEquals(42, RowBytes.longAt(bytes, 7));
    assertEquals(7, RowBytes.longAt(bytes, 8));
  }

  @Test
  void aRowWithAnotherTypeIsNotEncoded() {
    assertNull(new RowBytes().encode(new Object[] {"s", new BigDecimal("1.50")}));
    assertNull(new RowBytes().encode(new Object[] {"s", List.of(1L)}));
    assertNull(new RowBytes().encode(new Object[] {"s", new byte[] {1}}));
  }
}
