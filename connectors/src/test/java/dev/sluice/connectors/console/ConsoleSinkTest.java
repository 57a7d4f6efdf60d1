package dev.sluice.connectors.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.spi.SinkContext;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleSinkTest {
  private static final Schema COUNTS =
      new Schema(
          List.of(
              new Field("word", DataType.of(TypeKind.VARCHAR)),
              new Field("cnt", DataType.of(TypeKind.BIGINT))));

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private ConsoleSink open(OutputMode mode, Schema schema, Map<String, String> options) {
    ConsoleSink sink = new ConsoleSink(new ConnectorOptions("out", options), out);
    sink.open(new SinkContext(schema, mode, new int[] {0}, "q"));
    return sink;
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void appendModePrintsEachBatchAsSparksConsoleSinkDoes() {
    ConsoleSink sink = open(OutputMode.APPEND, COUNTS, Map.of());
    sink.write(3, RowBatch.of(new Object[] {"cat", 2L}, new Object[] {"elephant", 10L}));
    sink.write(4, RowBatch.of(new Object[] {null, 1L}));
    assertEquals(
        """
        -------------------------------------------
        Batch: 3
        -------------------------------------------
        +--------+---+
        |    word|cnt|
        +--------+---+
        |     cat|  2|
        |elephant| 10|
        +--------+---+

        -------------------------------------------
        Batch: 4
        -------------------------------------------
        +----+---+
        |word|cnt|
        +----+---+
        |NULL|  1|
        +----+---+

        """,
        printed());
  }

  @Test
  void updateModeShowsTheChangeKindOfEachRowFirst() {
    ConsoleSink sink = open(OutputMode.UPDATE, COUNTS, Map.of());
    RowBatch batch = new RowBatch();
    batch.add(RowKind.UPDATE_AFTER, new Object[] {"cat", 3L});
    batch.add(RowKind.DELETE, new Object[] {"dog", 1L});
    sink.write(7, batch);
    assertEquals(
        """
        -------------------------------------------
        Batch: 7
        -------------------------------------------
        +---+----+---+
        | op|word|cnt|
        +---+----+---+
        | +U| cat|  3|
        | -D| dog|  1|
        +---+----+---+

        """,
        printed());
  }

  @Test
  void onlyNumRowsRowsAreShownAndTheRestIsMentioned() {
    ConsoleSink sink = open(OutputMode.COMPLETE, COUNTS, Map.of("num-rows", "2"));
    sink.write(
        0, RowBatch.of(new Object[] {"a", 1L}, new Object[] {"b", 2L}, new Object[] {"c", 3L}));
    assertEquals(
        """
        -------------------------------------------
        Batch: 0
        -------------------------------------------
        +----+---+
        |word|cnt|
        +----+---+
        |   a|  1|
        |   b|  2|
        +----+---+
        only showing top 2 rows

        """,
        printed());
  }

  @Test
  void withoutTruncationCellsAreWholeAndLeftAligned() {
    Schema schema =
        new Schema(
            List.of(
                new Field("ts", DataType.timestamp(3)),
                new Field("note", DataType.of(TypeKind.VARCHAR))));
    ConsoleSink sink = open(OutputMode.APPEND, schema, Map.of("truncate", "false"));
    sink.write(
        1, RowBatch.of(new Object[] {1_714_564_800_250L, "a note longer than twenty characters"}));
    assertEquals(
        """
        -------------------------------------------
        Batch: 1
        -------------------------------------------
        +-----------------------+------------------------------------+
        |ts                     |note                                |
        +-----------------------+------------------------------------+
        |2024-05-01 12:00:00.250|a note longer than twenty characters|
        +-----------------------+------------------------------------+

        """,
        printed());
  }

  @Test
  void aNegativeNumRowsIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new ConsoleSink(new ConnectorOptions("out", Map.of("num-rows", "-1")), out));
  }
}
