package dev.sluice.connectors.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.ConnectorServices;
import dev.sluice.runtime.spi.TableContext;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemorySourceTest {
  private static final Schema SCHEMA =
      new Schema(
          List.of(
              new Field("word", DataType.of(TypeKind.VARCHAR)),
              new Field("n", DataType.of(TypeKind.BIGINT))));

  private final ConnectorServices services = new ConnectorServices();
  private final MemoryTables tables = services.get(MemoryTables.class, MemoryTables::new);

  private MemorySource source(String table, Map<String, String> options) {
    return new MemorySource(
        new TableContext(table, SCHEMA, new ConnectorOptions(table, options), services));
  }

  private static RowBatch read(MemorySource source, String start, String end) {
    RowBatch batch = new RowBatch();
    source.read(start, end, batch);
    return batch;
  }

  @Test
  void offsetsCountTheRowsAppendedSoFar() {
    MemorySource source = source("words", Map.of());
    assertEquals("0", source.initialOffset());
    assertEquals("0", source.latestOffset());
    tables.append("words", List.of(new Object[] {"cat", 1L}, new Object[] {"dog", 2L}));
    assertEquals("2", source.latestOffset());
    tables.append("words", List.<Object[]>of(new Object[] {"eel", 3L}));
    assertEquals("3", source.latestOffset());
    assertTrue(source.isReplayable());
  }

  @Test
  void readGivesTheRowsOfTheRangeAsInsertsWithoutCopyingThem() {
    Object[] cat = {"cat", 1L};
    Object[] dog = {"dog", 2L};
    Object[] eel = {"eel", 3L};
    tables.append("words", List.of(cat, dog, eel));
    RowBatch batch = read(source("words", Map.of()), "1", "3");
    assertEquals(2, batch.size());
    assertSame(dog, batch.row(0));
    assertSame(eel, batch.row(1));
    assertEquals(RowKind.INSERT, batch.kind(0));
    assertArrayEquals(
        new Object[] {"dog", 2L}, dog, "the source must not change the rows it was given");
  }

  @Test
  void aRangeReadsTheSameRowsAgainAlsoFromANewSource() {
    tables.append("words", List.of(new Object[] {"cat", 1L}, new Object[] {"dog", 2L}));
    RowBatch first = read(source("words", Map.of()), "0", "2");
    tables.append("words", List.<Object[]>of(new Object[] {"eel", 3L}));
    RowBatch again = read(source("words", Map.of()), "0", "2");
    assertEquals(first.toString(), again.toString());
  }

  @Test
  void tableNamesCompareCaseInsensitively() {
    tables.append("Words", List.<Object[]>of(new Object[] {"cat", 1L}));
    assertEquals("1", source("WORDS", Map.of()).latestOffset());
    assertEquals(1, tables.size("words"));
  }

  @Test
  void maxRowsPerTriggerBoundsOneBatch() {
    MemorySource source = source("words", Map.of("max-rows-per-trigger", "2"));
    for (long i = 0; i < 5; i++) tables.append("words", List.<Object[]>of(new Object[] {"w", i}));
    assertEquals("2", source.limitOffset("0", source.latestOffset()));
    assertEquals("4", source.limitOffset("2", "5"));
    assertEquals("5", source.limitOffset("4", "5"));
    assertEquals(
        "5", source("words", Map.of()).limitOffset("0", "5"), "unbounded without the option");
  }

  @Test
  void aRowOfTheWrongWidthIsReportedWithItsTable() {
    tables.append("words", List.<Object[]>of(new Object[] {"cat"}));
    IllegalStateException error =
        assertThrows(IllegalStateException.class, () -> read(source("words", Map.of()), "0", "1"));
    assertTrue(error.getMessage().contains("'words'"), error.getMessage());
    assertTrue(error.getMessage().contains("has 1 values"), error.getMessage());
  }

  @Test
  void readingPastTheEndOfTheTableIsRefused() {
    assertThrows(IndexOutOfBoundsException.class, () -> read(source("words", Map.of()), "0", "1"));
  }

  @Test
  void aNonPositiveMaxRowsPerTriggerIsRefused() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> source("words", Map.of("max-rows-per-trigger", "0")));
    assertTrue(error.getMessage().contains("max-rows-per-trigger"), error.getMessage());
  }
}
