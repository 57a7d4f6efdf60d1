package dev.sluice.runtime.state;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Keys of state that a state TTL ages, by when they expire. Each key has one live entry, whose
 * time its owner remembers: the owner queues a key when it first has a time, and again when it
 * comes to expire sooner. When an entry comes due the owner says when its key expires now: a newer
 * row may have moved it later, and the key waits again; an entry at another time than the
 * remembered one is stale.
 */
public final class ExpiryQueue<K> {
  /** What {@link Owner#expiresAt} returns for an entry to drop: its key is gone, queued anew, or no longer timed. */
  public static final long FORGET = Long.MIN_VALUE;

  /** The state whose keys the queue ages. */
  public interface Owner<K> {
    /**
     * When {@code key}, whose entry at {@code at} came due, expires now, which is its entry's time
     * from then on; {@link #FORGET} to drop the entry.
     */
    long expiresAt(K key, long at);

    /** Lets the state of {@code key} go: it expired. */
    void expire(K key);
  }

  private record Entry<K>(long at, K key) {}

  private final PriorityQueue<Entry<K>> entries = new PriorityQueue<>(Comparator.comparingLong(Entry::at));

  /** Queues {@code key} to expire at {@code at}. */
  public void add(K key, long at) {
    entries.add(new Entry<>(at, key));
  }

  /** Whether an entry is due at {@code watermark}. */
  public boolean hasDue(long watermark) {
    return !entries.isEmpty() && entries.peek().at() <= watermark;
  }

  /** Expires every key whose time is at or before {@code watermark}, and queues again those that now expire later. */
  public void expire(long watermark, Owner<K> owner) {
    while (hasDue(watermark)) {
      Entry<K> due = entries.poll();
      long at = owner.expiresAt(due.key(), due.at());
      if (at == FORGET) continue;
      if (at <= watermark) owner.expire(due.key());
      else add(due.key(), at);
    }
  }
}
