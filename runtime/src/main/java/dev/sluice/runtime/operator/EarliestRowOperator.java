package dev.sluice.runtime.operator;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.data.Values;
import dev.sluice.runtime.state.ChangedKeyGroups;
import dev.sluice.runtime.state.KeyGroupedMap;
import dev.sluice.runtime.state.KeyGroupedState;
import dev.sluice.runtime.state.RowKey;
import dev.sluice.runtime.state.StateReader;
import dev.sluice.runtime.state.StateWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The first row per key by event time ({@code ROW_NUMBER() OVER (PARTITION BY key ORDER BY ts) =
 * 1}, {@code ts} the event-time column): per key, the row with the smallest {@code ts}, the first
 * seen among equal ones, whatever order rows arrive in within the watermark delay.
 *
 * <p>A row at or before the watermark is late: an earlier first row could already have been made
 * final. Once the watermark reaches the key's earliest time no earlier row can come, so the row is
 * final: with {@code emitFinalOnly} (append mode) it is emitted then, once; otherwise it is emitted
 * when it arrives and replaced by an update when an earlier one does. A final key keeps only its
 * key and time, so that later rows of it are known not to be first; under a state TTL it leaves once
 * the watermark passes that time plus the TTL, and a row with the key after that is first again.
 * When a key column carries event time too (a window's bounds), a row is also late once that column
 * plus its offset is at or before the watermark, and the key is final and leaves state then. A row
 * whose time is NULL has no place in the order and is skipped ({@code nullTimeRows}).
 */
public final class EarliestRowOperator implements Operator, KeyGroupedState {
  private final int[] keyColumns;
  private final int timeColumn;
  private final boolean emitFinalOnly;
  private final long ttlMillis;
  private final int timeKey;
  private final long timeKeyOffset;
  private final ChangedKeyGroups changedKeyGroups = new ChangedKeyGroups();
  private final KeyGroupedMap<First> firsts = new KeyGroupedMap<>(changedKeyGroups);
  /** Keys by the time they have work: their earliest row becomes final, or a final key leaves; entries may be stale. */
  private final TreeMap<Long, List<RowKey>> timers = new TreeMap<>();
  /** Keys whose first row changed in this batch, for update mode's net change. */
  private final Set<RowKey> changed = new LinkedHashSet<>();
  private OperatorContext context;

  /** One key's state. */
  private static final class First {
    /** The earliest row; null once final, when only its time is kept. */
    Object[] row;
    long time;
    /** Update mode: the row last emitted for the key, or null. */
    Object[] emitted;

    First(Object[] row, long time) {
      this.row = row;
      this.time = time;
    }
  }

  /**
   * @param timeColumn the event-time column rows are ordered by
   * @param emitFinalOnly whether a key's row is emitted only once final (append mode)
   * @param ttlMillis how long past its time a final key stays without a time key; 0 for ever
   */
  public EarliestRowOperator(int[] keyColumns, int timeColumn, boolean emitFinalOnly, long ttlMillis) {
    this(keyColumns, timeColumn, -1, 0, emitFinalOnly, ttlMillis);
  }

  /**
   * @param timeKey index into {@code keyColumns} of a column carrying event time, or -1
   * @param timeKeyOffset how far behind the watermark a value of that column is final (a window start's size)
   */
  public EarliestRowOperator(int[] keyColumns, int timeColumn, int timeKey, long timeKeyOffset, boolean emitFinalOnly, long ttlMillis) {
    this.keyColumns = keyColumns;
    this.timeColumn = timeColumn;
    this.timeKey = timeKey;
    this.timeKeyOffset = timeKeyOffset;
    this.emitFinalOnly = emitFinalOnly;
    this.ttlMillis = timeKey < 0 ? ttlMillis : 0;
  }

  /** When the key's time column is final, or {@link Long#MAX_VALUE} when it has none. */
  private long keyFinalAt(RowKey key) {
    Object time = timeKey < 0 ? null : key.values()[timeKey];
    return time == null ? Long.MAX_VALUE : ((Number) time).longValue() + timeKeyOffset;
  }

  /** When the key's row is final: at its own time, or sooner when the key's time column closes. */
  private long finalAt(RowKey key, First first) {
    return Math.min(first.time, keyFinalAt(key));
  }

  /** When a final key leaves state, or {@link Long#MAX_VALUE} when it stays. */
  private long leavesAt(RowKey key, First first) {
    if (timeKey >= 0) return keyFinalAt(key);
    return ttlMillis > 0 ? first.time + ttlMillis : Long.MAX_VALUE;
  }

  @Override
  public void open(OperatorContext context) {
    this.context = context;
  }

  @Override
  public void process(int input, RowBatch batch, RowBatch out) {
    boolean checkLate = context.hasLateWatermark();
    long watermark = context.lateWatermark();
    for (int i = 0, n = batch.size(); i < n; i++) {
      if (batch.kindCode(i) != RowKind.INSERT.code()) throw new IllegalStateException("deduplication over updating input is not supported");
      Object[] row = batch.row(i);
      Object time = row[timeColumn];
      if (time == null) {
        context.metrics().nullTimeRows++;
        continue;
      }
      long ts = ((Number) time).longValue();
      if (checkLate && ts <= watermark) {
        context.metrics().droppedLateRows++;
        context.lateRows().onLateRow(context.operatorName(), row, watermark,
            "event time " + Values.formatTimestamp(ts) + " is at or before the watermark, so an earlier first row may be final already");
        continue;
      }
      RowKey key = RowKey.of(row, keyColumns);
      if (checkLate && keyFinalAt(key) <= watermark) {
        context.metrics().droppedLateRows++;
        context.lateRows().onLateRow(context.operatorName(), row, watermark,
            "its key's event time is at or before the watermark, so the key's first row is final already");
        continue;
      }
      First first = firsts.get(key);
      if (first == null) {
        first = new First(row, ts);
        firsts.put(key, first);
      } else if (first.row != null && ts < first.time) {
        first.row = row;
        first.time = ts;
        firsts.markChanged(key);
      } else {
        continue; // not earlier (a tie keeps the first seen), or the key's first row is final
      }
      timers.computeIfAbsent(finalAt(key, first), t -> new ArrayList<>()).add(key);
      if (!emitFinalOnly) changed.add(key);
    }
  }

  @Override
  public void finishBatch(RowBatch out) {
    for (RowKey key : changed) {
      First first = firsts.get(key);
      if (first.emitted == null) {
        out.insert(first.row);
      } else {
        out.add(RowKind.UPDATE_BEFORE, first.emitted);
        out.add(RowKind.UPDATE_AFTER, first.row);
      }
      first.emitted = first.row;
    }
    changed.clear();
    if (!context.hasWatermark()) return;
    long watermark = context.watermark();
    while (!timers.isEmpty() && timers.firstKey() <= watermark) {
      for (RowKey key : timers.pollFirstEntry().getValue()) {
        First first = firsts.get(key);
        if (first == null) continue;
        if (first.row != null && finalAt(key, first) <= watermark) {
          if (emitFinalOnly) out.insert(first.row);
          first.row = null;
          first.emitted = null;
          firsts.markChanged(key);
          long leaves = leavesAt(key, first);
          if (leaves > watermark && leaves != Long.MAX_VALUE) timers.computeIfAbsent(leaves, t -> new ArrayList<>()).add(key);
        }
        if (first.row == null && leavesAt(key, first) <= watermark) firsts.remove(key);
      }
    }
  }

  @Override
  public boolean hasWorkAt(long watermark) {
    return !timers.isEmpty() && timers.firstKey() <= watermark;
  }

  @Override
  public long stateRows() {
    return firsts.size();
  }

  @Override
  public KeyGroupedState checkpointState() {
    return this;
  }

  @Override
  public ChangedKeyGroups changedKeyGroups() {
    return changedKeyGroups;
  }

  /** Per key: the key, the time, the row (null once final) and, in update mode, the row last emitted. */
  @Override
  public void writeKeyGroup(int keyGroup, StateWriter out) throws IOException {
    var entries = firsts.keyGroup(keyGroup);
    out.writeInt(entries.size());
    for (var e : entries.entrySet()) {
      First first = e.getValue();
      out.writeRow(e.getKey().values());
      out.writeLong(first.time);
      out.writeRow(first.row);
      if (!emitFinalOnly) out.writeRow(first.emitted);
    }
  }

  @Override
  public void readKeyGroup(int keyGroup, StateReader in) throws IOException {
    for (int n = in.readInt(); n > 0; n--) {
      RowKey key = new RowKey(in.readRow());
      long time = in.readLong();
      First first = new First(in.readRow(), time);
      if (!emitFinalOnly) first.emitted = in.readRow();
      firsts.put(key, first);
      long due = first.row != null ? finalAt(key, first) : leavesAt(key, first);
      if (due != Long.MAX_VALUE) timers.computeIfAbsent(due, t -> new ArrayList<>()).add(key);
    }
  }
}
