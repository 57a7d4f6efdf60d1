package dev.sluice.connectors.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.spi.QueryStatus;
import dev.sluice.runtime.spi.SinkContext;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleSinkLateRowsTest {
  @Test
  void eachBatchSaysTheWatermarkAndHowManyLateRowsWereDropped() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleSink sink = new ConsoleSink(20, true, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    Schema schema = new Schema(List.of(new Field("cnt", DataType.of(TypeKind.BIGINT))));
    sink.open(new SinkContext(schema, OutputMode.APPEND, null, "q1", () -> new QueryStatus("1970-01-01 00:00:15", 3)));
    sink.write(4, RowBatch.of(new Object[] {5L}));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("Batch: 4\nWatermark: 1970-01-01 00:00:15, late rows dropped so far: 3\n"), printed);
  }

  @Test
  void aQueryWithoutWatermarkOrLateRowsPrintsSparksBannerUnchanged() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleSink sink = new ConsoleSink(20, true, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    Schema schema = new Schema(List.of(new Field("cnt", DataType.of(TypeKind.BIGINT))));
    sink.open(new SinkContext(schema, OutputMode.APPEND, null, "q1"));
    sink.write(0, RowBatch.of(new Object[] {5L}));
    assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("-------------------------------------------\nBatch: 0\n------"));
  }
}
