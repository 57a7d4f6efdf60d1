package dev.sluice.connectors.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.connectors.format.DeadLetterTable;
import dev.sluice.connectors.format.MalformedRecordException;
import dev.sluice.connectors.memory.MemoryTables;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.ConnectorServices;
import dev.sluice.runtime.spi.TableContext;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kafka source against a real broker started by the test. */
class KafkaSourceTest {
  private static final Schema ORDERS =
      new Schema(List.of(new Field("id", DataType.of(TypeKind.BIGINT)), new Field("item", DataType.of(TypeKind.VARCHAR)),
          new Field("ts", DataType.timestamp(3))));

  private static KafkaTestBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = KafkaTestBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) broker.close();
  }

  private static TableContext table(String name, Schema schema, Map<String, String> metadata, String... options) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("connector", "kafka");
    map.put("properties.bootstrap.servers", broker.bootstrapServers());
    for (int i = 0; i < options.length; i += 2) map.put(options[i], options[i + 1]);
    ConnectorOptions connectorOptions = new ConnectorOptions(name, map);
    new KafkaConnectorFactory().validate(connectorOptions);
    return new TableContext(name, schema, connectorOptions, new ConnectorServices(), metadata, List.of());
  }

  private static String order(long id, String item, String ts) {
    return "{\"id\":" + id + ",\"item\":\"" + item + "\",\"ts\":\"" + ts + "\"}";
  }

  private static List<String> rows(RowBatch batch) {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) rows.add(Arrays.toString(batch.row(i)));
    return rows;
  }

  private static RowBatch read(KafkaSource source, String start, String end) {
    RowBatch batch = new RowBatch();
    source.read(start, end, batch);
    return batch;
  }

  @Test
  void aRangeReadsTheSameRowsAgainFromANewSourceAfterARestart() throws Exception {
    broker.createTopic("replay", 2);
    broker.produce("replay", 0, order(1, "a", "2024-05-01 12:00:00"), order(2, "b", "2024-05-01 12:00:01"));
    broker.produce("replay", 1, order(3, "c", "2024-05-01 12:00:02"));
    TableContext context = table("orders", ORDERS, Map.of(), "topic", "replay", "format", "json");
    String start;
    String middle;
    List<String> firstRead;
    try (KafkaSource source = new KafkaSource(context)) {
      start = source.initialOffset();
      assertEquals("{\"replay\":{\"0\":0,\"1\":0}}", start);
      middle = source.latestOffset();
      assertEquals("{\"replay\":{\"0\":2,\"1\":1}}", middle);
      firstRead = rows(read(source, start, middle));
      assertEquals(3, firstRead.size());
    }
    broker.produce("replay", 0, order(4, "d", "2024-05-01 12:00:03"));
    try (KafkaSource restarted = new KafkaSource(context)) {
      assertEquals(firstRead, rows(read(restarted, start, middle)), "the same range reads the same rows");
      String end = restarted.latestOffset();
      assertEquals(List.of("[4, d, 1714564803000]"), rows(read(restarted, middle, end)));
      assertEquals(0, read(restarted, end, end).size());
    }
  }

  @Test
  void aTopicThatDoesNotExistYetIsReadFromItsBeginningOnceItAppears() throws Exception {
    try (KafkaSource source = new KafkaSource(table("t", ORDERS, Map.of(), "topic", "later", "format", "json",
        "scan.startup.mode", "latest-offset"))) {
      long started = System.nanoTime();
      String start = source.initialOffset();
      assertEquals("{}", start);
      assertEquals("{}", source.latestOffset());
      assertTrue(System.nanoTime() - started < 10_000_000_000L, "a missing topic is not waited for");
      broker.createTopic("later", 1);
      broker.produce("later", 0, order(1, "a", "2024-05-01 12:00:00"));
      String end = source.latestOffset();
      assertEquals("{\"later\":{\"0\":1}}", end);
      assertEquals(List.of("[1, a, 1714564800000]"), rows(read(source, start, end)));
    }
  }

  @Test
  void startupModesPickTheFirstOffsets() throws Exception {
    broker.createTopic("startup", 2);
    broker.produce("startup", 0, order(1, "a", "2024-05-01 12:00:00"), order(2, "b", "2024-05-01 12:00:00"));
    broker.produce("startup", 1, order(3, "c", "2024-05-01 12:00:00"));
    try (KafkaSource latest = new KafkaSource(table("t", ORDERS, Map.of(), "topic", "startup", "format", "json",
        "scan.startup.mode", "latest-offset"))) {
      assertEquals("{\"startup\":{\"0\":2,\"1\":1}}", latest.initialOffset());
    }
    try (KafkaSource specific = new KafkaSource(table("t", ORDERS, Map.of(), "topic", "startup", "format", "json",
        "scan.startup.mode", "specific-offsets", "scan.startup.specific-offsets", "partition:0,offset:1"))) {
      String start = specific.initialOffset();
      assertEquals("{\"startup\":{\"0\":1,\"1\":0}}", start);
      assertEquals(List.of("[2, b, 1714564800000]", "[3, c, 1714564800000]"), rows(read(specific, start, specific.latestOffset())));
    }
  }

  @Test
  void keyAndMetadataColumnsComeFromTheRecord() throws Exception {
    broker.createTopic("keyed", 1);
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("keyed", 0, 1714564800000L, "user-7".getBytes(StandardCharsets.UTF_8),
        "{\"amount\": 12.5}".getBytes(StandardCharsets.UTF_8));
    broker.produce(List.of(record));
    Schema schema = new Schema(List.of(new Field("user_id", DataType.of(TypeKind.VARCHAR)), new Field("amount", DataType.of(TypeKind.DOUBLE)),
        new Field("part", DataType.of(TypeKind.INTEGER)), new Field("off", DataType.of(TypeKind.BIGINT)),
        new Field("event_time", DataType.timestamp(3)), new Field("topic_name", DataType.of(TypeKind.VARCHAR))));
    Map<String, String> metadata = Map.of("part", "partition", "off", "offset", "event_time", "timestamp", "topic_name", "topic");
    try (KafkaSource source = new KafkaSource(table("payments", schema, metadata, "topic", "keyed", "value.format", "json",
        "key.format", "raw", "key.fields", "user_id", "value.fields-include", "EXCEPT_KEY"))) {
      assertEquals(List.of("[user-7, 12.5, 0, 0, 1714564800000, keyed]"), rows(read(source, source.initialOffset(), source.latestOffset())));
    }
  }

  @Test
  void csvAndRawValuesDecodeByPosition() throws Exception {
    broker.createTopic("lines", 1);
    broker.produce("lines", 0, "1,\"x, y\",2024-05-01 12:00:00", "2,,2024-05-01 12:00:01");
    try (KafkaSource csv = new KafkaSource(table("t", ORDERS, Map.of(), "topic", "lines", "format", "csv"))) {
      assertEquals(List.of("[1, x, y, 1714564800000]", "[2, , 1714564801000]"), rows(read(csv, csv.initialOffset(), csv.latestOffset())));
    }
    Schema line = new Schema(List.of(new Field("line", DataType.of(TypeKind.VARCHAR))));
    try (KafkaSource raw = new KafkaSource(table("t", line, Map.of(), "topic", "lines", "format", "raw"))) {
      assertEquals(List.of("[1,\"x, y\",2024-05-01 12:00:00]", "[2,,2024-05-01 12:00:01]"), rows(read(raw, raw.initialOffset(), raw.latestOffset())));
    }
  }

  @Test
  void malformedRecordsAreCountedAndSkippedByDefault() throws Exception {
    broker.createTopic("dirty", 1);
    broker.produce("dirty", 0, order(1, "a", "2024-05-01 12:00:00"), "{not json", "{\"id\": \"seven\"}", "[1, 2]",
        "{\"id\": 2, \"ts\": \"yesterday\"}", null, order(3, "c", "2024-05-01 12:00:00"));
    try (KafkaSource source = new KafkaSource(table("t", ORDERS, Map.of(), "topic", "dirty", "format", "json"))) {
      RowBatch rows = read(source, source.initialOffset(), source.latestOffset());
      assertEquals(List.of("[1, a, 1714564800000]", "[3, c, 1714564800000]"), rows(rows));
      assertEquals(4, source.malformedRows(), "bad JSON, a text id, an array and a bad timestamp; a tombstone is no row and not malformed");
    }
  }

  @Test
  void onErrorFailNamesTheRecordAndTheReason() throws Exception {
    broker.createTopic("strict", 1);
    broker.produce("strict", 0, order(1, "a", "2024-05-01 12:00:00"), "{\"id\": \"seven\"}");
    try (KafkaSource source = new KafkaSource(table("t", ORDERS, Map.of(), "topic", "strict", "format", "json", "on-error", "fail"))) {
      MalformedRecordException e = assertThrows(MalformedRecordException.class, () -> read(source, source.initialOffset(), source.latestOffset()));
      assertTrue(e.getMessage().contains("topic 'strict' partition 0 offset 1"), e.getMessage());
      assertTrue(e.getMessage().contains("column 'id'") && e.getMessage().contains("BIGINT"), e.getMessage());
    }
  }

  @Test
  void deadLetterRoutesTheRecordWithItsOffsetAndReason() throws Exception {
    broker.createTopic("letters", 1);
    broker.produce("letters", 0, order(1, "a", "2024-05-01 12:00:00"), "{\"id\": 1.5}");
    TableContext context = table("t", ORDERS, Map.of(), "topic", "letters", "format", "json", "on-error", "dead-letter",
        "dead-letter.table", "bad_orders");
    assertTrue(DeadLetterTable.COLUMNS.indexOf("raw_record") >= 0);
    try (KafkaSource source = new KafkaSource(context)) {
      assertEquals(1, read(source, source.initialOffset(), source.latestOffset()).size());
      assertEquals(1, source.malformedRows());
    }
    List<Object[]> letters = context.services().get(MemoryTables.class, MemoryTables::new).rows("bad_orders", 0, 1);
    Object[] letter = letters.get(0);
    assertEquals(List.of("t", "topic 'letters' partition 0 offset 1", "{\"id\": 1.5}"), List.of(letter[0], letter[1], letter[3]));
    assertTrue(letter[2].toString().contains("column 'id'"), letter[2].toString());
  }

  @Test
  void theConnectorIsFoundAsSourceAndSinkByItsIdentifier() {
    assertTrue(java.util.ServiceLoader.load(dev.sluice.runtime.spi.SourceFactory.class).stream()
        .anyMatch(f -> f.get() instanceof KafkaConnectorFactory && f.get().identifier().equals("kafka")));
    assertTrue(java.util.ServiceLoader.load(dev.sluice.runtime.spi.SinkFactory.class).stream()
        .anyMatch(f -> f.get() instanceof KafkaConnectorFactory));
  }

  @Test
  void unknownAndInvalidOptionsAreRefusedWithTheValidOnes() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> table("t", ORDERS, Map.of(), "topic", "x", "format", "json", "scan.startup", "earliest"));
    assertTrue(unknown.getMessage().contains("scan.startup.mode") && unknown.getMessage().contains("properties.*"), unknown.getMessage());
    IllegalArgumentException mode = assertThrows(IllegalArgumentException.class,
        () -> table("t", ORDERS, Map.of(), "topic", "x", "format", "json", "scan.startup.mode", "group-offsets"));
    assertTrue(mode.getMessage().contains("'earliest-offset', 'latest-offset', 'specific-offsets'"), mode.getMessage());
    IllegalArgumentException format = assertThrows(IllegalArgumentException.class, () -> table("t", ORDERS, Map.of(), "topic", "x"));
    assertTrue(format.getMessage().contains("'format'"), format.getMessage());
    IllegalArgumentException onError = assertThrows(IllegalArgumentException.class,
        () -> table("t", ORDERS, Map.of(), "topic", "x", "format", "json", "on-error", "ignore"));
    assertTrue(onError.getMessage().contains("'skip', 'fail' or 'dead-letter'"), onError.getMessage());
    IllegalArgumentException metadata = assertThrows(IllegalArgumentException.class,
        () -> new KafkaSource(table("t", ORDERS, Map.of("id", "headers"), "topic", "x", "format", "json")));
    assertTrue(metadata.getMessage().contains("'topic', 'partition', 'offset', 'timestamp'"), metadata.getMessage());
  }

  @Test
  void aBatchReadsAtMostMaxRowsPerTriggerSplitInProportionToEachBacklog() {
    try (KafkaSource source = new KafkaSource(table("t", ORDERS, Map.of(), "topic", "t", "format", "json",
        "max-rows-per-trigger", "350"))) {
      String start = "{\"t\":{\"0\":0,\"1\":10,\"2\":20}}";
      assertEquals("{\"t\":{\"0\":200,\"1\":110,\"2\":70}}", source.limitOffset(start, "{\"t\":{\"0\":2000,\"1\":1010,\"2\":520}}"));
      assertEquals("{\"t\":{\"0\":349,\"1\":11,\"2\":20}}", source.limitOffset(start, "{\"t\":{\"0\":100000,\"1\":11,\"2\":20}}"),
          "a partition with a backlog of one record reads it; the others' shares still add up to the bound");
      assertEquals("{\"t\":{\"0\":300,\"1\":60,\"2\":20}}", source.limitOffset(start, "{\"t\":{\"0\":300,\"1\":60,\"2\":20}}"),
          "a backlog within the bound is read whole");
    }
    try (KafkaSource tiny = new KafkaSource(table("t", ORDERS, Map.of(), "topic", "t", "format", "json", "max-rows-per-trigger", "2"))) {
      assertEquals("{\"t\":{\"0\":1,\"1\":1,\"2\":1}}",
          tiny.limitOffset("{\"t\":{\"0\":0,\"1\":0,\"2\":0}}", "{\"t\":{\"0\":900,\"1\":5,\"2\":5}}"),
          "with more partitions behind than the bound, each reads one record, so none starves");
    }
  }

  @Test
  void maxRowsPerTriggerIsBoundedByDefaultAndRefusesLessThanOne() {
    try (KafkaSource source = new KafkaSource(table("t", ORDERS, Map.of(), "topic", "t", "format", "json"))) {
      assertEquals("{\"t\":{\"0\":100000}}", source.limitOffset("{\"t\":{\"0\":0}}", "{\"t\":{\"0\":50000000}}"));
    }
    for (String bad : List.of("0", "-5", "lots")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> table("orders", ORDERS, Map.of(), "topic", "t", "format", "json", "max-rows-per-trigger", bad));
      assertTrue(e.getMessage().contains("'max-rows-per-trigger'") && e.getMessage().contains("'orders'") && e.getMessage().contains(bad),
          e.getMessage());
    }
  }

  @Test
  void aPartitionNewSinceTheStartIsBoundedFromItsBeginning() throws Exception {
    broker.createTopic("trimmed", 1);
    for (int i = 0; i < 10; i++) broker.produce("trimmed", 0, order(i, "a", "2024-05-01 12:00:00"));
    try (var admin = broker.admin()) {
      admin.deleteRecords(Map.of(new org.apache.kafka.common.TopicPartition("trimmed", 0),
          org.apache.kafka.clients.admin.RecordsToDelete.beforeOffset(4))).all().get();
    }
    try (KafkaSource source = new KafkaSource(table("t", ORDERS, Map.of(), "topic", "trimmed", "format", "json",
        "max-rows-per-trigger", "3"))) {
      String end = source.limitOffset("{}", "{\"trimmed\":{\"0\":10}}");
      assertEquals("{\"trimmed\":{\"0\":7}}", end, "the partition's log starts at offset 4");
      assertEquals(List.of("[4, a, 1714564800000]", "[5, a, 1714564800000]", "[6, a, 1714564800000]"), rows(read(source, "{}", end)));
    }
  }
}
