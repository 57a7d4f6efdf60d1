package dev.sluice.engine.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.connectors.kafka.KafkaTestBroker;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.runtime.progress.QueryProgress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka brokers that do not answer are ridden out: a query starts, and resumes from its
 * checkpoint, anyway, shows the problem with the bootstrap servers as its source's status, and
 * reads once a broker answers. The outage is a closed loopback port where a broker starts later.
 */
class KafkaOutageTest {
  private static final String COPY = "INSERT INTO copied SELECT line FROM lines";

  @TempDir Path checkpoint;
  private SluiceEngine engine;
  private int port;

  @BeforeEach
  void openEngine() throws Exception {
    port = KafkaTestBroker.closedLoopbackPort();
    engine = SluiceEngine.open();
    engine.executeScript("""
        CREATE TABLE lines (line VARCHAR) WITH ('connector' = 'kafka', 'topic' = 'lines', 'format' = 'raw',
          'properties.bootstrap.servers' = '127.0.0.1:%d', 'scan.startup.mode' = 'earliest-offset');
        CREATE TABLE copied (line VARCHAR) WITH ('connector' = 'memory');
        SET 'checkpoint.location' = '%s';
        """.formatted(port, checkpoint.toString().replace("'", "''")));
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  private List<String> copied() {
    List<String> lines = new ArrayList<>();
    var sinks = engine.connectorServices().get(dev.sluice.connectors.memory.MemorySinkTables.class,
        dev.sluice.connectors.memory.MemorySinkTables::new);
    for (Object[] row : sinks.contents("copied")) lines.add((String) row[0]);
    return lines;
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
      Thread.sleep(100);
    }
  }

  /** The status the query's source reports, once an (idle) progress report carries one. */
  private String awaitStatus(StreamingQuery query) throws InterruptedException {
    await("the source reports a status", () -> {
      QueryProgress progress = query.lastProgress();
      return progress != null && progress.sources().get(0).status() != null;
    });
    return query.lastProgress().sources().get(0).status();
  }

  @Test
  void aQueryIntoAKafkaSinkStartsWhileItsBrokersDoNotAnswerAndWritesOnceOneDoes() throws Exception {
    engine.execute("CREATE TABLE echoed (line VARCHAR) WITH ('connector' = 'kafka', 'topic' = 'echoed', 'format' = 'raw', "
        + "'properties.bootstrap.servers' = '127.0.0.1:" + port + "', 'properties.max.block.ms' = '5000')");
    StreamingQuery query = engine.execute("INSERT INTO echoed SELECT line FROM lines").query();
    assertTrue(query.isActive(), "the query started although no broker answers its source or its sink");
    assertTrue(awaitStatus(query).contains("127.0.0.1:" + port));
    try (KafkaTestBroker broker = KafkaTestBroker.start(port)) {
      broker.createTopic("lines", 1);
      broker.createTopic("echoed", 1);
      broker.produce("lines", 0, "a");
      await("the record reaches the sink's topic", () -> broker.readAll("echoed", true).size() == 1);
      query.stop();
      assertEquals("a", new String(broker.readAll("echoed", true).get(0).value(), java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  @Test
  void aQueryStartsAndResumesWhileItsBrokersDoNotAnswerAndReadsOnceOneDoes() throws Exception {
    StreamingQuery first = engine.execute(COPY).query();
    assertTrue(first.isActive(), "the query started although no broker answers");
    String status = awaitStatus(first);
    assertTrue(status.contains("do not answer") && status.contains("127.0.0.1:" + port), status);
    try (KafkaTestBroker broker = KafkaTestBroker.start(port)) {
      broker.createTopic("lines", 1);
      broker.produce("lines", 0, "a", "b");
      await("both records are copied", () -> copied().size() == 2);
      first.stop();

      // The broker goes down: the query resumes from its checkpointed offsets without asking where to start.
      broker.stop();
      StreamingQuery resumed = engine.execute(COPY).query();
      assertTrue(resumed.isActive(), "the query resumed although no broker answers");
      assertTrue(awaitStatus(resumed).contains("127.0.0.1:" + port));
      broker.restart();
      broker.produce("lines", 0, "c");
      await("the record after the checkpointed offsets is copied", () -> copied().size() >= 3);
      resumed.stop();
    }
    assertEquals(List.of("a", "b", "c"), copied(), "the resumed query read on from its checkpointed offsets, each record once");
  }
}
