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
import java.util.List;
import java.util.TreeMap;

/**
 * Deduplication ({@code ROW_NUMBER() OVER (PARTITION BY key ...) = 1}): emits a row the first time
 * its key is seen and never again, so its output is insert-only and final. When a key column
 * carries event time, a key whose time is at or before the watermark leaves state, and rows for
 * it are dropped as late. Without such a column, a state TTL ({@code 'state.ttl'}) lets a key go
 * once the watermark passes its first row's event time plus the TTL; a later row with the key is
 * then emitted again, as new.
 */
public final class DeduplicateOperator implements Operator, KeyGroupedState {
  private final int[] keyColumns;
  private final int timeKey;
  private final int ttlColumn;
  private final long ttlMillis;
  private final ChangedKeyGroups changedKeyGroups = new ChangedKeyGroups();
  /** The keys seen, each with when it leaves ({@link #NEVER} when it stays). */
  private final KeyGroupedMap<Long> seen = new KeyGroupedMap<>(changedKeyGroups);
  private final TreeMap<Long, List<RowKey>> timers = new TreeMap<>();
  private OperatorContext context;

  private static final Long NEVER = Long.MIN_VALUE;

  /** @param timeKey index into {@code keyColumns} of an event-time column that bounds state, or -1 */
  public DeduplicateOperator(int[] keyColumns, int timeKey) {
    this(keyColumns, timeKey, -1, 0);
  }

  /**
   * @param ttlColumn without a time key, the event-time column a key's age is read from, or -1 for no TTL
   * @param ttlMillis how long past its first row's time a key stays
   */
  public DeduplicateOperator(int[] keyColumns, int timeKey, int ttlColumn, long ttlMillis) {
    this.keyColumns = keyColumns;
    this.timeKey = timeKey;
    this.ttlColumn = timeKey < 0 && ttlMillis > 0 ? ttlColumn : -1;
    this.ttlMillis = ttlMillis;
  }

  @Override
  public void open(OperatorContext context) {
    this.context = context;
  }

  @Override
  public void process(int input, RowBatch batch, RowBatch out) {
    boolean checkLate = timeKey >= 0 && context.hasLateWatermark();
    long watermark = context.lateWatermark();
    for (int i = 0, n = batch.size(); i < n; i++) {
      if (batch.kindCode(i) != RowKind.INSERT.code()) throw new IllegalStateException("deduplication over updating input is not supported");
      Object[] row = batch.row(i);
      RowKey key = RowKey.of(row, keyColumns);
      Object time = timeKey >= 0 ? key.values()[timeKey] : null;
      if (checkLate && time != null && ((Number) time).longValue() <= watermark) {
        context.metrics().droppedLateRows++;
        context.lateRows().onLateRow(context.operatorName(), row, watermark,
            "its key's event time " + Values.formatTimestamp(((Number) time).longValue()) + " is at or before the watermark");
        continue;
      }
      long leaves = time != null ? ((Number) time).longValue()
          : ttlColumn >= 0 && row[ttlColumn] != null ? ((Number) row[ttlColumn]).longValue() + ttlMillis : NEVER;
      if (seen.putIfAbsent(key, leaves) == null) {
        out.insert(row);
        if (leaves != NEVER) timers.computeIfAbsent(leaves, t -> new ArrayList<>()).add(key);
      }
    }
  }

  @Override
  public void finishBatch(RowBatch out) {
    if ((timeKey < 0 && ttlColumn < 0) || !context.hasWatermark()) return;
    while (!timers.isEmpty() && timers.firstKey() <= context.watermark()) {
      for (RowKey key : timers.pollFirstEntry().getValue()) seen.remove(key);
    }
  }

  @Override
  public boolean hasWorkAt(long watermark) {
    return (timeKey >= 0 || ttlColumn >= 0) && !timers.isEmpty() && timers.firstKey() <= watermark;
  }

  @Override
  public long stateRows() {
    return seen.size();
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
    var keys = seen.keyGroup(keyGroup);
    out.writeInt(keys.size());
    for (var e : keys.entrySet()) {
      out.writeRow(e.getKey().values());
      if (ttlColumn >= 0) out.writeLong(e.getValue()); // with a time key, or none, it follows from the key
    }
  }

  @Override
  public void readKeyGroup(int keyGroup, StateReader in) throws IOException {
    for (int n = in.readInt(); n > 0; n--) {
      RowKey key = new RowKey(in.readRow());
      Object time = timeKey >= 0 ? key.values()[timeKey] : null;
      long leaves = ttlColumn >= 0 ? in.readLong() : time != null ? ((Number) time).longValue() : NEVER;
      seen.put(key, leaves);
      if (leaves != NEVER) timers.computeIfAbsent(leaves, t -> new ArrayList<>()).add(key);
    }
  }
}
