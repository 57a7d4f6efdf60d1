package dev.sluice.connectors.kafka;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.spi.Sink;
import dev.sluice.runtime.spi.SinkContext;
import dev.sluice.runtime.spi.TableContext;
import dev.sluice.runtime.type.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes one record per result row to one topic, the value as the table's value format (JSON
 * unless it says otherwise). In update mode the record key is the result key as a JSON object
 * (the whole row when the result has no narrower key) and a row that left the result is a
 * tombstone, a record with that key and no value; with {@code 'key.fields'} the key is those
 * columns in {@code 'key.format'}, in every mode. A {@code METADATA FROM 'timestamp'} column sets
 * the record timestamp; other metadata columns are not written.
 *
 * <p><b>Exactly-once</b> ({@code 'sink.delivery-guarantee' = 'exactly-once'}, the default): each
 * batch is one Kafka transaction, under the transactional id {@code <prefix>-<query id>} (prefix
 * {@code 'sink.transactional-id-prefix'}, by default {@code sluice-<table>}). The transaction also
 * commits, for the consumer group named like the transactional id, the batch id as the "offset" of
 * the topic's partition 0. That group offset is the sink's bookkeeping: it becomes visible exactly
 * when the batch's records do, and before its first write the sink reads it back to skip a batch id it already
 * committed (the engine repeats the last batch when it restarts after writing it but before its
 * own commit). The offset's metadata, {@code sluice batch <id> input <digest>}, holds the digest of
 * the batch's input ranges, so the last batch repeated over other input (a query on an older copy
 * of its checkpoint) is refused instead of skipped. Readers see the records once with {@code isolation.level = read_committed}. The
 * group holds no members, so Kafka expires its offset after {@code offsets.retention.minutes}
 * (7 days by default) without a new batch; a query stopped for longer may write its last batch
 * again on restart.
 *
 * <p><b>At-least-once</b>: plain idempotent sends, flushed at the end of every batch; a repeated
 * batch is written again.
 */
public final class KafkaSink implements Sink {
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
  private static final long ADMIN_TIMEOUT_SECONDS = 60;

  private final String table;
  private final String topic;
  private final KafkaTableOptions options;
  private final RecordLayout layout;
  private final List<Field> fields;

  private SinkContext context;
  /** Set by {@link #open}; the producer is made from it before the first write. */
  private Map<String, Object> producerConfig;
  private KafkaProducer<byte[], byte[]> producer;
  private JsonFieldsFormat resultKey;
  private String transactionalId;
  /** The last batch id this sink's transactional id committed; -1 before the first. */
  private long lastCommittedBatch = -1;
  /** The input digest the last committed batch recorded, null when it recorded none. */
  private String lastCommittedDigest;
  private boolean firstWrite = true;

  public KafkaSink(TableContext context) {
    this.table = context.tableName();
    this.options = KafkaTableOptions.of(context.options());
    if (options.topics.size() != 1) {
      throw new IllegalArgumentException(
          "Kafka table '" + table + "' names " + options.topics.size() + " topics; a table written by a query needs exactly one 'topic'");
    }
    this.topic = options.topics.get(0);
    this.layout = RecordLayout.of(context, options);
    this.fields = context.schema().fields();
  }

  @Override
  public void open(SinkContext context) {
    this.context = context;
    if (context.mode() == OutputMode.UPDATE && layout.key == null) {
      int[] keys = context.keyColumns();
      if (keys == null) {
        keys = new int[fields.size()];
        for (int i = 0; i < keys.length; i++) keys[i] = i;
      }
      List<Field> keyFields = new ArrayList<>();
      for (int k : keys) keyFields.add(fields.get(k));
      resultKey = new JsonFieldsFormat(keyFields, keys, options.valueJson);
    }
    producerConfig = new HashMap<>(options.clientProperties);
    producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "sluice-sink-" + table);
    if (options.exactlyOnce) {
      transactionalId = options.transactionalIdPrefix + "-" + context.queryId();
      producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    }
  }

  /**
   * Makes the producer before the first batch is written, not when the query opens the sink, so a
   * query starts (and resumes) while the brokers do not answer: its sources ride the outage out,
   * and the first write, which needs the brokers, comes once there is something to write.
   */
  private void startProducer() {
    producer = new KafkaProducer<>(producerConfig);
    if (options.exactlyOnce) {
      try {
        // Fences an earlier incarnation of this query and aborts its open transaction, if any.
        producer.initTransactions();
        lastCommittedBatch = readLastCommittedBatch();
      } catch (RuntimeException e) {
        close();
        throw new IllegalStateException(
            "Kafka sink of table '" + table + "' could not start its transactions as '" + transactionalId + "' at the brokers "
                + bootstrapServers() + ": " + e.getMessage(), e);
      }
    }
  }

  /** The batch id the bookkeeping group holds for this transactional id, or -1. */
  private long readLastCommittedBatch() {
    try (Admin admin = Admin.create(new HashMap<>(options.clientProperties))) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(transactionalId, new ListConsumerGroupOffsetsOptions().requireStable(true))
              .partitionsToOffsetAndMetadata()
              .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      OffsetAndMetadata marker = offsets.get(markerPartition());
      lastCommittedDigest = marker == null ? null : digestOf(marker.metadata());
      return marker == null ? -1 : marker.offset();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the last committed batch of group '" + transactionalId + "': " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the last committed batch", e);
    }
  }

  private static final String DIGEST_MARK = " input ";

  /** The input digest in a marker's metadata, null in one written before digests were. */
  private static String digestOf(String metadata) {
    int at = metadata == null ? -1 : metadata.indexOf(DIGEST_MARK);
    return at < 0 ? null : metadata.substring(at + DIGEST_MARK.length());
  }

  private TopicPartition markerPartition() {
    return new TopicPartition(topic, 0);
  }

  @Override
  public void write(long batchId, RowBatch rows) {
    if (producerConfig == null) throw new IllegalStateException("Kafka sink of table '" + table + "' was written before open");
    if (producer == null) startProducer();
    String inputDigest = context.status().get().inputDigest();
    if (options.exactlyOnce && alreadyCommitted(batchId, inputDigest)) return;
    try {
      if (options.exactlyOnce) producer.beginTransaction();
      List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        ProducerRecord<byte[], byte[]> record = record(rows.kind(i), rows.row(i));
        if (record != null) sends.add(producer.send(record));
      }
      if (options.exactlyOnce) {
        producer.sendOffsetsToTransaction(
            Map.of(markerPartition(), new OffsetAndMetadata(batchId,
                "sluice batch " + batchId + (inputDigest == null ? "" : DIGEST_MARK + inputDigest))),
            new ConsumerGroupMetadata(transactionalId));
        producer.commitTransaction();
      } else {
        producer.flush();
        for (Future<RecordMetadata> send : sends) send.get();
      }
      lastCommittedBatch = batchId;
      lastCommittedDigest = inputDigest;
    } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
      throw failure(batchId, e);
    } catch (KafkaException e) {
      if (options.exactlyOnce) abort();
      throw failure(batchId, e);
    } catch (ExecutionException e) {
      throw failure(batchId, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (options.exactlyOnce) abort();
      throw failure(batchId, e);
    }
  }

  /**
   * Whether {@code batchId} was committed before. The first batch after a restart from the
   * checkpoint is the last committed one again or the one after it; a first batch below the
   * recorded one means the bookkeeping belongs to another run of a query with the same id (one
   * started without its checkpoint), which is written, not skipped. The last committed batch
   * repeated over other input than it recorded is refused: skipping it would lose its rows.
   */
  private boolean alreadyCommitted(long batchId, String inputDigest) {
    boolean first = firstWrite;
    firstWrite = false;
    if (first && batchId < lastCommittedBatch) {
      lastCommittedBatch = -1;
      return false;
    }
    if (batchId == lastCommittedBatch && lastCommittedDigest != null && inputDigest != null && !lastCommittedDigest.equals(inputDigest)) {
      throw new IllegalStateException(
          "Kafka sink of table '" + table + "' committed batch " + batchId + " to topic '" + topic + "' over other input (digest "
              + lastCommittedDigest + ", in the offset of group '" + transactionalId + "') than the query runs it over now (digest "
              + inputDigest + "): the query's checkpoint is not the one that wrote this batch, or an older copy of it, and skipping"
              + " the batch would lose its rows. Restart it with the checkpoint that wrote these records");
    }
    return batchId <= lastCommittedBatch;
  }

  private ProducerRecord<byte[], byte[]> record(RowKind kind, Object[] row) {
    boolean delete = kind == RowKind.DELETE;
    if (kind == RowKind.UPDATE_BEFORE || (delete && context.mode() != OutputMode.UPDATE)) return null;
    byte[] key = layout.key != null ? layout.key.encode(row) : resultKey != null ? resultKey.encode(row) : null;
    byte[] value = delete || layout.value == null ? null : layout.value.encode(row);
    int timestampAt = layout.timestampPosition();
    Long timestamp = timestampAt >= 0 && row[timestampAt] instanceof Number n ? n.longValue() : null;
    return new ProducerRecord<>(topic, null, timestamp, key, value);
  }

  private void abort() {
    try {
      producer.abortTransaction();
    } catch (KafkaException ignored) {
      // The producer is unusable; the failure below stops the query, and a restart fences it.
    }
  }

  private IllegalStateException failure(long batchId, Throwable cause) {
    return new IllegalStateException(
        "Kafka sink of table '" + table + "' could not write batch " + batchId + " to topic '" + topic + "' at the brokers "
            + bootstrapServers() + ": " + cause.getMessage(), cause);
  }

  private Object bootstrapServers() {
    return options.clientProperties.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close(CLOSE_TIMEOUT);
      producer = null;
    }
  }
}
