package dev.sluice.engine.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.connectors.kafka.KafkaSink;
import dev.sluice.connectors.kafka.KafkaTestBroker;
import dev.sluice.engine.ResultRow;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.runtime.exec.QueryFailedException;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.spi.TableContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kafka in, Kafka out, through SQL, against a real broker: replay, exactly-once, bad records. */
class KafkaEndToEndTest {
  private static final String COPY = "SELECT id, name FROM events WHERE id >= 0";

  private static KafkaTestBroker kafka;

  @TempDir Path checkpoint;

  @BeforeAll
  static void startBroker() throws Exception {
    kafka = KafkaTestBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) kafka.close();
  }

  private static Map<String, String> kafkaOptions(String topic, String... more) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("connector", "kafka");
    options.put("topic", topic);
    options.put("properties.bootstrap.servers", kafka.bootstrapServers());
    options.put("format", "json");
    for (int i = 0; i < more.length; i += 2) options.put(more[i], more[i + 1]);
    return options;
  }

  private static String with(Map<String, String> options) {
    StringBuilder sb = new StringBuilder();
    options.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append('\'').append(k).append("' = '").append(v).append('\''));
    return " WITH (" + sb + ")";
  }

  /** An engine with {@code events} reading {@code in} and {@code copied} writing {@code out}. */
  private SluiceEngine engine(String in, String out) {
    SluiceEngine engine = SluiceEngine.open();
    engine.execute("CREATE TABLE events (id BIGINT, name VARCHAR)" + with(kafkaOptions(in)));
    engine.execute("CREATE TABLE copied (id BIGINT, name VARCHAR)" + with(kafkaOptions(out)));
    engine.execute("SET 'checkpoint.location' = '" + checkpoint + "'");
    return engine;
  }

  private static void produceEvents(String topic, int from, int to) {
    for (int i = from; i < to; i++) kafka.produce(topic, i % 2, "{\"id\": " + i + ", \"name\": \"e" + i + "\"}");
  }

  private static List<String> values(String topic, boolean committedOnly) {
    List<String> values = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(topic, committedOnly)) values.add(new String(r.value(), StandardCharsets.UTF_8));
    values.sort(null);
    return values;
  }

  private static List<String> expected(int count) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < count; i++) values.add("{\"id\":" + i + ",\"name\":\"e" + i + "\"}");
    values.sort(null);
    return values;
  }

  /** Runs the copy once with a sink that crashes at its first batch, after or before writing it. */
  private void crashOnce(String in, String out, boolean afterWriting) {
    try (SluiceEngine engine = engine(in, out)) {
      TableContext table = new TableContext("copied", engine.describe("copied"), new ConnectorOptions("copied", kafkaOptions(out)),
          engine.connectorServices());
      StreamingQuery crashing = engine.query(COPY).outputMode(OutputMode.APPEND).checkpointLocation(checkpoint)
          .sink(new CrashOnceSink(new KafkaSink(table), 1, afterWriting)).start();
      assertThrows(QueryFailedException.class, crashing::processAllAvailable);
    }
  }

  private void runToEnd(String in, String out) {
    try (SluiceEngine engine = engine(in, out)) {
      StreamingQuery query = engine.execute("INSERT INTO copied " + COPY).query();
      query.processAllAvailable();
      query.stop();
    }
  }

  @Test
  void aBatchRepeatedAfterACrashIsNotWrittenTwice() throws Exception {
    kafka.createTopic("eos-in", 2);
    kafka.createTopic("eos-out", 1);
    produceEvents("eos-in", 0, 10);
    runToEnd("eos-in", "eos-out");
    produceEvents("eos-in", 10, 25);
    // Kafka committed the batch's transaction, then the query died before its checkpoint commit.
    crashOnce("eos-in", "eos-out", true);
    produceEvents("eos-in", 25, 30);
    runToEnd("eos-in", "eos-out");
    assertEquals(expected(30), values("eos-out", true));
    assertEquals(expected(30), values("eos-out", false), "not even an aborted duplicate was written");
  }

  @Test
  void aRestartReReadsTheOffsetsOfTheBatchThatDidNotFinish() throws Exception {
    kafka.createTopic("replay-in", 2);
    kafka.createTopic("replay-out", 1);
    produceEvents("replay-in", 0, 10);
    runToEnd("replay-in", "replay-out");
    produceEvents("replay-in", 10, 20);
    // The query died before its sink wrote anything of the batch: the restart reads its range again.
    crashOnce("replay-in", "replay-out", false);
    assertEquals(expected(10), values("replay-out", true));
    runToEnd("replay-in", "replay-out");
    assertEquals(expected(20), values("replay-out", true));
  }

  @Test
  void malformedRecordsAreCountedAndSkippedOrFailTheQueryWithTheirOffset() throws Exception {
    kafka.createTopic("dirty", 1);
    kafka.produce("dirty", 0, "{\"id\": 1, \"name\": \"ok\"}", "{\"id\": 2, \"name\": ", "{\"id\": \"two\", \"name\": \"x\"}",
        "{\"id\": 3, \"name\": \"ok\"}");
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute("CREATE TABLE lenient (id BIGINT, name VARCHAR)" + with(kafkaOptions("dirty")));
      engine.execute("CREATE TABLE strict (id BIGINT, name VARCHAR)" + with(kafkaOptions("dirty", "on-error", "fail")));
      List<Object> ids = new CopyOnWriteArrayList<>();
      StreamingQuery lenient = engine.query("SELECT id FROM lenient").onBatch((batch, rows) -> {
        for (ResultRow row : rows) ids.add(row.values()[0]);
      }).start();
      lenient.processAllAvailable();
      assertEquals(List.of(1L, 3L), ids);
      assertEquals(2, lenient.lastProgress().malformedRows());
      lenient.stop();

      StreamingQuery strict = engine.query("SELECT id FROM strict").onBatch((batch, rows) -> {}).start();
      QueryFailedException failure = assertThrows(QueryFailedException.class, strict::processAllAvailable);
      assertTrue(failure.getMessage().contains("topic 'dirty' partition 0 offset 1") && failure.getMessage().contains("not valid JSON"),
          failure.getMessage());
    }
  }

  @Test
  void keyAndMetadataColumnsAreDeclaredInTheDdl() throws Exception {
    kafka.createTopic("payments", 3);
    kafka.produce(List.of(new ProducerRecord<>("payments", 2, 1714564800000L, "alice".getBytes(StandardCharsets.UTF_8),
        "{\"amount\": 7.5}".getBytes(StandardCharsets.UTF_8))));
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute("CREATE TABLE payments (payer VARCHAR, amount DOUBLE, part INT METADATA FROM 'partition',"
          + " `offset` BIGINT METADATA, paid_at TIMESTAMP(3) METADATA FROM 'timestamp')"
          + with(kafkaOptions("payments", "key.format", "raw", "key.fields", "payer", "value.fields-include", "EXCEPT_KEY")));
      List<String> rows = new CopyOnWriteArrayList<>();
      StreamingQuery query = engine.query("SELECT payer, amount, part, `offset`, paid_at FROM payments").onBatch((batch, result) -> {
        for (ResultRow row : result) rows.add(java.util.Arrays.toString(row.values()));
      }).start();
      query.processAllAvailable();
      query.stop();
      assertEquals(List.of("[alice, 7.5, 2, 0, 1714564800000]"), rows);
    }
  }
}
