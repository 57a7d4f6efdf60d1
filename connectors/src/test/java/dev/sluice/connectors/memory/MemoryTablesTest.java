package dev.sluice.connectors.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class MemoryTablesTest {
  private final MemoryTables tables = new MemoryTables();

  @Test
  void appendAllIsAtomicAcrossTables() throws Exception {
    int rounds = 20_000;
    AtomicBoolean done = new AtomicBoolean();
    Thread writer =
        new Thread(
            () -> {
              for (int i = 0; i < rounds; i++) {
                tables.appendAll(
                    Map.of(
                        "bids", List.<Object[]>of(new Object[] {i}),
                        "asks", List.of(new Object[] {i}, new Object[] {i})));
              }
              done.set(true);
            });
    writer.start();
    List<String> torn = new ArrayList<>();
    while (!done.get()) {
      Map<String, Long> sizes = tables.snapshotOffsets(List.of("bids", "ASKS"));
      if (2 * sizes.get("bids") != sizes.get("ASKS")) torn.add(sizes.toString());
    }
    writer.join();
    assertEquals(List.of(), torn, "a snapshot saw part of an appendAll");
    assertEquals(rounds, tables.size("bids"));
    assertEquals(2L * rounds, tables.size("asks"));
  }

  @Test
  void rowsReturnsARangeAndRefusesOneOutsideTheTable() {
    tables.append("t", List.of(new Object[] {1}, new Object[] {2}, new Object[] {3}));
    assertEquals(2, tables.rows("T", 1, 3).get(0)[0]);
    assertEquals(0, tables.rows("t", 3, 3).size());
    assertEquals(0, tables.rows("unknown", 0, 0).size());
    IndexOutOfBoundsException error =
        assertThrows(IndexOutOfBoundsException.class, () -> tables.rows("t", 2, 4));
    assertTrue(error.getMessage().contains("has 3 rows"), error.getMessage());
    assertThrows(UnsupportedOperationException.class, () -> tables.rows("t", 0, 1).clear());
  }

  @Test
  void aNullRowIsRefusedAndNothingOfItsCallIsAppended() {
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {1});
    rows.add(null);
    assertThrows(NullPointerException.class, () -> tables.append("t", rows));
    assertEquals(0, tables.size("t"));
  }

  @Test
  void awaitChangeReturnsOnceSomethingIsAppended() throws Exception {
    long seen = tables.version();
    assertFalse(tables.awaitChange(seen, 1));
    Thread appender = new Thread(() -> tables.append("t", List.<Object[]>of(new Object[] {1})));
    appender.start();
    assertTrue(tables.awaitChange(seen, 10_000));
    appender.join();
    assertEquals(seen + 1, tables.version());
  }
}
