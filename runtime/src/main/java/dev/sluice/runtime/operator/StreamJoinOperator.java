package dev.sluice.runtime.operator;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowBytes;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.data.Values;
import dev.sluice.runtime.function.CalcFunction;
import dev.sluice.runtime.state.ChangedKeyGroups;
import dev.sluice.runtime.state.KeyGroupedMap;
import dev.sluice.runtime.state.KeyGroupedState;
import dev.sluice.runtime.state.KeyGroups;
import dev.sluice.runtime.state.KeyProbe;
import dev.sluice.runtime.state.LongKeyTable;
import dev.sluice.runtime.state.RowKey;
import dev.sluice.runtime.state.StateReader;
import dev.sluice.runtime.state.StateWriter;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * A symmetric hash join of two insert-only streams: input 0 is the left side, input 1 the right.
 * Each new row probes the other side's buffer by join key, emits every pair the full join
 * condition accepts, and joins its own side's buffer. Within a batch the left rows go first, so
 * a pair arriving together is emitted once.
 *
 * <p>A row of a side with an event-time column is late, and dropped, when that time (plus the side's
 * offset) is at or before the watermark, with or without a time bound: a row the watermark has
 * passed may already have missed rows of the other side that left state, so joining it would be
 * right for some rows and wrong for others (Spark drops such rows as well). With {@code evict}, a
 * row stays only while its side's expiry (one of its columns plus an offset, from the join's time
 * bound) is after the watermark. An outer side's row that leaves state without ever matching is
 * emitted padded with NULLs, exactly once. Without {@code evict} every row stays forever.
 */
public final class StreamJoinOperator implements Operator, KeyGroupedState {
  /** Both sides' buffers mark changes here; equal join keys fall into the same group on both. */
  private final ChangedKeyGroups changedKeyGroups = new ChangedKeyGroups();
  private final Side left;
  private final Side right;
  private final CalcFunction condition;
  private final boolean constantInterval;
  /** Per input, the probe of a row's own key in its own side's buffer. */
  private final KeyProbe[] ownKeys;
  private final RowBytes bytes = new RowBytes();
  private OperatorContext context;
  private boolean evict;
  /** {@link Side#leaves} of a row that never leaves. */
  private static final long STAYS = Long.MIN_VALUE;

  /**
   * @param condition accepts a concatenated left+right row (returns non-null) or rejects it
   * @param timeColumns per side, the event-time column its rows are judged late by, or -1 when none is
   * @param timeOffsets per side, added to the event time before comparing with the watermark
   * @param expiryColumns per side, the column whose value plus the expiry offset is when a row can
   *     match no future row of the other side, or -1 when its rows stay
   * @param expiryOffsets per side, added to the expiry column
   * @param outer per side, whether its unmatched rows are emitted padded with NULLs
   */
  public StreamJoinOperator(int[] leftKeys, int[] rightKeys, int leftWidth, int rightWidth, CalcFunction condition, boolean evict,
      int[] timeColumns, long[] timeOffsets, int[] expiryColumns, long[] expiryOffsets, boolean[] outer) {
    this.left = new Side(0, leftKeys, rightKeys, leftWidth, timeColumns[0], timeOffsets[0], expiryColumns[0], expiryOffsets[0], outer[0],
        changedKeyGroups);
    this.right = new Side(1, rightKeys, leftKeys, rightWidth, timeColumns[1], timeOffsets[1], expiryColumns[1], expiryOffsets[1], outer[1],
        changedKeyGroups);
    this.ownKeys = new KeyProbe[] {right.otherKey, left.otherKey};
    this.condition = condition;
    this.evict = evict;
    // A fixed interval around each side's own event time lets a probe skip candidates by time alone.
    this.constantInterval = evict && left.expiryColumn == left.timeColumn && right.expiryColumn == right.timeColumn
        && left.timeColumn >= 0 && right.timeColumn >= 0 && left.timeOffset == 0 && right.timeOffset == 0;
  }

  /**
   * A state TTL for each side whose rows no bound lets go: such a row leaves once the watermark
   * passes its {@code ttlColumns[side]} plus {@code ttlMillis[side]} (-1 or 0: none); a row without
   * a time stays. Its rows are never late for it. Set before {@link #open}.
   */
  public StreamJoinOperator withTtl(int[] ttlColumns, long[] ttlMillis) {
    Side[] sides = {left, right};
    for (int s = 0; s < sides.length; s++) {
      if (sides[s].expiryColumn >= 0 || ttlColumns[s] < 0 || ttlMillis[s] <= 0) continue;
      sides[s].ttlColumn = ttlColumns[s];
      sides[s].ttlMillis = ttlMillis[s];
      evict = true;
    }
    return this;
  }

  /**
   * A buffered row; its key is its bucket's, so a row costs no key of its own. A row holding a
   * string is kept as {@link RowBytes}: strings are most of a wide row's memory (two objects each),
   * and a buffered row is read only when a probe finds it in its time bound. Rows of numbers stay
   * as they are, since some joins read every buffered row of a key on every probe (q4's auctions).
   */
  private static final class Entry {
    /** The row, an {@code Object[]} or its bytes. */
    private final Object stored;
    final Bucket bucket;
    boolean matched;
    boolean expired;

    Entry(Object stored, Bucket bucket, boolean matched) {
      this.stored = stored;
      this.bucket = bucket;
      this.matched = matched;
    }

    Object[] row(int width) {
      return stored instanceof byte[] bytes ? RowBytes.decode(bytes, width) : (Object[]) stored;
    }

    /** The whole number in {@code column}, which must not be NULL. */
    long longAt(int column) {
      return stored instanceof byte[] bytes ? RowBytes.longAt(bytes, column) : ((Number) ((Object[]) stored)[column]).longValue();
    }
  }

  /**
   * The buffered rows of one join key on one side, in arrival order. Rows mostly expire oldest
   * first, so an expired row is marked and the bucket's start moves past the marked ones: removing
   * each from a list shifted the rest, and one price in q7 has thousands of rows.
   */
  private static final class Bucket {
    /** The key, in the hash map; null while the bucket is found by one BIGINT, {@link #longKey}. */
    RowKey key;
    long longKey;
    boolean nullKey;
    /** Its place in {@link Buckets}' numbered list while keyed by one BIGINT. */
    int number;
    /**
     * Rows from {@code start} to {@code end}, expired ones marked; null outside. A bucket that has
     * held one row has no array, only {@link #first}: most of q7's prices have one bid.
     */
    Entry[] entries;
    Entry first;
    int start;
    int end;
    int live;

    Bucket(RowKey key) {
      this.key = key;
    }

    Entry entry(int i) {
      return entries == null ? first : entries[i];
    }

    void add(Entry entry) {
      if (entries == null) {
        if (start == end) {
          first = entry;
          start = 0;
          end = 1;
          live++;
          return;
        }
        entries = new Entry[] {first, null};
        first = null;
      }
      if (end == entries.length) {
        // Drop the expired rows first; grow only when most are live.
        Entry[] to = live * 2 > entries.length ? new Entry[entries.length * 2] : entries;
        int n = 0;
        for (int i = start; i < end; i++) {
          if (!entries[i].expired) to[n++] = entries[i];
        }
        if (to == entries) Arrays.fill(entries, n, end, null);
        entries = to;
        start = 0;
        end = n;
      }
      entries[end++] = entry;
      live++;
    }

    void expire(Entry entry) {
      entry.expired = true;
      live--;
      if (entries == null) {
        first = null;
        start = end;
        return;
      }
      while (start < end && entries[start].expired) entries[start++] = null;
    }
  }

  /**
   * A side's buckets by join key. A key of one BIGINT column is found in a primitive table that
   * holds the key beside its bucket's number, so a lookup compares longs in one array rather than
   * boxed keys behind three references (q4 spent a fifth of its time so); other keys, and a side
   * that meets a join-key value of another type, use a hash map of keys.
   */
  private static final class Buckets {
    private final ChangedKeyGroups changes;
    private final KeyGroupedMap<Bucket> byKey;
    /** Key to bucket number, while every key seen is one BIGINT (or NULL); null otherwise. */
    private LongKeyTable byLong;
    private Bucket[] numbered = new Bucket[16];
    private int[] freeNumbers = new int[16];
    private int freeCount;
    private int nextNumber;

    Buckets(boolean oneColumnKey, ChangedKeyGroups changes) {
      this.changes = changes;
      this.byKey = new KeyGroupedMap<>(changes);
      this.byLong = oneColumnKey ? new LongKeyTable(1, true) : null;
    }

    /** The bucket of the key in {@code columns} of {@code row}, or null; {@code probe} looks up those columns. */
    Bucket get(Object[] row, int[] columns, KeyProbe probe) {
      if (byLong != null) {
        Object value = row[columns[0]];
        if (value == null || value instanceof Long) {
          int slot = value == null ? byLong.nullSlot() : byLong.slotOf((Long) value);
          return slot < 0 ? null : numbered[(int) byLong.rows()[byLong.offset(slot)]];
        }
        toHashMap();
      }
      return byKey.get(probe.of(row));
    }

    /**
     * A new bucket for the key of {@code row}, which has none; {@code probe} points at it. A bucket
     * found by one BIGINT keeps it as a {@code long}: q7 has a bucket for nearly every bid (its key
     * is the price), and a key object with its array and boxed value took a third of a bid's memory.
     */
    Bucket add(Object[] row, int[] columns, KeyProbe probe) {
      if (byLong == null) {
        Bucket bucket = new Bucket(probe.toKey());
        byKey.put(bucket.key, bucket);
        return bucket;
      }
      Bucket bucket = new Bucket(null);
      Object value = row[columns[0]];
      bucket.nullKey = value == null;
      bucket.longKey = value == null ? 0 : (Long) value;
      int slot = value == null ? byLong.addNull() : byLong.add(bucket.longKey);
      bucket.number = freeCount > 0 ? freeNumbers[--freeCount] : nextNumber++;
      if (bucket.number == numbered.length) numbered = Arrays.copyOf(numbered, numbered.length * 2);
      numbered[bucket.number] = bucket;
      byLong.rows()[byLong.offset(slot)] = bucket.number;
      markChanged(bucket);
      return bucket;
    }

    void remove(Bucket bucket) {
      if (byLong == null) {
        byKey.remove(bucket.key);
        return;
      }
      byLong.remove(bucket.nullKey ? byLong.nullSlot() : byLong.slotOf(bucket.longKey));
      numbered[bucket.number] = null;
      if (freeCount == freeNumbers.length) freeNumbers = Arrays.copyOf(freeNumbers, freeCount * 2);
      freeNumbers[freeCount++] = bucket.number;
      markChanged(bucket);
    }

    /** Marks the bucket's key group changed: its {@link RowKey}'s, which a {@code long} key computes as the key's boxed {@code Long} would. */
    void markChanged(Bucket bucket) {
      changes.mark(bucket.key != null ? bucket.key.keyGroup() : KeyGroups.of(bucket.nullKey ? 31 : 31 + Long.hashCode(bucket.longKey)));
    }

    /** The buckets of key group {@code keyGroup}, for a checkpoint. */
    List<Bucket> keyGroup(int keyGroup) {
      if (byLong == null) return new ArrayList<>(byKey.keyGroup(keyGroup).values());
      List<Bucket> found = new ArrayList<>();
      for (int slot : byLong.slotsOf(keyGroup)) found.add(numbered[(int) byLong.rows()[byLong.offset(slot)]]);
      return found;
    }

    /** Moves every bucket to the hash map, for a key value that is not a BIGINT. */
    private void toHashMap() {
      for (int n = 0; n < nextNumber; n++) {
        Bucket bucket = numbered[n];
        if (bucket == null) continue;
        bucket.key = new RowKey(new Object[] {bucket.nullKey ? null : (Object) bucket.longKey});
        byKey.put(bucket.key, bucket);
      }
      byLong = null;
      numbered = null;
      freeNumbers = null;
    }
  }

  /** One input's buffer: rows by join key, and by the time they expire. */
  private static final class Side {
    final int index;
    final int[] keys;
    final int width;
    final int timeColumn;
    final long timeOffset;
    final int expiryColumn;
    final long expiryOffset;
    final boolean outer;
    /** With a state TTL and no expiry column, the event-time column a row's age is read from, or -1; set before {@code open}. */
    int ttlColumn = -1;
    long ttlMillis;
    final Buckets rows;
    /** Looks up this side's rows by the key of a row of the other side, without making a key. */
    final KeyProbe otherKey;
    /**
     * The rows by the time they expire. Rows mostly arrive in expiry order, so those that do queue
     * up in arrival order, with each run of equal times counted once ({time, rows}); a row that
     * expires before the last queued one waits in a tree instead. A tree of per-time lists for
     * every row was about a third of q7's samples.
     */
    private final ArrayDeque<Entry> expiringInOrder = new ArrayDeque<>();
    private final ArrayDeque<long[]> expiryRuns = new ArrayDeque<>();
    private final TreeMap<Long, List<Entry>> expiringOutOfOrder = new TreeMap<>();
    long size;

    Side(int index, int[] keys, int[] otherKeys, int width, int timeColumn, long timeOffset, int expiryColumn, long expiryOffset,
        boolean outer, ChangedKeyGroups changes) {
      this.rows = new Buckets(keys.length == 1, changes);
      this.otherKey = new KeyProbe(otherKeys);
      this.index = index;
      this.keys = keys;
      this.width = width;
      this.timeColumn = timeColumn;
      this.timeOffset = timeOffset;
      this.expiryColumn = expiryColumn;
      this.expiryOffset = expiryOffset;
      this.outer = outer;
    }

    /** Buffers {@code row}, found under {@code probe}, which points at it; {@code bytes} encodes a row that holds a string. */
    void add(Object[] row, KeyProbe probe, boolean matched, boolean evict, RowBytes bytes) {
      Bucket bucket = rows.get(row, keys, probe);
      if (bucket == null) {
        bucket = rows.add(row, keys, probe.of(row));
      } else {
        rows.markChanged(bucket);
      }
      byte[] encoded = holdsString(row) ? bytes.encode(row) : null;
      Entry entry = new Entry(encoded != null ? encoded : row, bucket, matched);
      bucket.add(entry);
      if (evict) {
        long leaves = leaves(row);
        if (leaves != STAYS) expireAt(leaves, entry);
      }
      size++;
    }

    private void expireAt(long expiry, Entry entry) {
      long[] last = expiryRuns.peekLast();
      if (last != null && expiry < last[0]) {
        expiringOutOfOrder.computeIfAbsent(expiry, t -> new ArrayList<>()).add(entry);
        return;
      }
      if (last != null && expiry == last[0]) last[1]++;
      else expiryRuns.addLast(new long[] {expiry, 1});
      expiringInOrder.addLast(entry);
    }

    /** Whether some row expires at or before {@code watermark}. */
    boolean expiresBy(long watermark) {
      return (!expiryRuns.isEmpty() && expiryRuns.peekFirst()[0] <= watermark)
          || (!expiringOutOfOrder.isEmpty() && expiringOutOfOrder.firstKey() <= watermark);
    }

    /** Takes out one row that expires at or before {@code watermark}, or returns null when none is left. */
    Entry pollExpired(long watermark) {
      long[] run = expiryRuns.peekFirst();
      if (run != null && run[0] <= watermark) {
        if (--run[1] == 0) expiryRuns.pollFirst();
        return expiringInOrder.pollFirst();
      }
      if (!expiringOutOfOrder.isEmpty() && expiringOutOfOrder.firstKey() <= watermark) {
        List<Entry> rows = expiringOutOfOrder.firstEntry().getValue();
        Entry entry = rows.remove(rows.size() - 1);
        if (rows.isEmpty()) expiringOutOfOrder.pollFirstEntry();
        return entry;
      }
      return null;
    }

    /** The time this side's row is judged late by, or null when it has none. */
    Long lateTime(Object[] row) {
      if (timeColumn < 0 || row[timeColumn] == null) return null;
      return ((Number) row[timeColumn]).longValue() + timeOffset;
    }

    /**
     * For a constant interval: whether this side's buffered {@code entry} lies within the bound of
     * a row of the other side at {@code otherTime}, whose own retention is {@code otherRetention}.
     */
    boolean mayMatch(Entry entry, long otherTime, long otherRetention) {
      long t = entry.longAt(timeColumn); // not NULL: a row without event time never enters a constant interval's buffer
      return otherTime <= t + expiryOffset && t <= otherTime + otherRetention;
    }

    /** When a buffered row leaves: by the bound, or by the TTL past its event time; {@link #STAYS} when it stays. */
    long leaves(Object[] row) {
      if (expiryColumn >= 0) return expiry(row);
      if (ttlColumn >= 0 && row[ttlColumn] != null) return ((Number) row[ttlColumn]).longValue() + ttlMillis;
      return STAYS;
    }

    /** When a row can match no future row of the other side; only for a side that expires and a non-null value. */
    long expiry(Object[] row) {
      return ((Number) row[expiryColumn]).longValue() + expiryOffset;
    }

    boolean neverMatches(Object[] row) {
      return expiryColumn >= 0 && row[expiryColumn] == null;
    }
  }

  @Override
  public void open(OperatorContext context) {
    this.context = context;
  }

  @Override
  public void process(int input, RowBatch batch, RowBatch out) {
    Side side = input == 0 ? left : right;
    Side other = input == 0 ? right : left;
    boolean checkLate = context.hasLateWatermark();
    long watermark = context.lateWatermark();
    for (int i = 0, n = batch.size(); i < n; i++) {
      if (batch.kindCode(i) != RowKind.INSERT.code()) {
        throw new IllegalStateException("stream joins over updating input are not supported");
      }
      Object[] row = batch.row(i);
      Long lateTime = checkLate ? side.lateTime(row) : null;
      if (lateTime != null && lateTime <= watermark) {
        context.metrics().droppedLateRows++;
        context.lateRows().onLateRow(context.operatorName(), row, watermark,
            "event time " + Values.formatTimestamp(lateTime) + " is at or before the watermark");
        continue;
      }
      boolean matched = false;
      if (!hasNull(row, side.keys)) {
        Bucket candidates = other.rows.get(row, side.keys, other.otherKey);
        if (candidates != null) {
          Object time = constantInterval ? row[side.timeColumn] : null;
          long t = time == null ? 0 : ((Number) time).longValue();
          for (int c = candidates.start; c < candidates.end; c++) {
            Entry candidate = candidates.entry(c);
            if (candidate.expired) continue;
            // The time bound rules out most candidates: check it before building the joined row.
            if (time != null && !other.mayMatch(candidate, t, side.expiryOffset)) continue;
            Object[] candidateRow = candidate.row(other.width);
            Object[] joined = input == 0 ? concat(row, candidateRow) : concat(candidateRow, row);
            if (condition.apply(joined) != null) {
              out.insert(joined);
              if (!candidate.matched) {
                candidate.matched = true;
                other.rows.markChanged(candidates);
              }
              matched = true;
            }
          }
        }
      }
      if (evict && side.neverMatches(row)) {
        // It can never satisfy the time bound: an outer row is final now, an inner one is done.
        if (side.outer && !matched) out.insert(padded(side, row));
        continue;
      }
      side.add(row, ownKeys[input].of(row), matched, evict, bytes);
    }
  }

  private static boolean holdsString(Object[] row) {
    for (Object value : row) {
      if (value instanceof String) return true;
    }
    return false;
  }

  private static boolean hasNull(Object[] row, int[] columns) {
    for (int column : columns) {
      if (row[column] == null) return true;
    }
    return false;
  }

  private Object[] concat(Object[] leftRow, Object[] rightRow) {
    Object[] joined = new Object[left.width + right.width];
    System.arraycopy(leftRow, 0, joined, 0, left.width);
    System.arraycopy(rightRow, 0, joined, left.width, right.width);
    return joined;
  }

  private Object[] padded(Side side, Object[] row) {
    Object[] joined = new Object[left.width + right.width];
    System.arraycopy(row, 0, joined, side.index == 0 ? 0 : left.width, side.width);
    return joined;
  }

  @Override
  public void finishBatch(RowBatch out) {
    if (!evict || !context.hasWatermark()) return;
    expire(left, context.watermark(), out);
    expire(right, context.watermark(), out);
  }

  private void expire(Side side, long watermark, RowBatch out) {
    for (Entry entry = side.pollExpired(watermark); entry != null; entry = side.pollExpired(watermark)) {
      if (side.outer && !entry.matched) out.insert(padded(side, entry.row(side.width)));
      Bucket bucket = entry.bucket;
      bucket.expire(entry);
      if (bucket.live == 0) side.rows.remove(bucket);
      else side.rows.markChanged(bucket);
      side.size--;
    }
  }

  @Override
  public boolean hasWorkAt(long watermark) {
    return evict && (left.expiresBy(watermark) || right.expiresBy(watermark));
  }

  @Override
  public long stateRows() {
    return left.size + right.size;
  }

  @Override
  public KeyGroupedState checkpointState() {
    return this;
  }

  @Override
  public ChangedKeyGroups changedKeyGroups() {
    return changedKeyGroups;
  }

  @Override
  public void writeKeyGroup(int keyGroup, StateWriter out) throws IOException {
    for (Side side : new Side[] {left, right}) {
      List<Bucket> buckets = side.rows.keyGroup(keyGroup);
      int count = 0;
      for (Bucket bucket : buckets) count += bucket.live;
      out.writeInt(count);
      for (Bucket bucket : buckets) {
        for (int i = bucket.start; i < bucket.end; i++) {
          Entry e = bucket.entry(i);
          if (e.expired) continue;
          out.writeRow(e.row(side.width));
          out.writeBoolean(e.matched);
        }
      }
    }
  }

  @Override
  public void readKeyGroup(int keyGroup, StateReader in) throws IOException {
    for (int input = 0; input < 2; input++) {
      Side side = input == 0 ? left : right;
      for (int n = in.readInt(); n > 0; n--) {
        Object[] row = in.readRow();
        side.add(row, ownKeys[input].of(row), in.readBoolean(), evict, bytes);
      }
    }
  }
}
