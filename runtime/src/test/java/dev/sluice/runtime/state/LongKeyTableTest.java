package dev.sluice.runtime.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import org.junit.jupiter.api.Test;

/**
 * {@link LongKeyTable} against a {@link HashMap} holding the same keys: after random additions and
 * removals (which shift probe runs back, across key-group segments too) and growth, every key is
 * found with its row, and the slots of each key group are exactly its keys, grouped as {@link
 * RowKey} groups their boxed values.
 */
class LongKeyTableTest {

  /** Key codes: 0 is NULL, 1 the key 0, 2-5 extremes, others a multiple of a prime; negative codes remove a key. */
  @Provide
  Arbitrary<List<Integer>> operations() {
    return Arbitraries.integers().between(-600, 600).withDistribution(RandomDistribution.uniform()).list().ofMinSize(200).ofMaxSize(1500);
  }

  private static final long[] EXTREMES = {Long.MIN_VALUE, Long.MAX_VALUE, -1, 1L << 32};

  private static Long key(int code, boolean longHash) {
    int c = Math.abs(code);
    if (c == 0) return null;
    long key = c == 1 ? 0 : c < 6 ? EXTREMES[c - 2] : c * 1_000_003L;
    return longHash ? key : (long) (int) key;
  }

  @Property(tries = 60)
  void findsEveryKeyAndListsEachKeyGroupExactly(@ForAll("operations") List<Integer> operations, @ForAll boolean longHash) {
    LongKeyTable table = new LongKeyTable(2, longHash);
    Map<Long, Long> model = new HashMap<>();
    long next = 1;
    for (int code : operations) {
      Long key = key(code, longHash);
      int slot = key == null ? table.nullSlot() : table.slotOf(key);
      if (code >= 0 && slot < 0) {
        slot = key == null ? table.addNull() : table.add(key);
        assertEquals(0, table.rows()[table.offset(slot)] | table.rows()[table.offset(slot) + 1], "a new key's row is zeros");
        table.rows()[table.offset(slot)] = next;
        table.rows()[table.offset(slot) + 1] = -next;
        model.put(key, next++);
      } else if (code < 0 && slot >= 0) {
        table.remove(slot);
        model.remove(key);
      }
    }
    assertEquals(model.size(), table.size());
    for (Map.Entry<Long, Long> e : model.entrySet()) {
      int slot = e.getKey() == null ? table.nullSlot() : table.slotOf(e.getKey());
      assertTrue(slot >= 0, "key " + e.getKey() + " is found");
      assertEquals(e.getValue(), table.rows()[table.offset(slot)], "the row of key " + e.getKey());
      assertEquals(-e.getValue(), table.rows()[table.offset(slot) + 1], "the row of key " + e.getKey());
    }
    Set<Long> listed = new HashSet<>();
    List<Long> duplicates = new ArrayList<>();
    for (int g = 0; g < KeyGroups.COUNT; g++) {
      for (int slot : table.slotsOf(g)) {
        Long key = table.isNull(slot) ? null : table.key(slot);
        Object boxed = key == null ? null : longHash ? (Object) key : (Object) (int) (long) key;
        assertEquals(new RowKey(new Object[] {boxed}).keyGroup(), g, "key " + key + " is listed in its RowKey's group");
        if (!listed.add(key)) duplicates.add(key);
      }
    }
    assertEquals(List.of(), duplicates);
    assertEquals(model.keySet(), listed);
  }

  /** Past the small-table size the table fills to 3/4, so probe runs are long and cross segments often. */
  @Test
  void aLargeTableFindsAndListsItsKeysAfterRemovals() {
    LongKeyTable table = new LongKeyTable(1, true);
    SplittableRandom random = new SplittableRandom(7);
    Set<Long> model = new HashSet<>();
    for (int i = 0; i < 196_000; i++) { // just under 3/4 of 2^18 slots
      long key = random.nextLong(1, 1L << 40);
      if (!model.add(key)) continue;
      int slot = table.add(key); // may grow the table, so the array is read after
      table.rows()[table.offset(slot)] = key;
    }
    for (Long key : List.copyOf(model)) {
      if (key % 3 == 0) {
        table.remove(table.slotOf(key));
        model.remove(key);
      }
    }
    assertEquals(model.size(), table.size());
    assertTrue(4L * table.size() > 3L * table.capacity() / 2, "the table is well filled: " + table.size() + " of " + table.capacity());
    long listed = 0;
    for (int g = 0; g < KeyGroups.COUNT; g++) {
      for (int slot : table.slotsOf(g)) {
        long key = table.key(slot);
        assertEquals(new RowKey(new Object[] {key}).keyGroup(), g);
        assertTrue(model.contains(key), "key " + key + " is held");
        assertEquals(key, table.rows()[table.offset(slot)], "the row moved with its key");
        listed++;
      }
    }
    assertEquals(model.size(), listed);
    for (long key : model) assertEquals(key, table.rows()[table.offset(table.slotOf(key))]);
  }
}
