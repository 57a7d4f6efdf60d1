package dev.sluice.runtime.operator;

import dev.sluice.runtime.aggregate.Accumulator;
import dev.sluice.runtime.aggregate.AggregateCall;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.data.Values;
import dev.sluice.runtime.state.KeyGroups;
import dev.sluice.runtime.state.RowKey;
import dev.sluice.runtime.state.StateReader;
import dev.sluice.runtime.state.StateWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
 */
public final class GroupAggregateOperator implements Operator {
  private final int[] keyColumns;
  private final AggregateCall[] calls;
  private final int timeKey;
  private final long timeOffset;
  private final boolean dropLateAndEvict;
  private final boolean emitFinalOnly;

  private final Map<RowKey, Group> groups = new HashMap<>();
  private final List<RowKey> dirty = new ArrayList<>();
  /** Groups by the time at which they become final, for eviction without a scan. */
  private final TreeMap<Long, Set<RowKey>> timers = new TreeMap<>();
  private OperatorContext context;
  private boolean globalRowEmitted;

  /**
   * @param timeKey index into {@code keyColumns} of the event-time key, or -1
   * @param timeOffset added to the event-time key to get the time the group becomes final
   */
  public GroupAggregateOperator(
      int[] keyColumns, AggregateCall[] calls, int timeKey, long timeOffset, boolean dropLateAndEvict, boolean emitFinalOnly) {
    if ((dropLateAndEvict || emitFinalOnly) && timeKey < 0) {
      throw new IllegalArgumentException("eviction and final-only emission need an event-time key");
    }
    this.keyColumns = keyColumns;
    this.calls = calls;
    this.timeKey = timeKey;
    this.timeOffset = timeOffset;
    this.dropLateAndEvict = dropLateAndEvict;
    this.emitFinalOnly = emitFinalOnly;
  }

  private static final class Group {
    final Accumulator[] accumulators;
    long rows;
    Object[] emitted;
    boolean dirty;

    Group(AggregateCall[] calls) {
      accumulators = new Accumulator[calls.length];
      for (int i = 0; i < calls.length; i++) accumulators[i] = calls[i].newAccumulator();
    }
  }

  @Override
  public void open(OperatorContext context) {
    this.context = context;
  }

  @Override
  public void process(int input, RowBatch batch, RowBatch out) {
    boolean checkLate = dropLateAndEvict && context.hasWatermark();
    long watermark = context.watermark();
    for (int i = 0, n = batch.size(); i < n; i++) {
      Object[] row = batch.row(i);
      RowKey key = RowKey.of(row, keyColumns);
      if (checkLate && isFinal(key, watermark)) {
        context.metrics().droppedLateRows++;
        context.lateRows().onLateRow(context.operatorName(), row, watermark,
            "its group's event time " + Values.formatTimestamp(finalTime(key)) + " is at or before the watermark");
        continue;
      }
      boolean accumulate = RowKind.ofCode(batch.kindCode(i)).isAccumulate();
      Group group = groups.get(key);
      if (group == null) {
        if (!accumulate) continue; // retraction of a row this group never saw: nothing to undo
        group = new Group(calls);
        groups.put(key, group);
        addTimer(key);
      }
      group.rows += accumulate ? 1 : -1;
      for (int c = 0; c < calls.length; c++) {
        AggregateCall call = calls[c];
        if (call.filterArgument() >= 0 && !Boolean.TRUE.equals(row[call.filterArgument()])) continue;
        Object value = call.argument() < 0 ? Boolean.TRUE : row[call.argument()];
        if (accumulate) group.accumulators[c].add(value);
        else group.accumulators[c].retract(value);
      }
      if (!group.dirty) {
        group.dirty = true;
        dirty.add(key);
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
      Group group = groups.computeIfAbsent(new RowKey(new Object[0]), k -> new Group(calls));
      if (group.emitted == null) emitChange(group, resultRow(new RowKey(new Object[0]), group), out);
    }
    globalRowEmitted = true;
    if ((dropLateAndEvict || emitFinalOnly) && context.hasWatermark()) {
      closeFinalGroups(context.watermark(), out);
    }
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
      for (RowKey key : timers.pollFirstEntry().getValue()) {
        Group group = groups.remove(key);
        if (emitFinalOnly && group != null && group.rows > 0) out.insert(resultRow(key, group));
      }
    }
  }

  @Override
  public boolean hasWorkAt(long watermark) {
    return (dropLateAndEvict || emitFinalOnly) && !timers.isEmpty() && timers.firstKey() + timeOffset <= watermark;
  }

  private Object[] resultRow(RowKey key, Group group) {
    Object[] keyValues = key.values();
    Object[] row = new Object[keyValues.length + calls.length];
    System.arraycopy(keyValues, 0, row, 0, keyValues.length);
    for (int c = 0; c < calls.length; c++) row[keyValues.length + c] = group.accumulators[c].result();
    return row;
  }

  private long finalTime(RowKey key) {
    return ((Number) key.values()[timeKey]).longValue() + timeOffset;
  }

  private boolean isFinal(RowKey key, long watermark) {
    Object time = key.values()[timeKey];
    return time != null && ((Number) time).longValue() + timeOffset <= watermark;
  }

  private void addTimer(RowKey key) {
    if (timeKey < 0 || !(dropLateAndEvict || emitFinalOnly)) return;
    Object time = key.values()[timeKey];
    if (time != null) timers.computeIfAbsent(((Number) time).longValue(), t -> new HashSet<>()).add(key);
  }

  private void removeTimer(RowKey key) {
    if (timeKey < 0) return;
    Object time = key.values()[timeKey];
    if (time == null) return;
    Set<RowKey> keys = timers.get(((Number) time).longValue());
    if (keys != null && keys.remove(key) && keys.isEmpty()) timers.remove(((Number) time).longValue());
  }

  @Override
  public long stateRows() {
    return groups.size();
  }

  @Override
  public void snapshotState(StateWriter writer) throws IOException {
    writer.writeBoolean(globalRowEmitted);
    List<List<Map.Entry<RowKey, Group>>> byKeyGroup = new ArrayList<>(KeyGroups.COUNT);
    for (int g = 0; g < KeyGroups.COUNT; g++) byKeyGroup.add(new ArrayList<>());
    for (Map.Entry<RowKey, Group> e : groups.entrySet()) byKeyGroup.get(e.getKey().keyGroup()).add(e);
    for (List<Map.Entry<RowKey, Group>> entries : byKeyGroup) {
      writer.writeInt(entries.size());
      for (Map.Entry<RowKey, Group> e : entries) {
        writer.writeRow(e.getKey().values());
        Group group = e.getValue();
        writer.writeLong(group.rows);
        writer.writeRow(group.emitted);
        for (Accumulator a : group.accumulators) a.write(writer);
      }
    }
  }

  @Override
  public void restoreState(StateReader reader) throws IOException {
    groups.clear();
    timers.clear();
    globalRowEmitted = reader.readBoolean();
    for (int g = 0; g < KeyGroups.COUNT; g++) {
      for (int n = reader.readInt(); n > 0; n--) {
        RowKey key = new RowKey(reader.readRow());
        Group group = new Group(calls);
        group.rows = reader.readLong();
        group.emitted = reader.readRow();
        for (Accumulator a : group.accumulators) a.read(reader);
        groups.put(key, group);
        addTimer(key);
      }
    }
  }

  /** For tests: the groups now held, key values only. */
  Iterator<RowKey> keys() {
    return groups.keySet().iterator();
  }
}
