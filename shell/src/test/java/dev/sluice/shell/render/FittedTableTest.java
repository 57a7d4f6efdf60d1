package dev.sluice.shell.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FittedTableTest {
  private static final List<String> HEADER = List.of("id", "query");
  private static final List<String[]> ROWS = List.<String[]>of(
      new String[] {"q1", "SELECT shop, SUM(amount) FROM orders GROUP BY shop"});

  @Test
  void aTableThatFitsIsPrintedWhole() {
    assertEquals("""
        +---+---------------------------------------------------+
        |id |query                                              |
        +---+---------------------------------------------------+
        |q1 |SELECT shop, SUM(amount) FROM orders GROUP BY shop |
        +---+---------------------------------------------------+
        """.replace(" |\n", "|\n").replace("-+\n", "+\n"), FittedTable.format(HEADER, ROWS, 80));
  }

  @Test
  void theWidestColumnGivesWaySoThatNoLineWraps() {
    String table = FittedTable.format(HEADER, ROWS, 40);
    assertEquals("""
        +---+---------------------------------+
        |id |query                            |
        +---+---------------------------------+
        |q1 |SELECT shop, SUM(amount) FROM ...|
        +---+---------------------------------+
        """, table);
    table.lines().forEach(line -> assertEquals(39, line.length(), "one column less than the terminal: " + line));
  }
}
