package dev.sluice.connectors.kafka;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * A Kafka source's offset text: per topic, per partition, the offset of the next record to read,
 * as Spark writes it: {@code {"orders":{"0":42,"1":300}}}. Topics and partitions are sorted, so
 * the same positions always give the same text and the engine can compare them.
 */
final class KafkaOffsets {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<TreeMap<String, TreeMap<String, Long>>> SHAPE = new TypeReference<>() {};

  /**
   * The start of a new query whose brokers did not answer when it started: no position yet. Once
   * they answer, the source offers the startup position ({@code 'scan.startup.mode'}) as its
   * latest offset, and the batch from here to there reads nothing, so the position is in the
   * checkpoint before any record is read.
   */
  static final String UNRESOLVED_START = "{\"startup\":\"not yet resolved\"}";

  private KafkaOffsets() {}

  static String format(Map<TopicPartition, Long> offsets) {
    StringBuilder sb = new StringBuilder("{");
    Map<String, TreeMap<Integer, Long>> byTopic = new TreeMap<>();
    offsets.forEach((tp, offset) -> byTopic.computeIfAbsent(tp.topic(), t -> new TreeMap<>()).put(tp.partition(), offset));
    boolean firstTopic = true;
    for (Map.Entry<String, TreeMap<Integer, Long>> topic : byTopic.entrySet()) {
      if (!firstTopic) sb.append(',');
      firstTopic = false;
      try {
        sb.append(JSON.writeValueAsString(topic.getKey()));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      sb.append(":{");
      boolean first = true;
      for (Map.Entry<Integer, Long> partition : topic.getValue().entrySet()) {
        if (!first) sb.append(',');
        first = false;
        sb.append('"').append(partition.getKey()).append("\":").append(partition.getValue());
      }
      sb.append('}');
    }
    return sb.append('}').toString();
  }

  static Map<TopicPartition, Long> parse(String text, String table) {
    try {
      Map<TopicPartition, Long> offsets = new TreeMap<>(KafkaOffsets::compare);
      for (Map.Entry<String, TreeMap<String, Long>> topic : JSON.readValue(text, SHAPE).entrySet()) {
        for (Map.Entry<String, Long> partition : topic.getValue().entrySet()) {
          offsets.put(new TopicPartition(topic.getKey(), Integer.parseInt(partition.getKey())), partition.getValue());
        }
      }
      return offsets;
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an offset of Kafka table '" + table
              + "': expected {\"<topic>\": {\"<partition>\": <offset>, ...}, ...}", e);
    }
  }

  static int compare(TopicPartition a, TopicPartition b) {
    int byTopic = a.topic().compareTo(b.topic());
    return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
  }
}
