package dev.sluice.connectors.kafka;

import dev.sluice.connectors.format.MalformedRecordException;
import dev.sluice.connectors.format.MalformedRecords;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.Source;
import dev.sluice.runtime.spi.TableContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the records of one or more topics by offset range. The offsets live in the query's
 * checkpoint, as {@link KafkaOffsets} text; nothing is committed to a consumer group, so a range
 * is read again the same after a restart ({@code assign} and {@code seek}, never {@code
 * subscribe}), and {@code 'properties.group.id'}, when set, is only passed to the client.
 *
 * <p>A batch reads at most {@code 'max-rows-per-trigger'} records (default {@value
 * KafkaTableOptions#DEFAULT_MAX_ROWS_PER_TRIGGER}), split over the partitions in proportion to
 * their backlogs, so a backlog is worked off in bounded batches. Partitions that appear while the
 * query runs are read from their beginning. Unless the properties say otherwise the consumer reads
 * with {@code isolation.level = read_committed}, so records of aborted transactions (a Kafka
 * sink's batch that failed) are never read.
 *
 * <p>Brokers that do not answer are ridden out: the query starts, and resumes from its checkpoint,
 * anyway; the source offers its last known offsets (none before the brokers first answered), asks
 * again with a backoff and reports the problem, naming the bootstrap servers, as its {@link
 * #status()}.
 *
 * <p>A record whose key or value does not decode is dealt with as {@code 'on-error'} says ({@link
 * MalformedRecords}): counted in {@link #malformedRows()} and skipped (the default), routed to the
 * {@code 'dead-letter.table'}, or, with {@code 'fail'}, the query stops with its topic, partition,
 * offset and the reason. A record without a value (a tombstone) is no row and not malformed.
 */
public final class KafkaSource implements Source {
  /** How long a read may go without any record or progress before the broker counts as gone. */
  private static final Duration STALL_LIMIT = Duration.ofSeconds(60);

  private static final Duration POLL = Duration.ofMillis(100);
  /** How long one look-up of partitions or end offsets may wait for the brokers. */
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);
  private static final long MAX_BACKOFF_MILLIS = 30_000;
  private static final System.Logger LOG = System.getLogger(KafkaSource.class.getName());

  private final String table;
  private final KafkaTableOptions options;
  private final RecordLayout layout;
  private final Map<String, Object> consumerConfig;
  private final MalformedRecords malformed;
  private KafkaConsumer<byte[], byte[]> consumer;
  /**
   * The latest offsets the brokers last told, offered again while they do not answer; null before
   * they first answered, which tells the query that this source has nothing to offer yet.
   */
  private String lastLatest;
  /** Whether {@link #initialOffset()} could not ask the brokers where to start. */
  private boolean startUnresolved;
  private long retryAt;
  private long backoffMillis;
  private String brokerProblem;

  public KafkaSource(TableContext context) {
    this.table = context.tableName();
    this.options = KafkaTableOptions.of(context.options());
    this.layout = RecordLayout.of(context, options);
    this.malformed = MalformedRecords.of(context);
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    config.putAll(options.clientProperties);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "sluice-source-" + table);
    this.consumerConfig = config;
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    if (consumer == null) consumer = new KafkaConsumer<>(consumerConfig);
    return consumer;
  }

  /**
   * Where a new query starts, as {@code 'scan.startup.mode'} says. When the brokers do not answer,
   * {@link KafkaOffsets#UNRESOLVED_START}, so the query starts anyway and shows the problem as its
   * status; {@link #latestOffset()} resolves the position once they answer.
   */
  @Override
  public String initialOffset() {
    try {
      return startupOffsets();
    } catch (org.apache.kafka.common.KafkaException e) {
      brokersDoNotAnswer(e);
      startUnresolved = true;
      return KafkaOffsets.UNRESOLVED_START;
    }
  }

  private String startupOffsets() {
    List<TopicPartition> partitions = partitions();
    Map<TopicPartition, Long> offsets = new TreeMap<>(KafkaOffsets::compare);
    switch (options.startupMode) {
      case EARLIEST_OFFSET -> offsets.putAll(consumer().beginningOffsets(partitions, ASK_TIMEOUT));
      case LATEST_OFFSET -> offsets.putAll(consumer().endOffsets(partitions, ASK_TIMEOUT));
      case SPECIFIC_OFFSETS -> {
        offsets.putAll(consumer().beginningOffsets(partitions, ASK_TIMEOUT));
        String topic = options.topics.get(0);
        options.specificOffsets.forEach((partition, offset) -> {
          TopicPartition tp = new TopicPartition(topic, partition);
          if (!offsets.containsKey(tp)) {
            throw new IllegalArgumentException(
                "'scan.startup.specific-offsets' of Kafka table '" + table + "' names partition " + partition + " of topic '"
                    + topic + "', which has " + partitions.size() + " partitions");
          }
          offsets.put(tp, offset);
        });
      }
    }
    lastLatest = KafkaOffsets.format(offsets);
    return lastLatest;
  }

  /**
   * The end offsets of every partition. While the brokers do not answer, the last ones known,
   * asked again with a backoff from 1 s to 30 s, and the problem reported as the source's status;
   * the query waits instead of failing or skipping data.
   */
  @Override
  public String latestOffset() {
    long now = System.currentTimeMillis();
    if (brokerProblem != null && now < retryAt) return lastLatest;
    try {
      if (startUnresolved) {
        lastLatest = startupOffsets();
        startUnresolved = false;
      } else {
        Map<TopicPartition, Long> offsets = new TreeMap<>(KafkaOffsets::compare);
        offsets.putAll(consumer().endOffsets(partitions(), ASK_TIMEOUT));
        lastLatest = KafkaOffsets.format(offsets);
      }
      brokerProblem = null;
      backoffMillis = 0;
    } catch (org.apache.kafka.common.KafkaException e) {
      brokersDoNotAnswer(e);
    }
    return lastLatest;
  }

  /** Notes the problem for {@link #status()} and when to ask again: from 1 s, doubling up to 30 s. */
  private void brokersDoNotAnswer(org.apache.kafka.common.KafkaException e) {
    backoffMillis = backoffMillis == 0 ? 1_000 : Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
    retryAt = System.currentTimeMillis() + backoffMillis; // from when the failure is known, not when the look-up began
    brokerProblem = "the Kafka brokers " + bootstrapServers() + " do not answer (" + e.getMessage() + "); retrying in "
        + backoffMillis / 1000 + " s";
    LOG.log(System.Logger.Level.WARNING, "Kafka table ''{0}'': {1}", table, brokerProblem);
  }

  private Object bootstrapServers() {
    return consumerConfig.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
  }

  @Override
  public String status() {
    return brokerProblem;
  }

  /** Every partition of the table's topics; a topic that does not exist (yet) has none. */
  private List<TopicPartition> partitions() {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : options.topics) {
      List<PartitionInfo> infos = consumer().partitionsFor(topic, ASK_TIMEOUT);
      if (infos == null) continue;
      for (PartitionInfo info : infos) partitions.add(new TopicPartition(topic, info.partition()));
    }
    return partitions;
  }

  /**
   * The end of the next batch: the latest offsets, never behind {@code start}, and at most {@code
   * 'max-rows-per-trigger'} records after it, split over the partitions by {@link
   * KafkaOffsets#limit}. The executor logs this end ahead of the read, so a batch redone after a
   * restart reads the same records. A partition the brokers do not list now (its topic not yet
   * visible again after they restarted) keeps its position, where taking the empty answer would
   * later read the partition again from its beginning.
   *
   * @throws IllegalStateException when a partition's end is below the query's position (the topic
   *     was deleted and made again, or truncated): records may be missed, so the query stops, as
   *     Spark's {@code failOnDataLoss} does
   */
  @Override
  public String limitOffset(String start, String latest) {
    if (KafkaOffsets.UNRESOLVED_START.equals(start)) return latest;
    Map<TopicPartition, Long> from = KafkaOffsets.parse(start, table);
    Map<TopicPartition, Long> end = new TreeMap<>(KafkaOffsets::compare);
    end.putAll(from);
    KafkaOffsets.parse(latest, table).forEach((tp, offset) -> {
      Long position = from.get(tp);
      if (position != null && offset < position) {
        throw new IllegalStateException("Kafka table '" + table + "': topic '" + tp.topic() + "' partition " + tp.partition()
            + " at the brokers " + bootstrapServers() + " ends at offset " + offset + ", below the query's position " + position
            + "; the topic was made again or truncated and records may be missed. Start the query without its checkpoint to read "
            + "the topic afresh.");
      }
      end.put(tp, offset);
    });
    return KafkaOffsets.format(KafkaOffsets.limit(positions(from, end), end, options.maxRowsPerTrigger));
  }

  /**
   * The position of every partition of {@code end}: a partition new since {@code from} starts at
   * its beginning, as {@link #read} reads it. When the brokers cannot tell that beginning now, the
   * new partitions are left out of this batch ({@code end} loses them) and read by a later one.
   */
  private Map<TopicPartition, Long> positions(Map<TopicPartition, Long> from, Map<TopicPartition, Long> end) {
    List<TopicPartition> unknown = new ArrayList<>();
    for (TopicPartition tp : end.keySet()) {
      if (!from.containsKey(tp)) unknown.add(tp);
    }
    if (unknown.isEmpty()) return from;
    Map<TopicPartition, Long> positions = new HashMap<>(from);
    try {
      positions.putAll(consumer().beginningOffsets(unknown, ASK_TIMEOUT));
    } catch (org.apache.kafka.common.KafkaException e) {
      brokersDoNotAnswer(e);
      unknown.forEach(end::remove);
    }
    return positions;
  }

  /**
   * Reads the records in the range. From {@link KafkaOffsets#UNRESOLVED_START} nothing is read: that
   * batch only carries the query to its startup position. A look-up that fails names the brokers.
   */
  @Override
  public void read(String start, String end, RowBatch out) {
    if (KafkaOffsets.UNRESOLVED_START.equals(start)) return;
    try {
      readRange(start, end, out);
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw new IllegalStateException("Kafka table '" + table + "' could not read offsets " + start + " to " + end + ": the brokers "
          + bootstrapServers() + " did not answer (" + e.getMessage() + "). Restart the query once they are back; it resumes "
          + "from its checkpoint.", e);
    }
  }

  private void readRange(String start, String end, RowBatch out) {
    Map<TopicPartition, Long> from = KafkaOffsets.parse(start, table);
    Map<TopicPartition, Long> to = KafkaOffsets.parse(end, table);
    List<TopicPartition> unknown = new ArrayList<>();
    for (TopicPartition tp : to.keySet()) {
      if (!from.containsKey(tp)) unknown.add(tp);
    }
    if (!unknown.isEmpty()) from.putAll(consumer().beginningOffsets(unknown));
    Map<TopicPartition, Long> ranges = new TreeMap<>(KafkaOffsets::compare);
    to.forEach((tp, last) -> {
      if (from.get(tp) < last) ranges.put(tp, last);
    });
    if (ranges.isEmpty()) return;
    KafkaConsumer<byte[], byte[]> c = consumer();
    c.assign(ranges.keySet());
    for (TopicPartition tp : ranges.keySet()) c.seek(tp, from.get(tp));
    Set<TopicPartition> open = new HashSet<>(ranges.keySet());
    long stalledSince = System.nanoTime();
    while (!open.isEmpty()) {
      ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
      boolean progress = !records.isEmpty();
      for (TopicPartition tp : records.partitions()) {
        long last = ranges.get(tp);
        for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
          if (record.offset() >= last) break;
          accept(record, out);
        }
      }
      for (TopicPartition tp : List.copyOf(open)) {
        // The position also passes transaction markers and aborted records, which poll never returns.
        if (c.position(tp) >= ranges.get(tp)) {
          open.remove(tp);
          c.pause(List.of(tp));
          progress = true;
        }
      }
      if (progress) {
        stalledSince = System.nanoTime();
      } else if (System.nanoTime() - stalledSince > STALL_LIMIT.toNanos()) {
        throw new IllegalStateException(
            "Kafka table '" + table + "' could not read " + describe(open, from, ranges) + " for " + STALL_LIMIT.toSeconds()
                + " s; is the broker at '" + bootstrapServers() + "' up?");
      }
    }
    c.assign(List.of());
  }

  private static String describe(Set<TopicPartition> open, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
    List<String> parts = new ArrayList<>();
    for (TopicPartition tp : open) {
      parts.add("topic '" + tp.topic() + "' partition " + tp.partition() + " offsets [" + from.get(tp) + ", " + to.get(tp) + ")");
    }
    return String.join(", ", parts);
  }

  private void accept(ConsumerRecord<byte[], byte[]> record, RowBatch out) {
    Object[] row;
    try {
      row = layout.decode(record);
    } catch (MalformedRecordException e) {
      String location = "topic '" + record.topic() + "' partition " + record.partition() + " offset " + record.offset();
      malformed.handle(text(e.reason().startsWith("key: ") ? record.key() : record.value()), location, e.reason());
      return;
    }
    if (row != null) out.insert(row);
  }

  private static String text(byte[] bytes) {
    return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public boolean isReplayable() {
    return true;
  }

  @Override
  public long malformedRows() {
    return malformed.count();
  }

  @Override
  public void close() {
    if (consumer != null) {
      consumer.close(Duration.ofSeconds(5));
      consumer = null;
    }
  }
}
