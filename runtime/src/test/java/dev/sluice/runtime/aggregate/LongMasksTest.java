package dev.sluice.runtime.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The primitive set holds what a map from value to bits holds, through growth, and says which bits are new. */
class LongMasksTest {
  @Test
  void matchesAMapThroughRandomSets() {
    Random random = new Random(11);
    for (int round = 0; round < 20; round++) {
      LongMasks table = new LongMasks();
      Map<Long, Integer> model = new HashMap<>();
      // Few distinct values, so probe runs collide; 0 and the extremes included.
      long[] values = new long[40 + round * 200];
      for (int i = 0; i < values.length; i++) {
        values[i] = switch (i % 10) {
          case 0 -> 0;
          case 1 -> Long.MIN_VALUE + i;
          case 2 -> Long.MAX_VALUE - i;
          default -> random.nextLong();
        };
      }
      for (int step = 0; step < 20_000; step++) {
        long value = values[random.nextInt(values.length)];
        int bits = 1 + random.nextInt(255);
        int before = model.getOrDefault(value, 0);
        assertEquals(bits & ~before, table.set(value, bits), "new bits of " + value);
        model.put(value, before | bits);
        assertEquals(model.size(), table.size());
      }
      Map<Long, Integer> walked = new HashMap<>();
      table.forEach((value, bits) -> assertEquals(null, walked.put(value, bits), "visited once: " + value));
      assertEquals(model, walked);
    }
  }
}
