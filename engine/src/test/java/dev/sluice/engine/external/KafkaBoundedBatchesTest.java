package dev.sluice.engine.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.connectors.kafka.KafkaSink;
import dev.sluice.connectors.kafka.KafkaTestBroker;
import dev.sluice.engine.ResultRow;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.runtime.exec.QueryFailedException;
import dev.sluice.runtime.progress.QueryProgress;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.spi.TableContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kafka backlog read through SQL in batches of at most {@code 'max-rows-per-trigger'} records,
 * against a real broker: available-now reads the backlog of its start, each record once, every
 * partition in proportion to its backlog, and a query restarted mid-backlog redoes the batch its
 * write-ahead log planned and goes on exactly.
 */
class KafkaBoundedBatchesTest {
  private static final Pattern PARTITION_OFFSET = Pattern.compile("\"(\\d+)\":(\\d+)");

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

  private static String kafkaTable(String name, String topic, String... more) {
    StringBuilder options = new StringBuilder("'connector' = 'kafka', 'topic' = '" + topic + "', 'format' = 'json', "
        + "'properties.bootstrap.servers' = '" + kafka.bootstrapServers() + "'");
    for (int i = 0; i < more.length; i += 2) options.append(", '").append(more[i]).append("' = '").append(more[i + 1]).append('\'');
    return "CREATE TABLE " + name + " (id BIGINT) WITH (" + options + ")";
  }

  /** Records {@code {"id": from}} to {@code {"id": to - 1}} into {@code partition}. */
  private static void produce(String topic, int partition, int from, int to) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int id = from; id < to; id++) {
      records.add(new ProducerRecord<>(topic, partition, null, ("{\"id\": " + id + "}").getBytes(StandardCharsets.UTF_8)));
    }
    kafka.produce(records);
  }

  private static Map<Integer, Long> offsets(String text) {
    Map<Integer, Long> offsets = new TreeMap<>();
    Matcher m = PARTITION_OFFSET.matcher(text);
    while (m.find()) offsets.put(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
    return offsets;
  }

  /** How {@code ids} differ from each of {@code from} to {@code to - 1} once: "" when they do not. */
  private static String differenceFromOnce(long from, long to, List<Long> ids) {
    Map<Long, Integer> seen = new TreeMap<>();
    for (long id : ids) seen.merge(id, 1, Integer::sum);
    List<Long> missing = new ArrayList<>();
    List<Long> twice = new ArrayList<>();
    List<Long> unexpected = new ArrayList<>();
    for (long id = from; id < to; id++) {
      if (!seen.containsKey(id)) missing.add(id);
    }
    seen.forEach((id, times) -> {
      if (id < from || id >= to) unexpected.add(id);
      else if (times > 1) twice.add(id);
    });
    if (missing.isEmpty() && twice.isEmpty() && unexpected.isEmpty()) return "";
    return "missing " + missing + ", more than once " + twice + ", not expected " + unexpected;
  }

  @Test
  void availableNowReadsTheBacklogOfItsStartInBoundedBatchesSplitByBacklog() throws Exception {
    kafka.createTopic("backlog", 3);
    produce("backlog", 0, 0, 1500);
    produce("backlog", 1, 1500, 2400);
    produce("backlog", 2, 2400, 2700);
    List<Long> read = new CopyOnWriteArrayList<>();
    List<QueryProgress> batches = new CopyOnWriteArrayList<>();
    // The first batch waits until the progress listener is in, so no batch's report is missed.
    CountDownLatch listening = new CountDownLatch(1);
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute(kafkaTable("events", "backlog", "max-rows-per-trigger", "250"));
      StreamingQuery query = engine.query("SELECT id FROM events").trigger("available-now").onBatch((batchId, rows) -> {
        try {
          assertTrue(listening.await(60, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        if (batchId == 0) produce("backlog", 2, 10_000, 10_050); // after the start: not this run's to read
        for (ResultRow row : rows) read.add((Long) row.values()[0]);
      }).start();
      query.addProgressListener(batches::add);
      listening.countDown();
      assertTrue(query.awaitTermination(120, TimeUnit.SECONDS), "available-now stops once the backlog of its start is read");
      assertNull(query.exception());
    }
    assertEquals("", differenceFromOnce(0, 2700, read), "each record of the backlog at the start once, none produced after it");
    assertEquals(11, batches.size(), "2,700 records in batches of 250");
    long total = 0;
    for (QueryProgress batch : batches) {
      String json = batch.toJson();
      assertTrue(batch.inputRows() <= 250, json);
      total += batch.inputRows();
      Map<Integer, Long> start = offsets(batch.sources().get(0).startOffset());
      Map<Integer, Long> end = offsets(batch.sources().get(0).endOffset());
      Map<Integer, Long> atStart = Map.of(0, 1500L, 1, 900L, 2, 300L);
      long backlog = 0;
      for (int p = 0; p < 3; p++) backlog += atStart.get(p) - start.get(p);
      for (int p = 0; p < 3; p++) {
        double fair = Math.min(250, backlog) * (double) (atStart.get(p) - start.get(p)) / backlog;
        assertTrue(Math.abs(end.get(p) - start.get(p) - fair) < 1, "partition " + p + " reads its share of the batch: " + json);
      }
    }
    assertEquals(2700, total);
  }

  @Test
  void aQueryRestartedMidBacklogRedoesItsLoggedBatchAndResumesExactly() throws Exception {
    kafka.createTopic("resume-in", 3);
    kafka.createTopic("resume-out", 1);
    produce("resume-in", 0, 0, 600);
    produce("resume-in", 1, 600, 900);
    produce("resume-in", 2, 900, 1000);
    String copy = "SELECT id FROM events";
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute(kafkaTable("events", "resume-in", "max-rows-per-trigger", "150"));
      engine.execute(kafkaTable("copied", "resume-out"));
      TableContext copied = new TableContext("copied", engine.describe("copied"),
          new ConnectorOptions("copied", Map.of("connector", "kafka", "topic", "resume-out", "format", "json",
              "properties.bootstrap.servers", kafka.bootstrapServers())), engine.connectorServices());
      // Batch 2 goes to Kafka in its transaction, then the query dies before its checkpoint commit.
      StreamingQuery crashing = engine.query(copy).outputMode(OutputMode.APPEND).trigger("available-now").checkpointLocation(checkpoint)
          .sink(new CrashOnceSink(new KafkaSink(copied), 3, true)).start();
      assertThrows(QueryFailedException.class, () -> crashing.awaitTermination(120, TimeUnit.SECONDS));
    }
    // New records change every partition's share: a batch 2 planned again would read another range, which the sink refuses.
    produce("resume-in", 1, 1000, 2000);
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute(kafkaTable("events", "resume-in", "max-rows-per-trigger", "150"));
      engine.execute(kafkaTable("copied", "resume-out"));
      engine.execute("SET 'trigger' = 'available-now'");
      engine.execute("SET 'checkpoint.location' = '" + checkpoint.toString().replace("'", "''") + "'");
      StreamingQuery query = engine.execute("INSERT INTO copied " + copy).query();
      assertTrue(query.awaitTermination(120, TimeUnit.SECONDS));
      assertNull(query.exception());
      assertTrue(query.lastProgress().inputRows() <= 150, query.lastProgress().toJson());
    }
    assertEquals("", differenceFromOnce(0, 2000, written(true)));
    assertEquals("", differenceFromOnce(0, 2000, written(false)), "not even an aborted duplicate was written");
  }

  @Test
  void onceReadsOneBoundedBatchAndTheNextRunTheNext() throws Exception {
    kafka.createTopic("once", 2);
    produce("once", 0, 0, 300);
    produce("once", 1, 300, 400);
    List<String> ends = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      try (SluiceEngine engine = SluiceEngine.open()) {
        engine.execute(kafkaTable("events", "once", "max-rows-per-trigger", "100"));
        StreamingQuery query = engine.query("SELECT id FROM events").trigger("once").checkpointLocation(checkpoint)
            .onBatch((batchId, rows) -> {}).start();
        assertTrue(query.awaitTermination(60, TimeUnit.SECONDS));
        assertEquals(100, query.lastProgress().inputRows(), query.lastProgress().toJson());
        ends.add(query.lastProgress().sources().get(0).endOffset());
      }
    }
    assertEquals(List.of("{\"once\":{\"0\":75,\"1\":25}}", "{\"once\":{\"0\":150,\"1\":50}}"), ends);
  }

  private static List<Long> written(boolean committedOnly) {
    List<Long> ids = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.readAll("resume-out", committedOnly)) {
      String value = new String(r.value(), StandardCharsets.UTF_8);
      ids.add(Long.parseLong(value.replaceAll("\\D", "")));
    }
    return ids;
  }
}
