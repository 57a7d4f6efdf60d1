package dev.sluice.connectors.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Features;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka (KRaft, broker and controller in one) in this JVM, on free loopback
 * ports, with its log in a temporary directory deleted on {@link #close()}. Start one per test
 * class; everything it needs comes from the {@code kafka_2.13} artifact.
 */
public final class KafkaTestBroker implements AutoCloseable {
  private final Path logDir;
  private final KafkaConfig config;
  /** The running server; null while {@link #stop()}ped. */
  private KafkaRaftServer server;
  private final String bootstrapServers;

  private KafkaTestBroker(Path logDir, KafkaConfig config, KafkaRaftServer server, String bootstrapServers) {
    this.logDir = logDir;
    this.config = config;
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /** Formats a fresh log directory and starts the broker; returns once it answers. */
  public static KafkaTestBroker start() throws Exception {
    return start(freePort());
  }

  /**
   * As {@link #start()}, listening on {@code brokerPort}: a port a client was pointed at while
   * nothing listened there ({@link #closedLoopbackPort()}), to test an outage that ends.
   */
  public static KafkaTestBroker start(int brokerPort) throws Exception {
    Path logDir = Files.createTempDirectory("sluice-kafka-");
    int controllerPort = freePort();
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", logDir.toString());
    props.put("auto.create.topics.enable", "false");
    props.put("num.partitions", "1");
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("log.flush.interval.messages", "1000000");
    KafkaConfig config = new KafkaConfig(props, false);
    new Formatter()
        .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
        .setNodeId(1)
        .setClusterId(Uuid.randomUuid().toString())
        .setDirectories(List.of(logDir.toString()))
        .setMetadataLogDirectory(logDir.toString())
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
        .setSupportedFeatures(Features.PRODUCTION_FEATURES)
        .setControllerListenerName("CONTROLLER")
        .run();
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    KafkaTestBroker broker = new KafkaTestBroker(logDir, config, server, "127.0.0.1:" + brokerPort);
    broker.awaitAnswer();
    return broker;
  }

  private void awaitAnswer() throws Exception {
    try (Admin admin = admin()) {
      admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  /** Shuts the broker down and keeps its log: its ports are closed until {@link #restart()}. */
  public void stop() {
    server.shutdown();
    server.awaitShutdown();
    server = null;
  }

  /** Starts a {@link #stop()}ped broker again on its ports, with the topics and records it had. */
  public void restart() throws Exception {
    server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    awaitAnswer();
  }

  /** A loopback port nothing listens on now: brokers there "do not answer" until one starts on it. */
  public static int closedLoopbackPort() throws IOException {
    return freePort();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public Admin admin() {
    return Admin.create(Map.of("bootstrap.servers", bootstrapServers));
  }

  public void createTopic(String topic, int partitions) throws Exception {
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
    }
  }

  /** Sends the values to {@code partition} of {@code topic}, in order, without keys, and waits for them. */
  public void produce(String topic, int partition, String... values) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (String v : values) {
      records.add(new ProducerRecord<>(topic, partition, null, v == null ? null : v.getBytes(StandardCharsets.UTF_8)));
    }
    produce(records);
  }

  public void produce(List<ProducerRecord<byte[], byte[]>> records) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (ProducerRecord<byte[], byte[]> r : records) sent.add(producer.send(r));
      for (java.util.concurrent.Future<?> f : sent) f.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Could not produce to the test broker: " + e.getMessage(), e);
    }
  }

  /** Every record of {@code topic} now, in partition then offset order. */
  public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, boolean committedOnly) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
    List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) throw new IllegalStateException("Could not read topic " + topic + " to its end");
        consumer.poll(Duration.ofMillis(100)).forEach(all::add);
      }
    }
    all.sort(Comparator.comparing((ConsumerRecord<byte[], byte[]> r) -> r.partition()).thenComparing(ConsumerRecord::offset));
    return all;
  }

  @Override
  public void close() {
    if (server != null) stop();
    try (Stream<Path> files = Files.walk(logDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
