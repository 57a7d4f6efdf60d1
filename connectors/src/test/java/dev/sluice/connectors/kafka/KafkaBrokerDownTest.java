package dev.sluice.connectors.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.ConnectorServices;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.spi.SinkContext;
import dev.sluice.runtime.spi.TableContext;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A broker that stops answering: the source waits with its last offsets and says why, instead of failing or skipping. */
class KafkaBrokerDownTest {
  private static final Schema LINES = new Schema(List.of(new Field("line", DataType.of(TypeKind.VARCHAR))));

  @Test
  void aSinkOpensWithoutItsBrokersAndAWriteThatCannotReachThemSaysWhichBrokersItTried() throws Exception {
    String servers = "127.0.0.1:" + KafkaTestBroker.closedLoopbackPort();
    Map<String, String> options = Map.of("connector", "kafka", "topic", "lines", "format", "raw",
        "properties.bootstrap.servers", servers, "properties.max.block.ms", "1000");
    try (KafkaSink sink = new KafkaSink(new TableContext("copied", LINES, new ConnectorOptions("copied", options), new ConnectorServices()))) {
      sink.open(new SinkContext(LINES, OutputMode.APPEND, null, "q1"));
      RowBatch rows = new RowBatch();
      rows.insert(new Object[] {"a line"});
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> sink.write(0, rows));
      assertTrue(e.getMessage().contains("'copied'") && e.getMessage().contains(servers), e.getMessage());
    }
  }

  @Test
  void aPartitionTheBrokersDoNotListKeepsItsPositionAndOneThatEndsBelowItStopsTheQuery() throws Exception {
    Map<String, String> options = Map.of("connector", "kafka", "topic", "lines", "format", "raw",
        "properties.bootstrap.servers", "127.0.0.1:" + KafkaTestBroker.closedLoopbackPort());
    try (KafkaSource source = new KafkaSource(new TableContext("lines", LINES, new ConnectorOptions("lines", options),
        new ConnectorServices()))) {
      String start = "{\"lines\":{\"0\":2}}";
      assertEquals(start, source.limitOffset(start, "{}"), "a topic not visible yet keeps its position instead of starting over");
      assertEquals("{\"lines\":{\"0\":5}}", source.limitOffset(start, "{\"lines\":{\"0\":5}}"));
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> source.limitOffset(start, "{\"lines\":{\"0\":1}}"));
      assertTrue(e.getMessage().contains("partition 0") && e.getMessage().contains("below the query's position 2"), e.getMessage());
    }
  }

  @Test
  void aSourceWhoseBrokerIsDownKeepsItsLastOffsetsAndReportsTheProblem() throws Exception {
    KafkaTestBroker broker = KafkaTestBroker.start();
    boolean brokerClosed = false;
    KafkaSource source;
    try {
      broker.createTopic("lines", 1);
      broker.produce("lines", 0, "a", "b");
      Map<String, String> options = Map.of("connector", "kafka", "topic", "lines", "format", "raw",
          "properties.bootstrap.servers", broker.bootstrapServers(), "scan.startup.mode", "earliest-offset");
      Schema schema = new Schema(List.of(new Field("line", DataType.of(TypeKind.VARCHAR))));
      source = new KafkaSource(new TableContext("lines", schema, new ConnectorOptions("lines", options), new ConnectorServices()));
      source.initialOffset();
      String latest = source.latestOffset();
      assertNull(source.status(), "a healthy source has no status");
      broker.close();
      brokerClosed = true;

      assertEquals(latest, source.latestOffset(), "while the brokers are gone the last known offsets stand");
      String status = source.status();
      assertTrue(status != null && status.contains("do not answer") && status.contains("retrying"), "status: " + status);
      long before = System.nanoTime();
      assertEquals(latest, source.latestOffset());
      assertTrue(System.nanoTime() - before < 1_000_000_000L, "within the backoff the source does not ask again");
      source.close();
    } finally {
      if (!brokerClosed) broker.close();
    }
  }
}
