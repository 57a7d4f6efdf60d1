package dev.sluice.runtime.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The primitive table holds what a map from value to counts holds, through growth and removals. */
class LongCountsTest {
  private static final int WIDTH = 3;

  @Test
  void matchesAMapThroughRandomAddsCountsAndRemovals() {
    Random random = new Random(7);
    for (int round = 0; round < 20; round++) {
      LongCounts table = new LongCounts(WIDTH);
      Map<Long, long[]> model = new HashMap<>();
      // Few distinct values, so probe runs collide and removals move values back; 0 and the extremes included.
      long[] values = new long[40 + round * 50];
      for (int i = 0; i < values.length; i++) {
        values[i] = switch (i % 10) {
          case 0 -> 0;
          case 1 -> Long.MIN_VALUE + i;
          case 2 -> Long.MAX_VALUE - i;
          default -> random.nextInt(1000) - 500;
        };
      }
      for (int step = 0; step < 20_000; step++) {
        long value = values[random.nextInt(values.length)];
        int slot = table.slotOf(value);
        assertEquals(model.containsKey(value), slot >= 0, "presence of " + value);
        if (slot < 0) {
          slot = table.add(value);
          model.put(value, new long[WIDTH]);
        }
        int call = random.nextInt(WIDTH);
        table.counts()[table.offset(slot) + call]++;
        model.get(value)[call]++;
        if (random.nextInt(3) == 0) {
          long victim = values[random.nextInt(values.length)];
          int at = table.slotOf(victim);
          if (at >= 0) {
            table.remove(at);
            model.remove(victim);
          }
        }
        assertEquals(model.size(), table.size());
      }
      for (Map.Entry<Long, long[]> e : model.entrySet()) {
        int slot = table.slotOf(e.getKey());
        assertTrue(slot >= 0, "value " + e.getKey() + " kept");
        assertEquals((long) e.getKey(), table.value(slot));
        assertArrayEquals(e.getValue(), Arrays.copyOfRange(table.counts(), table.offset(slot), table.offset(slot) + WIDTH));
      }
      int walked = 0;
      for (int slot = 0; slot < table.slotCount(); slot++) if (table.isOccupied(slot)) walked++;
      assertEquals(model.size(), walked, "walking the slots finds every value once");
    }
  }
}
