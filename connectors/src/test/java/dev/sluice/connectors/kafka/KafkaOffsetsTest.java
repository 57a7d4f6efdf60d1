package dev.sluice.connectors.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** How a batch's bound is split over partitions, over many random backlogs. */
class KafkaOffsetsTest {
  @Test
  void sharesAddUpToTheBoundFollowEachBacklogAndGiveEveryBackloggedPartitionOne() {
    Random random = new Random(16);
    for (int trial = 0; trial < 5_000; trial++) {
      int partitions = 1 + random.nextInt(12);
      Map<TopicPartition, Long> from = new TreeMap<>(KafkaOffsets::compare);
      Map<TopicPartition, Long> to = new TreeMap<>(KafkaOffsets::compare);
      long total = 0;
      int behind = 0;
      for (int p = 0; p < partitions; p++) {
        TopicPartition tp = new TopicPartition(p % 3 == 0 ? "a" : "b", p);
        long start = random.nextInt(1_000_000);
        long backlog = random.nextInt(4) == 0 ? 0 : random.nextInt(random.nextBoolean() ? 5 : 100_000);
        from.put(tp, start);
        to.put(tp, start + backlog);
        total += backlog;
        if (backlog > 0) behind++;
      }
      long max = 1 + random.nextInt(random.nextBoolean() ? 20 : 200_000);
      Map<TopicPartition, Long> end = KafkaOffsets.limit(from, to, max);
      String what = "from " + from + " to " + to + " at most " + max + ": " + end;
      assertEquals(to.keySet(), end.keySet(), what);
      long read = 0;
      boolean raised = false;
      for (TopicPartition tp : to.keySet()) {
        long backlog = to.get(tp) - from.get(tp);
        long share = end.get(tp) - from.get(tp);
        read += share;
        assertTrue(share >= 0 && share <= backlog, what);
        if (backlog > 0) assertTrue(share >= 1, "every partition behind reads: " + what);
        if (total > max && (double) max * backlog / total < 1) raised = true;
      }
      assertEquals(total <= max ? total : Math.max(max, behind), read, "the bound is the batch's size: " + what);
      if (total > max && !raised) {
        for (TopicPartition tp : to.keySet()) {
          double fair = (double) max * (to.get(tp) - from.get(tp)) / total;
          assertTrue(Math.abs(end.get(tp) - from.get(tp) - fair) < 1, "in proportion to the backlog: " + what);
        }
      }
    }
  }
}
