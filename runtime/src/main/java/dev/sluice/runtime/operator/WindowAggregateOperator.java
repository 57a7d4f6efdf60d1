package dev.sluice.runtime.operator;

import dev.sluice.runtime.aggregate.AggregateCall;
import dev.sluice.runtime.aggregate.LongRowAggregates;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.state.ChangedKeyGroups;
import dev.sluice.runtime.state.KeyGroupedState;
import dev.sluice.runtime.state.KeyGroups;
import dev.sluice.runtime.state.LongKeyTable;
import dev.sluice.runtime.state.StateReader;
import dev.sluice.runtime.state.StateWriter;
import dev.sluice.runtime.type.TypeKind;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * A tumbling or sliding window's aggregation in append mode, window assignment included: what
 * {@link WindowAssignerOperator} (dropping late windows) followed by {@link GroupAggregateOperator}
 * (evicting, emitting final groups only) compute over insert-only input, without a copy of each
 * row per window and in primitive state. {@link #handles} says when it applies: the groups are the
 * windows, or the windows times one whole-number column; the aggregates are {@link
 * LongRowAggregates}'. It emits the same rows at the same watermarks, drops and counts the same
 * late rows, reports the same state rows (one per key and window) and writes the same checkpoint,
 * so either plan restores the other's state.
 *
 * <p>Each open window has a {@link LongKeyTable} from key to the aggregates' row. A window closes
 * when the watermark reaches its end: its groups are emitted and its table dropped whole, with no
 * timer per group. A row updates its windows' tables directly; the last windows used are found
 * again without a tree lookup.
 */
public final class WindowAggregateOperator implements Operator, KeyGroupedState {
  /** What each output key column holds. */
  private static final byte KEY = 0;
  private static final byte WINDOW_START = 1;
  private static final byte WINDOW_END = 2;

  private static final byte INSERT = RowKind.INSERT.code();
  /** Windows found again by their position on the slide grid; a power of two. */
  private static final int CACHED_WINDOWS = 16;

  private final int timeColumn;
  private final long size;
  private final long slide;
  private final long offset;
  private final int keyColumn;
  private final Class<?> keyClass;
  private final byte[] outputKeys;
  private final LongRowAggregates aggregates;

  /** What {@link #keyGroup} multiplies the key's hash by: 31 to the power of the key columns after it. */
  private final int keyHashFactor;

  /** The open windows by start. */
  private final TreeMap<Long, Window> windows = new TreeMap<>();
  private final Window[] cachedWindows = new Window[CACHED_WINDOWS];
  /** The start of the last window of the last row, and its number on the slide grid: no window yet starts at the largest time. */
  private long lastStart = Long.MAX_VALUE;
  private long lastWindow;
  private final ChangedKeyGroups changedKeyGroups = new ChangedKeyGroups();
  /** Per key group its groups as (window start, slot) pairs, built for a checkpoint; null once state changes. */
  private long[][] checkpointIndex;
  /** Written as {@link GroupAggregateOperator} writes its flag, so their checkpoints are the same. */
  private boolean finishedABatch;
  private OperatorContext context;
  /** Windows updated since the last look at {@link OperatorContext#stopRequested()}: a row may fall in thousands. */
  private int windowsSinceStopCheck;

  /**
   * @param timeColumn the event-time column; with {@code size}, {@code slide} and {@code offset}
   *     the windows, as {@link WindowAssignerOperator} takes them
   * @param keyColumns the grouping as {@link GroupAggregateOperator} takes it, over the assigner's
   *     output: {@code inputWidth} is {@code window_start}, {@code inputWidth + 1} {@code window_end},
   *     and at most one other column of the input
   * @param keyKind the type of that other column, or null when there is none
   * @param calls aggregates for which {@link LongRowAggregates#handles} holds
   */
  public WindowAggregateOperator(
      int timeColumn, long size, long slide, long offset, int inputWidth, int[] keyColumns, TypeKind keyKind, AggregateCall[] calls) {
    if (size <= 0 || slide <= 0) throw new IllegalArgumentException("window size and slide must be positive");
    this.timeColumn = timeColumn;
    this.size = size;
    this.slide = slide;
    this.offset = offset;
    this.outputKeys = new byte[keyColumns.length];
    int key = -1;
    for (int k = 0; k < keyColumns.length; k++) {
      if (keyColumns[k] == inputWidth) {
        outputKeys[k] = WINDOW_START;
      } else if (keyColumns[k] == inputWidth + 1) {
        outputKeys[k] = WINDOW_END;
      } else {
        if (key >= 0 || keyColumns[k] > inputWidth + 1) throw new IllegalArgumentException("not a window grouping: " + Arrays.toString(keyColumns));
        outputKeys[k] = KEY;
        key = keyColumns[k];
      }
    }
    this.keyColumn = key;
    this.keyClass = keyKind == null ? Long.class : keyKind.javaClass();
    this.aggregates = new LongRowAggregates(calls);
    int factor = 1;
    for (int k = outputKeys.length - 1; k >= 0 && outputKeys[k] != KEY; k--) factor *= 31;
    this.keyHashFactor = factor;
  }

  /** An open window: its groups, each a key and its aggregates' row, and what its bounds add to a group's hash. */
  private final class Window {
    final long start;
    final LongKeyTable table = new LongKeyTable(aggregates.width(), keyClass == Long.class);
    /**
     * A group's key row hashes as {@code 31^n + sum of 31^(n-1-k) * hash(value k)} (see {@link
     * dev.sluice.runtime.state.RowKey}): all of it but the key's part, which is its hash times
     * {@link #keyHashFactor}.
     */
    final int hashBase;

    Window(long start) {
      this.start = start;
      int h = 1;
      for (byte column : outputKeys) {
        h = 31 * h + switch (column) {
          case KEY -> 0;
          case WINDOW_START -> Long.hashCode(start);
          default -> Long.hashCode(start + size);
        };
      }
      this.hashBase = h;
    }

    /** The key group of the group in {@code slot}, as {@link GroupAggregateOperator} keys it. */
    int keyGroup(int slot) {
      return WindowAggregateOperator.this.keyGroup(keyColumn < 0 || table.isNull(slot) ? 0 : keyHash(table.key(slot)), this);
    }
  }

  /**
   * Whether this operator computes a window assigner feeding a final-only, evicting group
   * aggregation with these arguments, its input insert-only: {@code keyColumns} (over the
   * assigner's output) are {@code window_start}, {@code window_end} and at most one whole-number
   * column of the input, and a group is final when the watermark reaches its window's end ({@code
   * timeKey} is a window bound, {@code timeOffset} what that bound adds to reach the end); the
   * aggregates read input columns only, and {@link LongRowAggregates#handles} them.
   *
   * @param inputKinds the type of each input column, before the window's
   */
  public static boolean handles(int[] keyColumns, int timeKey, long timeOffset, long size, AggregateCall[] calls, List<TypeKind> inputKinds) {
    int width = inputKinds.size();
    if (timeKey < 0 || keyColumns[timeKey] < width || timeOffset != (keyColumns[timeKey] == width ? size : 0)) return false;
    boolean start = false;
    boolean end = false;
    int others = 0;
    for (int column : keyColumns) {
      if (column == width) start = true;
      else if (column == width + 1) end = true;
      else if (column > width + 1 || others++ > 0 || !LongRowAggregates.isWholeNumber(inputKinds.get(column))) return false;
    }
    if (!start || !end || keyColumns.length != 2 + others) return false;
    for (AggregateCall call : calls) {
      if (call.argument() >= width || call.filterArgument() >= width) return false;
    }
    return LongRowAggregates.handles(calls, inputKinds);
  }

  @Override
  public void open(OperatorContext context) {
    this.context = context;
  }

  @Override
  public void process(int input, RowBatch batch, RowBatch out) {
    checkpointIndex = null;
    boolean checkLate = context.hasLateWatermark();
    long watermark = context.lateWatermark();
    for (int i = 0, n = batch.size(); i < n; i++) {
      if (batch.kindCode(i) != INSERT) throw new IllegalStateException("a window aggregation over insert-only input received a retraction");
      Object[] row = batch.row(i);
      Object time = row[timeColumn];
      if (time == null) {
        context.metrics().nullTimeRows++;
        continue;
      }
      long ts = ((Number) time).longValue();
      Object keyValue = keyColumn < 0 ? null : row[keyColumn];
      long key = keyValue == null ? 0 : ((Number) keyValue).longValue();
      int keyHash = keyValue == null ? 0 : keyHash(key);
      if (ts < lastStart || ts >= lastStart + slide) {
        // Rows mostly arrive in time order: the divisions run once per slide, not per row.
        lastStart = ts - Math.floorMod(ts - offset, slide);
        lastWindow = Math.floorDiv(lastStart - offset, slide);
      }
      boolean missedOne = false;
      for (long start = lastStart, w = lastWindow; start > ts - size; start -= slide, w--) {
        if (++windowsSinceStopCheck == OperatorContext.STOP_CHECK_INTERVAL) {
          windowsSinceStopCheck = 0;
          if (context.stopRequested()) throw new QueryStoppedException(context.operatorName());
        }
        if (checkLate && start + size <= watermark) {
          missedOne = true; // and so are the earlier windows still to come
          break;
        }
        Window window = window(start, (int) w & (CACHED_WINDOWS - 1));
        LongKeyTable table = window.table;
        int slot = keyValue == null ? table.nullSlot() : table.slotOf(key);
        if (slot < 0) slot = keyValue == null ? table.addNull() : table.add(key);
        aggregates.accumulate(table.rows(), table.offset(slot), row, true);
        changedKeyGroups.mark(keyGroup(keyHash, window));
      }
      if (missedOne) WindowAssignerOperator.dropLate(context, row, ts, watermark);
    }
  }

  /** The window at {@code start}, made if new; {@code cached} is its place in the cache. */
  private Window window(long start, int cached) {
    Window window = cachedWindows[cached];
    if (window != null && window.start == start) return window;
    window = windows.computeIfAbsent(start, Window::new);
    cachedWindows[cached] = window;
    return window;
  }

  private int keyHash(long key) {
    return keyClass == Long.class ? Long.hashCode(key) : (int) key;
  }

  private int keyGroup(int keyHash, Window window) {
    return KeyGroups.of(window.hashBase + keyHashFactor * keyHash);
  }

  @Override
  public void finishBatch(RowBatch out) {
    finishedABatch = true;
    if (!context.hasWatermark()) return;
    long watermark = context.watermark();
    while (!windows.isEmpty() && windows.firstKey() + size <= watermark) {
      checkpointIndex = null;
      Window window = windows.pollFirstEntry().getValue();
      LongKeyTable table = window.table;
      long[] rows = table.rows();
      for (int slot = table.nextSlot(0); slot >= 0; slot = table.nextSlot(slot + 1)) {
        changedKeyGroups.mark(window.keyGroup(slot));
        if (rows[table.offset(slot) + LongRowAggregates.ROWS] > 0) out.insert(resultRow(window, slot));
      }
      int cached = (int) Math.floorDiv(window.start - offset, slide) & (CACHED_WINDOWS - 1);
      if (cachedWindows[cached] == window) cachedWindows[cached] = null;
    }
  }

  @Override
  public boolean hasWorkAt(long watermark) {
    return !windows.isEmpty() && windows.firstKey() + size <= watermark;
  }

  private Object[] resultRow(Window window, int slot) {
    Object[] row = new Object[outputKeys.length + aggregates.size()];
    keyRow(window, slot, row);
    aggregates.result(window.table.rows(), window.table.offset(slot), row, outputKeys.length);
    return row;
  }

  /** Writes the group's key values, in the grouping's order, at the start of {@code row}. */
  private void keyRow(Window window, int slot, Object[] row) {
    LongKeyTable table = window.table;
    for (int k = 0; k < outputKeys.length; k++) {
      row[k] = switch (outputKeys[k]) {
        case KEY -> table.isNull(slot) ? null : LongRowAggregates.box(table.key(slot), keyClass);
        case WINDOW_START -> window.start;
        default -> window.start + size;
      };
    }
  }

  @Override
  public long stateRows() {
    long rows = 0;
    for (Window window : windows.values()) rows += window.table.size();
    return rows;
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
    out.writeBoolean(finishedABatch);
  }

  @Override
  public void readShared(StateReader in) throws IOException {
    finishedABatch = in.readBoolean();
  }

  /**
   * Writes the groups of {@code keyGroup} as {@link GroupAggregateOperator} does: per group its key
   * row, row count, emitted row (none: a group is emitted when it leaves) and each aggregate's
   * state.
   */
  @Override
  public void writeKeyGroup(int keyGroup, StateWriter out) throws IOException {
    if (checkpointIndex == null) checkpointIndex = indexByKeyGroup();
    long[] groups = checkpointIndex[keyGroup];
    int count = groups == null ? 0 : (int) groups[0];
    out.writeInt(count);
    for (int g = 0; g < count; g++) {
      long start = groups[1 + 2 * g];
      int slot = (int) groups[2 + 2 * g];
      Window window = windows.get(start);
      Object[] key = new Object[outputKeys.length];
      keyRow(window, slot, key);
      out.writeRow(key);
      long[] rows = window.table.rows();
      int base = window.table.offset(slot);
      out.writeLong(rows[base + LongRowAggregates.ROWS]);
      out.writeRow(null);
      aggregates.write(rows, base, out);
    }
  }

  /** Per key group a count, then its groups' (window start, slot) pairs: one pass over the state for a whole checkpoint. */
  private long[][] indexByKeyGroup() {
    long[][] index = new long[KeyGroups.COUNT][];
    for (Window window : windows.values()) {
      LongKeyTable table = window.table;
      for (int slot = table.nextSlot(0); slot >= 0; slot = table.nextSlot(slot + 1)) {
        int group = window.keyGroup(slot);
        long[] entries = index[group];
        if (entries == null) entries = index[group] = new long[9];
        int count = (int) entries[0];
        if (2 * count + 3 > entries.length) entries = index[group] = Arrays.copyOf(entries, 2 * entries.length + 1);
        entries[1 + 2 * count] = window.start;
        entries[2 + 2 * count] = slot;
        entries[0] = count + 1;
      }
    }
    return index;
  }

  @Override
  public void readKeyGroup(int keyGroup, StateReader in) throws IOException {
    checkpointIndex = null;
    for (int n = in.readInt(); n > 0; n--) {
      Object[] key = in.readRow();
      Object keyValue = null;
      long start = 0;
      for (int k = 0; k < outputKeys.length; k++) {
        switch (outputKeys[k]) {
          case KEY -> keyValue = key[k];
          case WINDOW_START -> start = ((Number) key[k]).longValue();
          default -> { }
        }
      }
      LongKeyTable table = windows.computeIfAbsent(start, Window::new).table;
      int slot = keyValue == null ? table.addNull() : table.add(((Number) keyValue).longValue());
      long[] rows = table.rows();
      int base = table.offset(slot);
      rows[base + LongRowAggregates.ROWS] = in.readLong();
      in.readRow(); // the emitted row: none before a group closes
      aggregates.read(in, rows, base);
    }
  }
}
