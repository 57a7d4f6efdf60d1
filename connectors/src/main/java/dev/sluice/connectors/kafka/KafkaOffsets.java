package dev.sluice.connectors.kafka;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

  /**
   * The ends of a batch from {@code from} towards {@code to} that reads at most {@code maxRecords}
   * records in all, as Spark's {@code maxOffsetsPerTrigger} splits them: each partition's share is
   * in proportion to its backlog, rounded by largest remainder so the shares add up to the bound,
   * and every partition with a backlog reads at least one record, so none waits behind busier ones.
   * With more such partitions than {@code maxRecords}, the batch reads one record from each.
   *
   * @param from the position of every partition of {@code to}
   */
  static Map<TopicPartition, Long> limit(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, long maxRecords) {
    Map<TopicPartition, Long> backlogs = new TreeMap<>(KafkaOffsets::compare);
    BigInteger total = BigInteger.ZERO;
    for (Map.Entry<TopicPartition, Long> partition : to.entrySet()) {
      long backlog = partition.getValue() - from.get(partition.getKey());
      if (backlog <= 0) continue;
      backlogs.put(partition.getKey(), backlog);
      total = total.add(BigInteger.valueOf(backlog));
    }
    Map<TopicPartition, Long> end = new TreeMap<>(KafkaOffsets::compare);
    end.putAll(to);
    if (total.compareTo(BigInteger.valueOf(maxRecords)) <= 0) return end;

    long budget = Math.max(maxRecords, backlogs.size());
    Map<TopicPartition, Long> shares = new TreeMap<>(KafkaOffsets::compare);
    Map<TopicPartition, BigInteger> remainders = new TreeMap<>(KafkaOffsets::compare);
    long assigned = 0;
    for (Map.Entry<TopicPartition, Long> partition : backlogs.entrySet()) {
      // Exact arithmetic: the bound times a backlog can pass a long, and rounding must not pass the bound.
      BigInteger[] share = BigInteger.valueOf(maxRecords).multiply(BigInteger.valueOf(partition.getValue())).divideAndRemainder(total);
      long whole = share[0].longValueExact();
      if (whole == 0) {
        whole = 1; // raised to one record: its remainder is spent
      } else {
        remainders.put(partition.getKey(), share[1]);
      }
      shares.put(partition.getKey(), whole);
      assigned += whole;
    }
    List<TopicPartition> byRemainder = new ArrayList<>(remainders.keySet());
    byRemainder.sort(Comparator.comparing(remainders::get, Comparator.reverseOrder())); // stable: ties in partition order
    for (int i = 0; assigned < budget; i++, assigned++) shares.merge(byRemainder.get(i), 1L, Long::sum);
    // Partitions raised to one record took more than the remainders held: take it back from the largest shares.
    while (assigned > budget) {
      TopicPartition largest = null;
      for (Map.Entry<TopicPartition, Long> share : shares.entrySet()) {
        if (largest == null || share.getValue() > shares.get(largest)) largest = share.getKey();
      }
      shares.merge(largest, -1L, Long::sum);
      assigned--;
    }
    shares.forEach((tp, share) -> end.put(tp, from.get(tp) + share));
    return end;
  }

  static int compare(TopicPartition a, TopicPartition b) {
    int byTopic = a.topic().compareTo(b.topic());
    return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
  }
}
