package dev.sluice.runtime.operator;

import dev.sluice.runtime.aggregate.AggregateCall;
import dev.sluice.runtime.aggregate.AggregateCalls;
import dev.sluice.runtime.aggregate.GroupAccumulators;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.data.Values;
import dev.sluice.runtime.state.ChangedKeyGroups;
import dev.sluice.runtime.state.ExpiryQueue;
import dev.sluice.runtime.state.KeyGroupedMap;
import dev.sluice.runtime.state.KeyGroupedState;
import dev.sluice.runtime.state.KeyProbe;
import dev.sluice.runtime.state.RowKey;
import dev.sluice.runtime.state.StateReader;
import dev.sluice.runtime.state.StateWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * {@code GROUP BY} with aggregates, over insert-only or updating input. Output rows are the key
 * columns followed by one column per aggregate call.
 *
 * <p>Changes are held back until {@link #finishBatch}, which emits each changed group's net
 * change once: {@code +I} for a new group, {@code -U}/{@code +U} for a changed one, {@code -D}
 * for a group whose rows were all retracted; a group whose result did not change emits nothing.
 *
 * <p>When one key column is an event-time column (a window bound, or a watermarked timestamp),
 * the group is final once that time plus {@code timeOffset} is at or below the watermark. With
 * {@code dropLateAndEvict} such groups leave state and rows for them are dropped as late; with
 * {@code emitFinalOnly} (append mode) a group is emitted once, when it becomes final.
 *
 * <p>With {@code evictByProcessingTime} the time key carries processing time instead (a window
 * over {@code PROCTIME()}): a group leaves state at the end of the first batch after the wall clock
 * passes its time plus {@code timeOffset}. Rows get their processing time as they arrive, so no
 * later row can belong to it, and it has emitted every change already; no row is late.
 *
 * <p>With a state TTL ({@link #withTtl}, {@code 'state.ttl'}) and no time key, a group leaves
 * state, silently, once the watermark passes the newest event time of its rows plus the TTL; a
 * later row for its key starts a new group, whose result replaces the old one at the sink.
 */
public final class GroupAggregateOperator implements Operator, KeyGroupedState {
  private final int[] keyColumns;
  private final AggregateCalls calls;
  private final int timeKey;
  private final long timeOffset;
  private final boolean dropLateAndEvict;
  private final boolean emitFinalOnly;
  private final boolean evictByProcessingTime;
  private final LongSupplier clock;
  /** With a TTL, the event-time column a group's age is read from; -1 without one. Set before {@link #open}. */
  private int ttlColumn = -1;
  private long ttlMillis;
  /** With a TTL, when groups expire; a group's live entry is at its {@link Group#queuedAt}. */
  private final ExpiryQueue<RowKey> expiries = new ExpiryQueue<>();

  private final ChangedKeyGroups changedKeyGroups = new ChangedKeyGroups();
  private final KeyGroupedMap<Group> groups = new KeyGroupedMap<>(changedKeyGroups);
  private final List<RowKey> dirty = new ArrayList<>();
  private final KeyProbe probe;
  /** Groups by the time at which they become final, for eviction without a scan. */
  private final TreeMap<Long, TimerKeys> timers = new TreeMap<>();
  private OperatorContext context;
  private boolean globalRowEmitted;

  /**
   * @param timeKey index into {@code keyColumns} of the event-time key, or -1
   * @param timeOffset added to the event-time key to get the time the group becomes final
   */
  public GroupAggregateOperator(
      int[] keyColumns, AggregateCall[] calls, int timeKey, long timeOffset, boolean dropLateAndEvict, boolean emitFinalOnly) {
    this(keyColumns, calls, timeKey, timeOffset, dropLateAndEvict, emitFinalOnly, false, System::currentTimeMillis);
  }

  /** @param evictByProcessingTime whether the time key carries processing time, by which groups leave */
  public GroupAggregateOperator(int[] keyColumns, AggregateCall[] calls, int timeKey, long timeOffset, boolean dropLateAndEvict,
      boolean emitFinalOnly, boolean evictByProcessingTime) {
    this(keyColumns, calls, timeKey, timeOffset, dropLateAndEvict, emitFinalOnly, evictByProcessingTime, System::currentTimeMillis);
  }

  /** @param clock the wall clock, in epoch milliseconds, as {@code PROCTIME()} reads it */
  GroupAggregateOperator(int[] keyColumns, AggregateCall[] calls, int timeKey, long timeOffset, boolean dropLateAndEvict,
      boolean emitFinalOnly, boolean evictByProcessingTime, LongSupplier clock) {
    if ((dropLateAndEvict || emitFinalOnly || evictByProcessingTime) && timeKey < 0) {
      throw new IllegalArgumentException("eviction and final-only emission need a time key");
    }
    if (evictByProcessingTime && (dropLateAndEvict || emitFinalOnly)) {
      throw new IllegalArgumentException("a processing-time key drops no late rows and is never final by the watermark");
    }
    this.keyColumns = keyColumns;
    this.calls = new AggregateCalls(calls);
    this.timeKey = timeKey;
    this.timeOffset = timeOffset;
    this.dropLateAndEvict = dropLateAndEvict;
    this.emitFinalOnly = emitFinalOnly;
    this.evictByProcessingTime = evictByProcessingTime;
    this.clock = clock;
    this.probe = new KeyProbe(keyColumns);
  }

  /**
   * A state TTL for an aggregation without a time key: a group leaves once the watermark passes
   * the newest {@code ttlColumn} of its rows plus {@code ttlMillis}. Ignored when {@code
   * ttlColumn} is -1, with a time key, or for a global aggregate (one row).
   */
  public GroupAggregateOperator withTtl(int ttlColumn, long ttlMillis) {
    boolean applies = ttlColumn >= 0 && ttlMillis > 0 && timeKey < 0 && keyColumns.length > 0;
    this.ttlColumn = applies ? ttlColumn : -1;
    this.ttlMillis = ttlMillis;
    return this;
  }


  private static final class Group {
    final RowKey key;
    final GroupAccumulators accumulators;
    long rows;
    Object[] emitted;
    boolean dirty;
    /** The newest event time of its rows, with a TTL; {@link ExpiryQueue#FORGET} while none has one. */
    long newest = ExpiryQueue.FORGET;
    /** The time of its live entry in {@link #expiries}; {@link ExpiryQueue#FORGET} while it has none. */
    long queuedAt = ExpiryQueue.FORGET;

    Group(RowKey key, AggregateCalls calls) {
      this.key = key;
      accumulators = calls.newGroup();
    }
  }

  @Override
  public void open(OperatorContext context) {
    this.context = context;
  }

  @Override
  public void process(int input, RowBatch batch, RowBatch out) {
    boolean checkLate = dropLateAndEvict && context.hasLateWatermark();
    long watermark = context.lateWatermark();
    for (int i = 0, n = batch.size(); i < n; i++) {
      Object[] row = batch.row(i);
      if (checkLate && isFinal(row[keyColumns[timeKey]], watermark)) {
        context.metrics().droppedLateRows++;
        context.lateRows().onLateRow(context.operatorName(), row, watermark, "its group's event time "
            + Values.formatTimestamp(((Number) row[keyColumns[timeKey]]).longValue() + timeOffset) + " is at or before the watermark");
        continue;
      }
      boolean accumulate = RowKind.ofCode(batch.kindCode(i)).isAccumulate();
      Group group = groups.get(probe.of(row));
      if (group == null) {
        if (!accumulate) continue; // retraction of a row this group never saw: nothing to undo
        RowKey key = probe.toKey();
        group = new Group(key, calls);
        groups.put(key, group);
        addTimer(key);
      }
      group.rows += accumulate ? 1 : -1;
      group.accumulators.accumulate(row, accumulate);
      if (ttlColumn >= 0 && row[ttlColumn] != null) age(group, ((Number) row[ttlColumn]).longValue());
      if (!group.dirty) {
        group.dirty = true;
        dirty.add(group.key);
        groups.markChanged(group.key);
      }
    }
  }

  @Override
  public void finishBatch(RowBatch out) {
    for (RowKey key : dirty) {
      Group group = groups.get(key);
      if (group == null) continue;
      group.dirty = false;
      if (group.rows <= 0 && keyColumns.length > 0) {
        if (group.emitted != null && !emitFinalOnly) out.add(RowKind.DELETE, group.emitted);
        groups.remove(key);
        removeTimer(key);
        continue;
      }
      if (!emitFinalOnly) emitChange(group, resultRow(key, group), out);
    }
    dirty.clear();
    if (keyColumns.length == 0 && !globalRowEmitted && !emitFinalOnly) {
      // A global aggregate has one row even over no input, as the batch query has.
      RowKey empty = new RowKey(new Object[0]);
      Group group = groups.get(empty);
      if (group == null) {
        group = new Group(empty, calls);
        groups.put(empty, group);
      }
      if (group.emitted == null) {
        emitChange(group, resultRow(empty, group), out);
        groups.markChanged(empty);
      }
    }
    globalRowEmitted = true;
    if ((dropLateAndEvict || emitFinalOnly) && context.hasWatermark()) {
      closeFinalGroups(context.watermark(), out);
    } else if (evictByProcessingTime) {
      closeFinalGroups(clock.getAsLong(), out);
    } else if (ttlColumn >= 0 && context.hasWatermark()) {
      expire(context.watermark());
    }
  }

  /** Moves the group's newest time to {@code time} if later, and queues the group the first time it has one. */
  private void age(Group group, long time) {
    group.newest = Math.max(group.newest, time);
    if (group.queuedAt == ExpiryQueue.FORGET) {
      group.queuedAt = group.newest + ttlMillis;
      expiries.add(group.key, group.queuedAt);
    }
  }

  /** Drops the groups whose newest row's time plus the TTL is at or before {@code watermark}. */
  private void expire(long watermark) {
    expiries.expire(watermark, new ExpiryQueue.Owner<>() {
      @Override
      public long expiresAt(RowKey key, long at) {
        Group group = groups.get(key);
        if (group == null || group.queuedAt != at) return ExpiryQueue.FORGET; // gone, or made again since
        return group.queuedAt = group.newest + ttlMillis;
      }

      @Override
      public void expire(RowKey key) {
        groups.remove(key);
      }
    });
  }

  private void emitChange(Group group, Object[] row, RowBatch out) {
    if (group.emitted == null) {
      out.add(RowKind.INSERT, row);
    } else if (!Arrays.equals(group.emitted, row)) {
      out.add(RowKind.UPDATE_BEFORE, group.emitted);
      out.add(RowKind.UPDATE_AFTER, row);
    } else {
      return;
    }
    group.emitted = row;
  }

  private void closeFinalGroups(long watermark, RowBatch out) {
    while (!timers.isEmpty() && timers.firstKey() + timeOffset <= watermark) {
      for (RowKey key : timers.pollFirstEntry().getValue().keys) {
        Group group = groups.remove(key);
        if (emitFinalOnly && group != null && group.rows > 0) out.insert(resultRow(key, group));
      }
    }
  }

  @Override
  public boolean hasWorkAt(long watermark) {
    if (ttlColumn >= 0) return expiries.hasDue(watermark);
    return (dropLateAndEvict || emitFinalOnly) && !timers.isEmpty() && timers.firstKey() + timeOffset <= watermark;
  }

  private Object[] resultRow(RowKey key, Group group) {
    Object[] keyValues = key.values();
    Object[] row = new Object[keyValues.length + calls.size()];
    System.arraycopy(keyValues, 0, row, 0, keyValues.length);
    for (int c = 0; c < calls.size(); c++) row[keyValues.length + c] = group.accumulators.result(c);
    return row;
  }

  private boolean isFinal(Object time, long watermark) {
    return time != null && ((Number) time).longValue() + timeOffset <= watermark;
  }

  private void addTimer(RowKey key) {
    if (timeKey < 0 || !(dropLateAndEvict || emitFinalOnly || evictByProcessingTime)) return;
    Object time = key.values()[timeKey];
    if (time == null) return;
    TimerKeys keys = timers.computeIfAbsent(((Number) time).longValue(), t -> new TimerKeys());
    keys.keys.add(key);
    keys.live++;
  }

  private void removeTimer(RowKey key) {
    if (timeKey < 0) return;
    Object time = key.values()[timeKey];
    if (time == null) return;
    TimerKeys keys = timers.get(((Number) time).longValue());
    if (keys != null && --keys.live == 0) timers.remove(((Number) time).longValue());
  }

  /**
   * The keys of the groups final at one time, in a list: a hash set per time cost q5 a node per
   * group and 7% of its time. A removed group's key stays in the list (it closes nothing, as its
   * group is gone, and a group made again under it is closed once) and only the count of live
   * keys drops, so the time leaves the timers when no group is left.
   */
  private static final class TimerKeys {
    final List<RowKey> keys = new ArrayList<>();
    int live;
  }

  @Override
  public long stateRows() {
    return groups.size();
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
  public void writeShared(StateWriter out) throws IOException {
    out.writeBoolean(globalRowEmitted);
  }

  @Override
  public void readShared(StateReader in) throws IOException {
    globalRowEmitted = in.readBoolean();
  }

  @Override
  public void writeKeyGroup(int keyGroup, StateWriter out) throws IOException {
    Map<RowKey, Group> entries = groups.keyGroup(keyGroup);
    out.writeInt(entries.size());
    for (Map.Entry<RowKey, Group> e : entries.entrySet()) {
      out.writeRow(e.getKey().values());
      Group group = e.getValue();
      out.writeLong(group.rows);
      out.writeRow(group.emitted);
      group.accumulators.write(out);
      if (ttlColumn >= 0) out.writeLong(group.newest);
    }
  }

  @Override
  public void readKeyGroup(int keyGroup, StateReader in) throws IOException {
    for (int n = in.readInt(); n > 0; n--) {
      RowKey key = new RowKey(in.readRow());
      Group group = new Group(key, calls);
      group.rows = in.readLong();
      group.emitted = in.readRow();
      group.accumulators.read(in);
      groups.put(key, group);
      addTimer(key);
      if (ttlColumn >= 0) {
        long newest = in.readLong();
        if (newest != ExpiryQueue.FORGET) age(group, newest);
      }
    }
  }

  /** For tests: the groups now held, key values only. */
  Iterator<RowKey> keys() {
    return groups.keys().iterator();
  }
}
