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
import dev.sluice.runtime.state.KeyGroups;
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
 * emitFinalOnly} a session is emitted once, when its end is at or before the watermark.
 *
 * <p>With {@code dropLateAndEvict}, closed sessions leave state, and a row is late when {@code t +
 * gap <= watermark} or when it would overlap or touch a session of its key that has closed (its
 * end at or before the watermark, whether or not a batch has yet acted on that): a closed session is
 * final, so output is a valid sessionization however the input was batched. Once a key's sessions
 * are gone its last closed end is remembered, until that end plus the gap is at or before the
 * watermark: only then must every row that could touch it be late by {@code t + gap} alone.
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

  /** Per key, its open sessions and the end of its last closed one. */
  private final ChangedKeyGroups changedKeyGroups = new ChangedKeyGroups();
  private final KeyGroupedMap<KeySessions> sessions = new KeyGroupedMap<>(changedKeyGroups);
  /**
   * Keys by when they have work: the end of one of their sessions (to close it) or a closed end
   * plus the gap (to forget it), so neither needs a scan; entries may be stale.
   */
  private final TreeMap<Long, Set<RowKey>> timers = new TreeMap<>();
  private final Set<Session> dirty = new LinkedHashSet<>();
  private final List<Object[]> pendingDeletes = new ArrayList<>();
  /** Reused by {@link #process} for the sessions a row overlaps or touches, latest first. */
  private final List<Session> overlapping = new ArrayList<>();
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

  /** {@link KeySessions#closedEnd} of a key none of whose sessions has closed, or whose last closed end was forgotten. */
  private static final long NONE_CLOSED = Long.MIN_VALUE;

  /** One key's state: sessions of one key never overlap or touch, open or closed. */
  private static final class KeySessions {
    /** The open sessions, by start. */
    final TreeMap<Long, Session> open = new TreeMap<>();
    /** The largest end of a session of the key that closed, while a row could still touch it; or {@link #NONE_CLOSED}. */
    long closedEnd = NONE_CLOSED;
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
        dropLate(row, watermark,
            "its session [" + Values.formatTimestamp(ts) + ", " + Values.formatTimestamp(ts + gap) + ") ends at or before the watermark");
        continue;
      }
      RowKey key = RowKey.of(row, partitionColumns);
      KeySessions state = sessions.get(key);
      overlapping.clear();
      if (state != null) overlapping(state.open, ts);
      if (checkLate && state != null) {
        // A row on time by its own end (ts + gap > watermark) reaches past every closed session, so it touches one
        // exactly when ts <= the last closed end: of sessions still in state (no batch has closed them yet) or kept.
        long closedEnd = state.closedEnd;
        for (Session s : overlapping) {
          if (s.end <= watermark) closedEnd = Math.max(closedEnd, s.end);
        }
        if (closedEnd != NONE_CLOSED && ts <= closedEnd) {
          dropLate(row, watermark, "its session [" + Values.formatTimestamp(ts) + ", " + Values.formatTimestamp(ts + gap)
              + ") would touch a session that closed at " + Values.formatTimestamp(closedEnd));
          continue;
        }
      }
      if (state == null) {
        state = new KeySessions();
        sessions.put(key, state);
      } else {
        sessions.markChanged(key);
      }
      Session session = merge(key, state.open, ts);
      session.rows++;
      session.accumulators.accumulate(row, true);
      dirty.add(session);
    }
  }

  private void dropLate(Object[] row, long watermark, String reason) {
    context.metrics().droppedLateRows++;
    context.lateRows().onLateRow(context.operatorName(), row, watermark, reason);
  }

  /** The sessions of {@code byStart} that {@code [ts, ts + gap)} overlaps or touches, latest first, into {@link #overlapping}. */
  private void overlapping(TreeMap<Long, Session> byStart, long ts) {
    for (Session s : byStart.headMap(ts + gap, true).descendingMap().values()) {
      if (s.end < ts) break;
      overlapping.add(s);
    }
  }

  /** The session {@code ts} belongs to, after merging the {@link #overlapping} sessions of {@code byStart} into one. */
  private Session merge(RowKey key, TreeMap<Long, Session> byStart, long ts) {
    long start = ts;
    long end = ts + gap;
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
        KeySessions state = sessions.get(key);
        if (state == null) continue;
        sessions.markChanged(key);
        for (Iterator<Session> it = state.open.values().iterator(); it.hasNext(); ) {
          Session session = it.next();
          if (session.end > watermark) break;
          if (emitFinalOnly) out.insert(resultRow(session));
          state.closedEnd = Math.max(state.closedEnd, session.end);
          it.remove();
          sessionCount--;
        }
        // A row that could touch the closed end has ts <= closedEnd; once closedEnd + gap <= watermark every such row is late anyway.
        if (state.closedEnd != NONE_CLOSED && state.closedEnd + gap <= watermark) state.closedEnd = NONE_CLOSED;
        if (state.open.isEmpty() && state.closedEnd == NONE_CLOSED) sessions.remove(key);
        else if (state.closedEnd != NONE_CLOSED) timers.computeIfAbsent(state.closedEnd + gap, t -> new HashSet<>()).add(key);
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

  /** Per key: the key, its last closed end (or {@link #NONE_CLOSED}), its open sessions' count, then each session. */
  @Override
  public void writeKeyGroup(int keyGroup, StateWriter out) throws IOException {
    Map<RowKey, KeySessions> entries = sessions.keyGroup(keyGroup);
    out.writeInt(entries.size());
    for (Map.Entry<RowKey, KeySessions> entry : entries.entrySet()) {
      KeySessions state = entry.getValue();
      out.writeRow(entry.getKey().values());
      out.writeLong(state.closedEnd);
      out.writeInt(state.open.size());
      for (Session session : state.open.values()) {
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
    for (int keys = in.readInt(); keys > 0; keys--) {
      RowKey key = new RowKey(in.readRow());
      KeySessions state = new KeySessions();
      state.closedEnd = in.readLong();
      if (state.closedEnd != NONE_CLOSED) timers.computeIfAbsent(state.closedEnd + gap, t -> new HashSet<>()).add(key);
      for (int n = in.readInt(); n > 0; n--) {
        Session session = new Session(key, in.readLong(), in.readLong());
        session.rows = in.readLong();
        session.emitted = in.readRow();
        session.accumulators.read(in);
        state.open.put(session.start, session);
        timers.computeIfAbsent(session.end, t -> new HashSet<>()).add(key);
        sessionCount++;
      }
      sessions.put(key, state);
    }
  }

  /** Keys whose last closed end is remembered, for tests that state stays bounded. */
  int rememberedClosedEnds() {
    int count = 0;
    for (int g = 0; g < KeyGroups.COUNT; g++) {
      for (KeySessions state : sessions.keyGroup(g).values()) {
        if (state.closedEnd != NONE_CLOSED) count++;
      }
    }
    return count;
  }
}
