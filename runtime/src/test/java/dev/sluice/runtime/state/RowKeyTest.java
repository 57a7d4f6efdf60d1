package dev.sluice.runtime.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys compare by value, BINARY by content and NULL equal to NULL; a probe finds what a key put. */
class RowKeyTest {
  @Test
  void binaryKeysAreEqualByContent() {
    RowKey a = new RowKey(new Object[] {new byte[] {1, 2}, 7L});
    RowKey b = new RowKey(new Object[] {new byte[] {1, 2}, 7L});
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals(a.keyGroup(), b.keyGroup());
    assertNotEquals(a, new RowKey(new Object[] {new byte[] {1, 3}, 7L}));
  }

  @Test
  void aProbeFindsTheStateOfEqualKeyColumnsInARow() {
    KeyGroupedMap<String> map = new KeyGroupedMap<>(new ChangedKeyGroups());
    map.put(new RowKey(new Object[] {new byte[] {4}, null, "x"}), "state");
    KeyProbe probe = new KeyProbe(new int[] {2, 1, 3});
    Object[] row = {"x", null, new byte[] {4}, "x"};
    assertEquals("state", map.get(probe.of(row)));
    assertEquals(new RowKey(new Object[] {new byte[] {4}, null, "x"}), probe.toKey());
    assertEquals(null, map.get(probe.of(new Object[] {"x", null, new byte[] {5}, "x"})));
  }

  @Test
  void nullsAreEqualToEachOther() {
    Map<RowKey, Integer> counts = new HashMap<>();
    counts.merge(new RowKey(new Object[] {null, 1}), 1, Integer::sum);
    counts.merge(new RowKey(new Object[] {null, 1}), 1, Integer::sum);
    assertTrue(counts.containsValue(2));
  }
}
