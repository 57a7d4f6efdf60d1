package dev.sluice.connectors.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TablePrinterTest {

  @Test
  void aCellLongerThanTwentyCharactersKeepsSeventeenAndAnEllipsis() {
    String table =
        TablePrinter.truncating()
            .format(List.of("s"), List.<String[]>of(new String[] {"abcdefghijklmnopqrstuvwxyz"}));
    assertEquals(
        """
        +--------------------+
        |                   s|
        +--------------------+
        |abcdefghijklmnopq...|
        +--------------------+
        """,
        table);
  }

  @Test
  void aCellOfExactlyTwentyCharactersIsKeptWhole() {
    String table =
        TablePrinter.truncating()
            .format(List.of("s"), List.<String[]>of(new String[] {"abcdefghijklmnopqrst"}));
    assertEquals("|abcdefghijklmnopqrst|", table.lines().toList().get(3));
  }

  @Test
  void aShortTruncationLimitCutsWithoutAnEllipsis() {
    String table =
        new TablePrinter(3).format(List.of("s"), List.<String[]>of(new String[] {"abcdef"}));
    assertEquals("|abc|", table.lines().toList().get(3));
  }

  @Test
  void columnNamesAreNeverCutAndColumnsAreAtLeastThreeWide() {
    String table =
        TablePrinter.truncating()
            .format(
                List.of("a", "a_rather_long_column_name"),
                List.<String[]>of(new String[] {"1", "2"}));
    assertEquals(
        """
        +---+-------------------------+
        |  a|a_rather_long_column_name|
        +---+-------------------------+
        |  1|                        2|
        +---+-------------------------+
        """,
        table);
  }

  @Test
  void controlCharactersAreEscapedSoTheTableStaysIntact() {
    String table =
        TablePrinter.whole().format(List.of("s"), List.<String[]>of(new String[] {"two\nlines"}));
    assertEquals("|two\\nlines|", table.lines().toList().get(3));
  }

  @Test
  void wideCharactersCountTwoColumns() {
    String table =
        TablePrinter.truncating()
            .format(List.of("word"), List.<String[]>of(new String[] {"日本"}, new String[] {"cat"}));
    assertEquals(
        List.of("+----+", "|word|", "+----+", "|日本|", "| cat|", "+----+"), table.lines().toList());
  }

  @Test
  void anEmptyResultStillShowsItsHeader() {
    assertEquals(
        "+---+\n| id|\n+---+\n+---+\n", TablePrinter.truncating().format(List.of("id"), List.of()));
  }
}
