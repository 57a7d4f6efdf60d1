package dev.sluice.connectors.blackhole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.ConnectorServices;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.spi.Sink;
import dev.sluice.runtime.spi.SinkContext;
import dev.sluice.runtime.spi.SinkFactory;
import dev.sluice.runtime.spi.TableContext;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class BlackholeSinkTest {
  private static final Schema SCHEMA =
      new Schema(List.of(new Field("word", DataType.of(TypeKind.VARCHAR)), new Field("n", DataType.of(TypeKind.BIGINT))));

  private final ConnectorServices services = new ConnectorServices();

  private Sink sink(String table, OutputMode mode, String queryId) {
    TableContext context =
        new TableContext(table, SCHEMA, new ConnectorOptions(table, Map.of("connector", "blackhole")), services);
    Sink sink = new BlackholeSinkFactory().createSink(context);
    sink.open(new SinkContext(SCHEMA, mode, new int[] {0}, queryId));
    return sink;
  }

  private BlackholeCounts.Tally tally(String table) {
    return services.get(BlackholeCounts.class, BlackholeCounts::new).tally(table);
  }

  @Test
  void everyOutputModeIsAcceptedAndItsRowsCountedByKind() {
    Sink append = sink("out", OutputMode.APPEND, "q1");
    append.write(0, RowBatch.of(new Object[] {"a", 1L}, new Object[] {"b", 2L}));
    Sink update = sink("out", OutputMode.UPDATE, "q2");
    assertTrue(update.supportsDeletes());
    RowBatch changes = new RowBatch();
    changes.add(RowKind.UPDATE_AFTER, new Object[] {"a", 3L});
    changes.add(RowKind.DELETE, new Object[] {"b", 2L});
    update.write(0, changes);
    Sink complete = sink("out", OutputMode.COMPLETE, "q3");
    complete.write(0, RowBatch.of(new Object[] {"a", 3L}));
    complete.write(1, new RowBatch());

    BlackholeCounts.Tally tally = tally("out");
    assertEquals(5, tally.rows());
    assertEquals(3, tally.rows(RowKind.INSERT));
    assertEquals(1, tally.rows(RowKind.UPDATE_AFTER));
    assertEquals(1, tally.rows(RowKind.DELETE));
    assertEquals(4, tally.batches());
    assertEquals("batches=4, +I=3, -U=0, +U=1, -D=1", tally.toString());
    assertEquals(0, tally("other").rows(), "counts are per table");
  }

  @Test
  void aBatchRedoneAfterARestartIsCountedOnce() {
    Sink first = sink("out", OutputMode.APPEND, "q");
    first.write(0, RowBatch.of(new Object[] {"a", 1L}));
    first.write(1, RowBatch.of(new Object[] {"b", 1L}));
    Sink restarted = sink("out", OutputMode.APPEND, "q");
    restarted.write(1, RowBatch.of(new Object[] {"b", 1L}));
    restarted.write(2, RowBatch.of(new Object[] {"c", 1L}));
    assertEquals(3, tally("out").rows());
    assertEquals(3, tally("out").batches());
  }

  @Test
  void writingBeforeOpenIsRefused() {
    Sink sink = new BlackholeSink("out", new BlackholeCounts());
    String message = assertThrows(IllegalStateException.class, () -> sink.write(0, new RowBatch())).getMessage();
    assertTrue(message.contains("'out' was written before open"), message);
  }

  @Test
  void theSinkIsFoundByItsNameAndRefusesOptions() {
    SinkFactory found = null;
    for (SinkFactory factory : ServiceLoader.load(SinkFactory.class)) {
      if (factory.identifier().equals("blackhole")) found = factory;
    }
    assertTrue(found instanceof BlackholeSinkFactory, "blackhole is registered");
    SinkFactory factory = found;
    String message =
        assertThrows(
                IllegalArgumentException.class,
                () -> factory.validate(new ConnectorOptions("out", Map.of("connector", "blackhole", "path", "/dev/null"))))
            .getMessage();
    assertTrue(message.contains("Unknown option 'path' for connector 'blackhole'"), message);
    assertSame(
        services.get(BlackholeCounts.class, BlackholeCounts::new),
        services.get(BlackholeCounts.class, BlackholeCounts::new),
        "one set of counts per engine");
  }
}
