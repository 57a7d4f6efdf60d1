package dev.sluice.connectors.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.ConnectorServices;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.spi.QueryStatus;
import dev.sluice.runtime.spi.SinkContext;
import dev.sluice.runtime.spi.TableContext;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kafka sink against a real broker started by the test. */
class KafkaSinkTest {
  private static final Schema COUNTS =
      new Schema(List.of(new Field("word", DataType.of(TypeKind.VARCHAR)), new Field("cnt", DataType.of(TypeKind.BIGINT)),
          new Field("window_end", DataType.timestamp(3))));

  private static KafkaTestBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = KafkaTestBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) broker.close();
  }

  /** The input digest of the batches the sinks made next write, as the query hands it over. */
  private static String inputDigest;

  private static KafkaSink sink(String topic, OutputMode mode, int[] keys, String queryId, String... options) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("connector", "kafka");
    map.put("properties.bootstrap.servers", broker.bootstrapServers());
    map.put("topic", topic);
    map.put("format", "json");
    for (int i = 0; i < options.length; i += 2) map.put(options[i], options[i + 1]);
    ConnectorOptions connectorOptions = new ConnectorOptions("counts", map);
    new KafkaConnectorFactory().validate(connectorOptions);
    KafkaSink sink = new KafkaSink(new TableContext("counts", COUNTS, connectorOptions, new ConnectorServices()));
    String digest = inputDigest;
    sink.open(new SinkContext(COUNTS, mode, keys, queryId, () -> new QueryStatus(null, 0, digest)));
    return sink;
  }

  private static RowBatch batch(Object[]... rows) {
    return RowBatch.of(rows);
  }

  private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
    List<String> values = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      values.add((r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8) + " -> ")
          + (r.value() == null ? "null" : new String(r.value(), StandardCharsets.UTF_8)));
    }
    return values;
  }

  @Test
  void exactlyOnceSkipsABatchIdAlreadyCommittedAlsoAfterARestart() throws Exception {
    broker.createTopic("eos", 1);
    try (KafkaSink sink = sink("eos", OutputMode.APPEND, null, "q1")) {
      sink.write(0, batch(new Object[] {"cat", 2L, 1714564800000L}, new Object[] {"dog", 1L, 1714564800000L}));
      sink.write(1, batch(new Object[] {"cat", 1L, 1714564860000L}));
      sink.write(1, batch(new Object[] {"cat", 1L, 1714564860000L}));
    }
    try (KafkaSink restarted = sink("eos", OutputMode.APPEND, null, "q1")) {
      // The engine redoes batch 1 after a crash between the sink's commit and its own.
      restarted.write(1, batch(new Object[] {"cat", 1L, 1714564860000L}));
      restarted.write(2, batch(new Object[] {"owl", 5L, 1714564920000L}));
    }
    assertEquals(
        List.of(
            "{\"word\":\"cat\",\"cnt\":2,\"window_end\":\"2024-05-01 12:00:00\"}",
            "{\"word\":\"dog\",\"cnt\":1,\"window_end\":\"2024-05-01 12:00:00\"}",
            "{\"word\":\"cat\",\"cnt\":1,\"window_end\":\"2024-05-01 12:01:00\"}",
            "{\"word\":\"owl\",\"cnt\":5,\"window_end\":\"2024-05-01 12:02:00\"}"),
        values(broker.readAll("eos", true)));
  }

  @Test
  void exactlyOnceRefusesTheLastBatchRepeatedOverOtherInput() throws Exception {
    broker.createTopic("digests", 1);
    try {
      inputDigest = "input-of-batch-0";
      try (KafkaSink sink = sink("digests", OutputMode.APPEND, null, "q-digest")) {
        sink.write(0, batch(new Object[] {"cat", 2L, 0L}));
      }
      try (KafkaSink redo = sink("digests", OutputMode.APPEND, null, "q-digest")) {
        redo.write(0, batch(new Object[] {"cat", 2L, 0L}));
      }
      inputDigest = "another-range";
      try (KafkaSink other = sink("digests", OutputMode.APPEND, null, "q-digest")) {
        String message = assertThrows(IllegalStateException.class, () -> other.write(0, batch(new Object[] {"cat", 3L, 0L}))).getMessage();
        assertTrue(message.contains("batch 0") && message.contains("other input") && message.contains("input-of-batch-0")
            && message.contains("another-range"), message);
      }
    } finally {
      inputDigest = null;
    }
    assertEquals(1, broker.readAll("digests", true).size());
  }

  @Test
  void aQueryStartedAfreshUnderTheSameIdIsWrittenNotSkipped() throws Exception {
    broker.createTopic("fresh", 1);
    try (KafkaSink sink = sink("fresh", OutputMode.APPEND, null, "q7")) {
      sink.write(0, batch(new Object[] {"a", 1L, 0L}));
      sink.write(1, batch(new Object[] {"b", 1L, 0L}));
    }
    try (KafkaSink again = sink("fresh", OutputMode.APPEND, null, "q7")) {
      again.write(0, batch(new Object[] {"c", 1L, 0L}));
    }
    assertEquals(3, broker.readAll("fresh", true).size());
  }

  @Test
  void updateModeKeysRecordsByTheResultKeyAndADeleteIsATombstone() throws Exception {
    broker.createTopic("changes", 1);
    try (KafkaSink sink = sink("changes", OutputMode.UPDATE, new int[] {0, 2}, "q2")) {
      RowBatch changes = new RowBatch();
      changes.add(RowKind.UPDATE_AFTER, new Object[] {"cat", 3L, 1714564800000L});
      changes.add(RowKind.DELETE, new Object[] {"dog", 1L, 1714564800000L});
      sink.write(0, changes);
    }
    List<ConsumerRecord<byte[], byte[]>> records = broker.readAll("changes", true);
    assertEquals(
        List.of(
            "{\"word\":\"cat\",\"window_end\":\"2024-05-01 12:00:00\"} -> {\"word\":\"cat\",\"cnt\":3,\"window_end\":\"2024-05-01 12:00:00\"}",
            "{\"word\":\"dog\",\"window_end\":\"2024-05-01 12:00:00\"} -> null"),
        values(records));
    assertNull(records.get(1).value());
  }

  @Test
  void atLeastOnceWritesARepeatedBatchAgain() throws Exception {
    broker.createTopic("alo", 1);
    try (KafkaSink sink = sink("alo", OutputMode.APPEND, null, "q3", "sink.delivery-guarantee", "at-least-once")) {
      sink.write(0, batch(new Object[] {"cat", 1L, 0L}));
      sink.write(0, batch(new Object[] {"cat", 1L, 0L}));
    }
    assertEquals(2, broker.readAll("alo", false).size());
  }

  @Test
  void aSinkNeedsOneTopicAndAKnownGuarantee() {
    IllegalArgumentException topics = assertThrows(IllegalArgumentException.class, () -> sink("a;b", OutputMode.APPEND, null, "q4"));
    assertTrue(topics.getMessage().contains("exactly one 'topic'"), topics.getMessage());
    IllegalArgumentException guarantee = assertThrows(IllegalArgumentException.class,
        () -> sink("a", OutputMode.APPEND, null, "q4", "sink.delivery-guarantee", "none"));
    assertTrue(guarantee.getMessage().contains("'exactly-once' (the default) or 'at-least-once'"), guarantee.getMessage());
  }
}
