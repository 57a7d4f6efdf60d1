package dev.sluice.connectors.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.ConnectorServices;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.spi.SinkContext;
import dev.sluice.runtime.spi.TableContext;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemorySinkTest {
  private static final Schema SCHEMA =
      new Schema(
          List.of(
              new Field("word", DataType.of(TypeKind.VARCHAR)),
              new Field("cnt", DataType.of(TypeKind.BIGINT))));

  private final ConnectorServices services = new ConnectorServices();

  private MemorySink open(String table, OutputMode mode, int[] keys, String queryId) {
    MemorySink sink =
        new MemorySink(
            new TableContext(table, SCHEMA, new ConnectorOptions(table, Map.of()), services));
    sink.open(new SinkContext(SCHEMA, mode, keys, queryId));
    return sink;
  }

  private static RowBatch batch(Object... kindsAndRows) {
    RowBatch batch = new RowBatch();
    for (int i = 0; i < kindsAndRows.length; i += 2)
      batch.add((RowKind) kindsAndRows[i], (Object[]) kindsAndRows[i + 1]);
    return batch;
  }

  private static List<List<Object>> contents(MemorySink sink) {
    List<List<Object>> rows = new ArrayList<>();
    for (Object[] row : sink.contents()) rows.add(Arrays.asList(row));
    return rows;
  }

  @Test
  void appendModeKeepsEveryRowAndIgnoresARepeatedBatch() {
    MemorySink sink = open("out", OutputMode.APPEND, new int[0], "q");
    sink.write(0, RowBatch.of(new Object[] {"cat", 1L}, new Object[] {"cat", 1L}));
    sink.write(1, RowBatch.of(new Object[] {"dog", 1L}));
    sink.write(1, RowBatch.of(new Object[] {"dog", 1L}));
    assertEquals(
        List.of(List.of("cat", 1L), List.of("cat", 1L), List.of("dog", 1L)), contents(sink));
    assertEquals(
        1, services.get(MemorySinkTables.class, MemorySinkTables::new).lastBatchId("OUT", "q"));
  }

  @Test
  void appendModeRowsCanBeReadByAMemorySource() {
    MemorySink sink = open("out", OutputMode.APPEND, new int[0], "q");
    sink.write(0, RowBatch.of(new Object[] {"cat", 1L}));
    sink.write(0, RowBatch.of(new Object[] {"cat", 1L}));
    MemorySource source =
        new MemorySource(
            new TableContext("out", SCHEMA, new ConnectorOptions("out", Map.of()), services));
    assertEquals("1", source.latestOffset());
  }

  @Test
  void updateModeUpsertsByKeyDeletesAndIgnoresARepeatedBatch() {
    MemorySink sink = open("counts", OutputMode.UPDATE, new int[] {0}, "q");
    sink.write(
        0,
        batch(
            RowKind.UPDATE_AFTER,
            new Object[] {"cat", 1L},
            RowKind.UPDATE_AFTER,
            new Object[] {"dog", 1L}));
    sink.write(
        1,
        batch(
            RowKind.UPDATE_AFTER,
            new Object[] {"cat", 2L},
            RowKind.INSERT,
            new Object[] {"eel", 1L}));
    assertEquals(
        List.of(List.of("cat", 2L), List.of("dog", 1L), List.of("eel", 1L)), contents(sink));
    RowBatch deleteDog =
        batch(
            RowKind.DELETE,
            new Object[] {"dog", 1L},
            RowKind.UPDATE_AFTER,
            new Object[] {"cat", 3L});
    sink.write(2, deleteDog);
    sink.write(2, deleteDog);
    sink.write(1, batch(RowKind.UPDATE_AFTER, new Object[] {"cat", 2L}));
    assertEquals(List.of(List.of("cat", 3L), List.of("eel", 1L)), contents(sink));
  }

  @Test
  void updateModeWithoutKeyColumnsKeysOnTheWholeRowAndKeepsDuplicates() {
    MemorySink sink = open("out", OutputMode.UPDATE, null, "q");
    sink.write(
        0,
        batch(RowKind.INSERT, new Object[] {"cat", 1L}, RowKind.INSERT, new Object[] {"cat", 1L}));
    sink.write(
        1,
        batch(
            RowKind.UPDATE_BEFORE,
            new Object[] {"cat", 1L},
            RowKind.UPDATE_AFTER,
            new Object[] {"cat", 2L}));
    assertEquals(List.of(List.of("cat", 1L), List.of("cat", 2L)), contents(sink));
    sink.write(2, batch(RowKind.DELETE, new Object[] {"cat", 1L}));
    assertEquals(List.of(List.of("cat", 2L)), contents(sink));
  }

  @Test
  void updateModeComparesDecimalKeysByValue() {
    MemorySink sink = open("out", OutputMode.UPDATE, new int[] {0}, "q");
    sink.write(0, batch(RowKind.UPDATE_AFTER, new Object[] {new BigDecimal("1.0"), 1L}));
    sink.write(1, batch(RowKind.UPDATE_AFTER, new Object[] {new BigDecimal("1.00"), 2L}));
    assertEquals(1, sink.contents().size());
    assertEquals(2L, sink.contents().get(0)[1]);
  }

  @Test
  void completeModeReplacesTheContentsAndIgnoresARepeatedBatch() {
    MemorySink sink = open("counts", OutputMode.COMPLETE, new int[] {0}, "q");
    sink.write(0, RowBatch.of(new Object[] {"cat", 1L}, new Object[] {"dog", 1L}));
    sink.write(1, RowBatch.of(new Object[] {"cat", 2L}));
    sink.write(1, RowBatch.of(new Object[] {"cat", 2L}, new Object[] {"eel", 9L}));
    assertEquals(List.of(List.of("cat", 2L)), contents(sink));
    sink.write(2, new RowBatch());
    assertEquals(List.of(), contents(sink));
  }

  @Test
  void batchIdsCountPerQuery() {
    MemorySink first = open("out", OutputMode.APPEND, new int[0], "q1");
    MemorySink second = open("out", OutputMode.APPEND, new int[0], "q2");
    first.write(0, RowBatch.of(new Object[] {"cat", 1L}));
    second.write(0, RowBatch.of(new Object[] {"dog", 1L}));
    assertEquals(List.of(List.of("cat", 1L), List.of("dog", 1L)), contents(first));
  }

  @Test
  void aDeleteInAppendModeIsRefused() {
    MemorySink sink = open("out", OutputMode.APPEND, new int[0], "q");
    assertThrows(
        IllegalStateException.class,
        () -> sink.write(0, batch(RowKind.DELETE, new Object[] {"cat", 1L})));
  }
}
