package dev.sluice.runtime.operator;

import dev.sluice.runtime.aggregate.AggregateCall;
import dev.sluice.runtime.aggregate.AggregateCalls;
import dev.sluice.runtime.aggregate.GroupAccumulators;
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
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Aggregation over session windows. A row at time {@code t} opens the session {@code [t, t + gap)};
 * sessions of the same key that overlap or touch merge into one, accumulators and all. Output
 * rows are the group keys ({@code outputKeys}: session key columns, the session's start and end)
 * followed by the aggregates.
 *
 * <p>Outside final-only emission, each batch emits the net change per session: a new session is
 * inserted, a grown one replaces its old row (its key includes the end, so the old row is deleted
 * and the new one inserted), a session merged into another is deleted. With {@code
 * emitFinalOnly} a session is emitted once, when its end is at or before the watermark. With
 * {@code dropLateAndEvict}, a row with {@code t + gap <= watermark} is late, and closed sessions
 * leave state.
 */
public final class SessionWindowAggregateOperator implements Operator, KeyGroupedState {
  public static final int WINDOW_START = -1;
  public static final int WINDOW_END = -2;
  public static final int WINDOW_TIME = -3;

  private final int[] partitionColumns;
  private final int timeColumn;
  private final long gap;
  private final int[] outputKeys;
  private final AggregateCalls calls;
  private final boolean emitFinalOnly;
  private final boolean dropLateAndEvict;

  /** Open sessions per key, by start; sessions of one key never overlap or touch. */
  private final ChangedKeyGroups changedKeyGroups = new ChangedKeyGroups();
  private final KeyGroupedMap<TreeMap<Long, Session>> sessions = new KeyGroupedMap<>(changedKeyGroups);
  /** Keys by the end of one of their sessions, for closing without a scan; entries may be stale. */
  private final TreeMap<Long, Set<RowKey>> timers = new TreeMap<>();
  private final Set<Session> dirty = new LinkedHashSet<>();
  private final List<Object[]> pendingDeletes = new ArrayList<>();
  private long sessionCount;
  private OperatorContext context;

  public SessionWindowAggregateOperator(int[] partitionColumns, int timeColumn, long gap, int[] outputKeys, AggregateCall[] calls,
      boolean emitFinalOnly, boolean dropLateAndEvict) {
    this.partitionColumns = partitionColumns;
    this.timeColumn = timeColumn;
    this.gap = gap;
    this.outputKeys = outputKeys;
    this.calls = new AggregateCalls(calls);
    this.emitFinalOnly = emitFinalOnly;
    this.dropLateAndEvict = dropLateAndEvict;
  }

  private final class Session {
    final RowKey key;
    long start;
    long end;
    long rows;
    Object[] emitted;
    final GroupAccumulators accumulators = calls.newGroup();

    Session(RowKey key, long start, long end) {
      this.key = key;
      this.start = start;
      this.end = end;
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
      if (!RowKind.ofCode(batch.kindCode(i)).isAccumulate()) {
        throw new IllegalStateException("session windows over updating input are not supported");
      }
      Object[] row = batch.row(i);
      Object time = row[timeColumn];
      if (time == null) {
        context.metrics().nullTimeRows++;
        continue;
      }
      long ts = ((Number) time).longValue();
      if (checkLate && ts + gap <= watermark) {
        context.metrics().droppedLateRows++;
        context.lateRows().onLateRow(context.operatorName(), row, watermark,
            "its session [" + Values.formatTimestamp(ts) + ", " + Values.formatTimestamp(ts + gap) + ") ends at or before the watermark");
        continue;
      }
      Session session = sessionFor(RowKey.of(row, partitionColumns), ts);
      session.rows++;
      session.accumulators.accumulate(row, true);
      dirty.add(session);
    }
  }

  /** The session {@code ts} belongs to, after merging every session that {@code [ts, ts + gap)} overlaps or touches. */
  private Session sessionFor(RowKey key, long ts) {
    TreeMap<Long, Session> byStart = sessions.get(key);
    if (byStart == null) {
      byStart = new TreeMap<>();
      sessions.put(key, byStart);
    } else {
      sessions.markChanged(key);
    }
    long start = ts;
    long end = ts + gap;
    List<Session> overlapping = new ArrayList<>();
    for (Session s : byStart.headMap(end, true).descendingMap().values()) {
      if (s.end < start) break;
      overlapping.add(s);
    }
    Session target;
    if (overlapping.isEmpty()) {
      target = new Session(key, start, end);
      sessionCount++;
    } else {
      target = overlapping.get(overlapping.size() - 1); // the earliest keeps its identity
      byStart.remove(target.start);
      for (Session other : overlapping) {
        if (other == target) continue;
        byStart.remove(other.start);
        sessionCount--;
        target.accumulators.merge(other.accumulators);
        target.rows += other.rows;
        target.start = Math.min(target.start, other.start);
        target.end = Math.max(target.end, other.end);
        if (other.emitted != null && !emitFinalOnly) pendingDeletes.add(other.emitted);
        dirty.remove(other);
      }
      target.start = Math.min(target.start, start);
      target.end = Math.max(target.end, end);
    }
    byStart.put(target.start, target);
    timers.computeIfAbsent(target.end, t -> new HashSet<>()).add(key);
    return target;
  }

  @Override
  public void finishBatch(RowBatch out) {
    if (!emitFinalOnly) {
      for (Object[] row : pendingDeletes) out.add(RowKind.DELETE, row);
      for (Session session : dirty) {
        Object[] row = resultRow(session);
        if (session.emitted == null) {
          out.add(RowKind.INSERT, row);
        } else if (!Arrays.equals(session.emitted, row)) {
          out.add(RowKind.UPDATE_BEFORE, session.emitted);
          out.add(RowKind.UPDATE_AFTER, row);
        }
        session.emitted = row;
      }
    }
    pendingDeletes.clear();
    dirty.clear();
    if ((dropLateAndEvict || emitFinalOnly) && context.hasWatermark()) closeSessions(context.watermark(), out);
  }

  private void closeSessions(long watermark, RowBatch out) {
    while (!timers.isEmpty() && timers.firstKey() <= watermark) {
      for (RowKey key : timers.pollFirstEntry().getValue()) {
        TreeMap<Long, Session> byStart = sessions.get(key);
        if (byStart == null) continue;
        sessions.markChanged(key);
        for (Iterator<Session> it = byStart.values().iterator(); it.hasNext(); ) {
          Session session = it.next();
          if (session.end > watermark) break;
          if (emitFinalOnly) out.insert(resultRow(session));
          it.remove();
          sessionCount--;
        }
        if (byStart.isEmpty()) sessions.remove(key);
      }
    }
  }

  @Override
  public boolean hasWorkAt(long watermark) {
    return (dropLateAndEvict || emitFinalOnly) && !timers.isEmpty() && timers.firstKey() <= watermark;
  }

  private Object[] resultRow(Session session) {
    Object[] row = new Object[outputKeys.length + calls.size()];
    Object[] keyValues = session.key.values();
    for (int i = 0; i < outputKeys.length; i++) {
      row[i] = switch (outputKeys[i]) {
        case WINDOW_START -> session.start;
        case WINDOW_END -> session.end;
        case WINDOW_TIME -> session.end - 1;
        default -> keyValues[outputKeys[i]];
      };
    }
    for (int c = 0; c < calls.size(); c++) row[outputKeys.length + c] = session.accumulators.result(c);
    return row;
  }

  @Override
  public long stateRows() {
    return sessionCount;
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
    Map<RowKey, TreeMap<Long, Session>> entries = sessions.keyGroup(keyGroup);
    int count = 0;
    for (TreeMap<Long, Session> byStart : entries.values()) count += byStart.size();
    out.writeInt(count);
    for (TreeMap<Long, Session> byStart : entries.values()) {
      for (Session session : byStart.values()) {
        out.writeRow(session.key.values());
        out.writeLong(session.start);
        out.writeLong(session.end);
        out.writeLong(session.rows);
        out.writeRow(session.emitted);
        session.accumulators.write(out);
      }
    }
  }

  @Override
  public void readKeyGroup(int keyGroup, StateReader in) throws IOException {
    for (int n = in.readInt(); n > 0; n--) {
      RowKey key = new RowKey(in.readRow());
      Session session = new Session(key, in.readLong(), in.readLong());
      session.rows = in.readLong();
      session.emitted = in.readRow();
      session.accumulators.read(in);
      TreeMap<Long, Session> byStart = sessions.get(key);
      if (byStart == null) {
        byStart = new TreeMap<>();
        sessions.put(key, byStart);
      }
      byStart.put(session.start, session);
      timers.computeIfAbsent(session.end, t -> new HashSet<>()).add(key);
      sessionCount++;
    }
  }
}
