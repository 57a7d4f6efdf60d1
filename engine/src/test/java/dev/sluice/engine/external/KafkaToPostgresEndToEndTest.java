package dev.sluice.engine.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.connectors.jdbc.JdbcSink;
import dev.sluice.connectors.jdbc.PostgresTestServer;
import dev.sluice.connectors.kafka.KafkaTestBroker;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.runtime.exec.QueryFailedException;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.spi.TableContext;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka topic -> windowed aggregation -> PostgreSQL table, through SQL DDL and INSERT INTO with a
 * checkpoint location, against a real broker and a real PostgreSQL server.
 */
class KafkaToPostgresEndToEndTest {
  /** One click every 5 seconds from 12:00:00, users u0..u2 in turn, over two partitions. */
  private static final int CLICKS = 120;

  private static final String PER_MINUTE =
      "SELECT window_start, window_end, user_name, COUNT(*) AS clicks"
          + " FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
          + " GROUP BY window_start, window_end, user_name";

  private static KafkaTestBroker kafka;
  private static PostgresTestServer postgres;

  @TempDir Path checkpoints;

  @BeforeAll
  static void startSystems() throws Exception {
    kafka = KafkaTestBroker.start();
    postgres = PostgresTestServer.start();
  }

  @AfterAll
  static void stopSystems() {
    if (kafka != null) kafka.close();
    if (postgres != null) postgres.close();
  }

  private static void produceClicks(String topic, int from, int to) {
    LocalDateTime start = LocalDateTime.of(2024, 5, 1, 12, 0);
    for (int i = from; i < to; i++) {
      String ts = start.plusSeconds(5L * i).toString().replace('T', ' ');
      kafka.produce(topic, i % 2, "{\"user_name\": \"u" + i % 3 + "\", \"url\": \"/p/" + i + "\", \"ts\": \"" + ts + "\"}");
    }
  }

  private static String clicksDdl(String topic) {
    return "CREATE TABLE clicks (user_name VARCHAR, url VARCHAR, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)"
        + " WITH ('connector' = 'kafka', 'topic' = '" + topic + "', 'properties.bootstrap.servers' = '" + kafka.bootstrapServers()
        + "', 'scan.startup.mode' = 'earliest-offset', 'format' = 'json')";
  }

  private static Map<String, String> jdbcOptions(String table) {
    return Map.of("connector", "jdbc", "url", postgres.jdbcUrl(), "table-name", table, "username", postgres.user());
  }

  private static String perMinuteDdl(String table) {
    StringBuilder with = new StringBuilder();
    jdbcOptions(table).forEach((k, v) -> with.append(with.length() == 0 ? "" : ", ").append('\'').append(k).append("' = '").append(v).append('\''));
    return "CREATE TABLE per_minute (window_start TIMESTAMP(3), window_end TIMESTAMP(3), user_name VARCHAR, clicks BIGINT) WITH ("
        + with + ")";
  }

  /** An engine with the source and sink tables declared and the checkpoint location set. */
  private static SluiceEngine engine(String topic, String table, Path checkpoint) {
    SluiceEngine engine = SluiceEngine.open();
    engine.execute(clicksDdl(topic));
    engine.execute(perMinuteDdl(table));
    engine.execute("SET 'checkpoint.location' = '" + checkpoint + "'");
    return engine;
  }

  private static StreamingQuery insert(SluiceEngine engine) {
    return engine.execute("INSERT INTO per_minute " + PER_MINUTE).query();
  }

  private static List<List<String>> contents(String table) throws Exception {
    return postgres.query("SELECT window_start, window_end, user_name, clicks FROM " + table + " ORDER BY 1, 3");
  }

  private static void createResultTable(String table) throws Exception {
    postgres.execute("CREATE TABLE " + table + " (window_start TIMESTAMP(3), window_end TIMESTAMP(3), user_name TEXT, clicks BIGINT)");
  }

  @Test
  void aQueryStoppedAndCrashedMidwayLeavesTheTableAsAnUninterruptedRunDoes() throws Exception {
    kafka.createTopic("clicks-whole", 2);
    kafka.createTopic("clicks-interrupted", 2);
    createResultTable("per_minute_whole");
    createResultTable("per_minute_interrupted");

    produceClicks("clicks-whole", 0, CLICKS);
    try (SluiceEngine engine = engine("clicks-whole", "per_minute_whole", checkpoints.resolve("whole"))) {
      StreamingQuery query = insert(engine);
      query.processAllAvailable();
      query.stop();
    }
    List<List<String>> uninterrupted = contents("per_minute_whole");
    // Windows up to the watermark, 12:09:55 - 5 s, are final: 9 minutes, 3 users, 4 clicks each.
    assertEquals(27, uninterrupted.size(), uninterrupted.toString());
    assertTrue(uninterrupted.stream().allMatch(row -> row.get(3).equals("4")), uninterrupted.toString());
    assertEquals(List.of("2024-05-01 12:00:00", "2024-05-01 12:01:00", "u0", "4"), uninterrupted.get(0));

    Path checkpoint = checkpoints.resolve("interrupted");
    produceClicks("clicks-interrupted", 0, 40);
    try (SluiceEngine first = engine("clicks-interrupted", "per_minute_interrupted", checkpoint)) {
      StreamingQuery query = insert(first);
      query.processAllAvailable();
      query.stop(); // a stop between batches
    }
    produceClicks("clicks-interrupted", 40, 80);
    try (SluiceEngine second = engine("clicks-interrupted", "per_minute_interrupted", checkpoint)) {
      // The same query, but its sink crashes right after PostgreSQL committed a batch and before
      // the engine committed it to the checkpoint: the restart redoes that batch.
      TableContext table = new TableContext("per_minute", second.describe("per_minute"),
          new ConnectorOptions("per_minute", jdbcOptions("per_minute_interrupted")), second.connectorServices());
      StreamingQuery crashing = second.query(PER_MINUTE).outputMode(OutputMode.APPEND).checkpointLocation(checkpoint)
          .sink(new CrashOnceSink(new JdbcSink(table), 1, true)).start();
      QueryFailedException crash = assertThrows(QueryFailedException.class, crashing::processAllAvailable);
      assertTrue(crash.getMessage().contains("simulated crash after batch"), crash.getMessage());
    }
    produceClicks("clicks-interrupted", 80, CLICKS);
    try (SluiceEngine third = engine("clicks-interrupted", "per_minute_interrupted", checkpoint)) {
      StreamingQuery query = insert(third);
      query.processAllAvailable();
      query.stop();
    }
    assertEquals(uninterrupted, contents("per_minute_interrupted"));
  }

  @Test
  void updateModeUpsertsByThePrimaryKeyAndDeletesRowsThatLeaveTheResult() throws Exception {
    postgres.execute("CREATE TABLE rare_words (word TEXT PRIMARY KEY, cnt BIGINT)");
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute("CREATE TABLE words (word VARCHAR) WITH ('connector' = 'memory')");
      engine.execute("CREATE TABLE rare (word VARCHAR, cnt BIGINT, PRIMARY KEY (word) NOT ENFORCED) WITH ('connector' = 'jdbc', 'url' = '"
          + postgres.jdbcUrl() + "', 'table-name' = 'rare_words', 'username' = 'postgres')");
      engine.execute("SET 'output.mode' = 'update'");
      StreamingQuery query =
          engine.execute("INSERT INTO rare SELECT word, COUNT(*) AS cnt FROM words GROUP BY word HAVING COUNT(*) < 3").query();
      engine.memoryTables().append("words", rows("cat", "dog", "cat"));
      query.processAllAvailable();
      assertEquals(List.of(List.of("cat", "2"), List.of("dog", "1")), postgres.query("SELECT word, cnt FROM rare_words ORDER BY word"));
      engine.memoryTables().append("words", rows("cat", "owl", "dog"));
      query.processAllAvailable();
      assertEquals(List.of(List.of("dog", "2"), List.of("owl", "1")), postgres.query("SELECT word, cnt FROM rare_words ORDER BY word"),
          "cat reached 3 and left the result");
      query.stop();
    }
  }

  private static List<Object[]> rows(String... words) {
    List<Object[]> rows = new ArrayList<>();
    for (String w : words) rows.add(new Object[] {w});
    return rows;
  }
}
