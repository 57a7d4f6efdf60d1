package dev.sluice.runtime.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys expire at the time their owner says when due; stale entries are dropped; later times wait again. */
class ExpiryQueueTest {
  @Test
  void dueKeysExpireAtTheirCurrentTimeAndStaleEntriesAreDropped() {
    ExpiryQueue<String> queue = new ExpiryQueue<>();
    Map<String, Long> expiresAt = new HashMap<>(); // the owner's time per key: its live entry
    List<String> expired = new ArrayList<>();
    ExpiryQueue.Owner<String> owner = new ExpiryQueue.Owner<>() {
      @Override
      public long expiresAt(String key, long at) {
        Long now = expiresAt.get(key);
        return now == null ? ExpiryQueue.FORGET : now;
      }

      @Override
      public void expire(String key) {
        expired.add(key);
        expiresAt.remove(key);
      }
    };
    for (String key : List.of("a", "b", "c")) {
      expiresAt.put(key, 100L);
      queue.add(key, 100);
    }
    expiresAt.put("b", 150L); // a newer row moved b later
    expiresAt.remove("c"); // c left by other means
    assertFalse(queue.hasDue(99));
    assertTrue(queue.hasDue(100));
    queue.expire(100, owner);
    assertEquals(List.of("a"), expired);
    assertTrue(queue.hasDue(150), "b waits again at its new time");
    queue.expire(149, owner);
    assertEquals(List.of("a"), expired);
    queue.expire(150, owner);
    assertEquals(List.of("a", "b"), expired);
    assertFalse(queue.hasDue(Long.MAX_VALUE), "c's entry was dropped");
  }
}
