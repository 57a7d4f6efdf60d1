package dev.sluice.runtime.operator;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.state.ChangedKeyGroups;
import dev.sluice.runtime.state.ExpiryQueue;
import dev.sluice.runtime.state.KeyGroupedMap;
import dev.sluice.runtime.state.KeyGroupedState;
import dev.sluice.runtime.state.RowKey;
import dev.sluice.runtime.state.StateReader;
import dev.sluice.runtime.state.StateWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Top-N per partition ({@code ROW_NUMBER() OVER (PARTITION BY k ORDER BY o) <= N}) over
 * insert-only input: each partition keeps its best {@code limit} rows in order. Output rows are
 * the input row followed by its rank (1-based, a BIGINT); at the end of a batch each changed rank
 * of each changed partition is emitted: {@code +I} for a newly filled rank, {@code -U}/{@code +U}
 * when another row took it. Rows that tie keep their arrival order.
 *
 * <p>With a state TTL ({@code 'state.ttl'}) a partition leaves state, silently, once the watermark
 * passes the newest event time among its kept rows plus the TTL; a later row for it starts a new
 * partition. That time is the kept rows' own, so a restored partition leaves when it would have.
 */
public final class TopNOperator implements Operator, KeyGroupedState {
  private final int[] partitionColumns;
  private final Comparator<Object[]> order;
  private final int limit;
  private final ChangedKeyGroups changedKeyGroups = new ChangedKeyGroups();
  private final KeyGroupedMap<Partition> partitions = new KeyGroupedMap<>(changedKeyGroups);
  private final Set<RowKey> dirty = new LinkedHashSet<>();
  private final int ttlColumn;
  private final long ttlMillis;
  /** With a TTL, when partitions expire; a partition's live entry is at its {@link Partition#queuedAt}. */
  private final ExpiryQueue<RowKey> expiries = new ExpiryQueue<>();
  private OperatorContext context;
  private long stateRows;

  /** A partition's best rows now, and as last emitted. */
  private static final class Partition {
    final List<Object[]> best = new ArrayList<>();
    List<Object[]> emitted = List.of();
    /** The newest event time among {@link #best}, with a TTL; {@link #NONE} while none has one. */
    long newest = NONE;
    /** The time of its live entry in {@link #expiries}; {@link #NONE} while it has none. */
    long queuedAt = NONE;
  }

  private static final long NONE = ExpiryQueue.FORGET;

  public TopNOperator(int[] partitionColumns, Comparator<Object[]> order, int limit) {
    this(partitionColumns, order, limit, -1, 0);
  }

  /**
   * @param ttlColumn the event-time column a partition's age is read from, or -1 for no TTL
   * @param ttlMillis how long past its newest row's time a partition stays
   */
  public TopNOperator(int[] partitionColumns, Comparator<Object[]> order, int limit, int ttlColumn, long ttlMillis) {
    if (limit < 1) throw new IllegalArgumentException("a Top-N keeps at least one row");
    this.partitionColumns = partitionColumns;
    this.order = order;
    this.limit = limit;
    this.ttlColumn = ttlMillis > 0 ? ttlColumn : -1;
    this.ttlMillis = ttlMillis;
  }

  @Override
  public void open(OperatorContext context) {
    this.context = context;
  }

  @Override
  public void process(int input, RowBatch batch, RowBatch out) {
    for (int i = 0, n = batch.size(); i < n; i++) {
      if (batch.kindCode(i) != RowKind.INSERT.code()) throw new IllegalStateException("Top-N over updating input is not supported");
      Object[] row = batch.row(i);
      RowKey key = RowKey.of(row, partitionColumns);
      Partition partition = partitions.get(key);
      if (partition == null) {
        partition = new Partition();
        partitions.put(key, partition);
      }
      List<Object[]> best = partition.best;
      int position = best.size();
      while (position > 0 && order.compare(row, best.get(position - 1)) < 0) position--;
      if (position >= limit) continue; // not among the best
      best.add(position, row);
      stateRows++;
      if (best.size() > limit) {
        best.remove(best.size() - 1);
        stateRows--;
      }
      if (ttlColumn >= 0) age(key, partition);
      partitions.markChanged(key);
      dirty.add(key);
    }
  }

  @Override
  public void finishBatch(RowBatch out) {
    for (RowKey key : dirty) {
      Partition partition = partitions.get(key);
      List<Object[]> best = partition.best;
      List<Object[]> emitted = partition.emitted;
      for (int rank = 0; rank < best.size(); rank++) {
        Object[] now = best.get(rank);
        Object[] before = rank < emitted.size() ? emitted.get(rank) : null;
        if (before == null) {
          out.add(RowKind.INSERT, ranked(now, rank));
        } else if (before != now && !Arrays.equals(before, now)) {
          out.add(RowKind.UPDATE_BEFORE, ranked(before, rank));
          out.add(RowKind.UPDATE_AFTER, ranked(now, rank));
        }
      }
      partition.emitted = List.copyOf(best);
    }
    dirty.clear();
    if (ttlColumn >= 0 && context.hasWatermark()) expire(context.watermark());
  }

  /**
   * Sets the partition's newest time from its kept rows (a newer row may have been pushed out), and
   * queues it where it has no entry yet or expires sooner than its entry says.
   */
  private void age(RowKey key, Partition partition) {
    partition.newest = NONE;
    for (Object[] row : partition.best) {
      if (row[ttlColumn] != null) partition.newest = Math.max(partition.newest, ((Number) row[ttlColumn]).longValue());
    }
    if (partition.newest == NONE) return;
    long at = partition.newest + ttlMillis;
    if (partition.queuedAt == NONE || at < partition.queuedAt) queue(key, partition, at);
  }

  private void queue(RowKey key, Partition partition, long at) {
    partition.queuedAt = at;
    expiries.add(key, at);
  }

  /** Drops the partitions whose newest row's time plus the TTL is at or before {@code watermark}. */
  private void expire(long watermark) {
    expiries.expire(watermark, new ExpiryQueue.Owner<>() {
      @Override
      public long expiresAt(RowKey key, long at) {
        Partition partition = partitions.get(key);
        if (partition == null || partition.queuedAt != at) return ExpiryQueue.FORGET; // gone, or queued again since
        // With only rows without a time left, it stays until a timed one comes.
        partition.queuedAt = partition.newest == NONE ? NONE : partition.newest + ttlMillis;
        return partition.queuedAt;
      }

      @Override
      public void expire(RowKey key) {
        stateRows -= partitions.remove(key).best.size();
      }
    });
  }

  @Override
  public boolean hasWorkAt(long watermark) {
    return ttlColumn >= 0 && expiries.hasDue(watermark);
  }

  private static Object[] ranked(Object[] row, int rank) {
    Object[] withRank = Arrays.copyOf(row, row.length + 1);
    withRank[row.length] = (long) rank + 1;
    return withRank;
  }

  @Override
  public long stateRows() {
    return stateRows;
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
    Map<RowKey, Partition> group = partitions.keyGroup(keyGroup);
    out.writeInt(group.size());
    for (Map.Entry<RowKey, Partition> e : group.entrySet()) {
      out.writeRow(e.getKey().values());
      writeRows(e.getValue().best, out);
      writeRows(e.getValue().emitted, out);
    }
  }

  private static void writeRows(List<Object[]> rows, StateWriter out) throws IOException {
    out.writeInt(rows.size());
    for (Object[] row : rows) out.writeRow(row);
  }

  private static List<Object[]> readRows(StateReader in) throws IOException {
    List<Object[]> rows = new ArrayList<>();
    for (int n = in.readInt(); n > 0; n--) rows.add(in.readRow());
    return rows;
  }

  @Override
  public void readKeyGroup(int keyGroup, StateReader in) throws IOException {
    for (int n = in.readInt(); n > 0; n--) {
      RowKey key = new RowKey(in.readRow());
      Partition partition = new Partition();
      partition.best.addAll(readRows(in));
      partition.emitted = List.copyOf(readRows(in));
      stateRows += partition.best.size();
      partitions.put(key, partition);
      if (ttlColumn >= 0) age(key, partition);
    }
  }
}
