package dev.sluice.runtime.operator;

import dev.sluice.runtime.aggregate.AggregateCall;
import dev.sluice.runtime.aggregate.LongRowAggregates;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.state.ChangedKeyGroups;
import dev.sluice.runtime.state.KeyGroupedState;
import dev.sluice.runtime.state.LongKeyTable;
import dev.sluice.runtime.state.StateReader;
import dev.sluice.runtime.state.StateWriter;
import dev.sluice.runtime.type.TypeKind;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * {@link GroupAggregateOperator} for its most common case, in primitive state: {@code GROUP BY} one
 * whole-number column that carries no event time, with {@code COUNT}, {@code SUM} and (over
 * insert-only input) {@code MIN}/{@code MAX} of whole numbers, each possibly with {@code FILTER}.
 * {@link #handles} says when it applies; it then emits the same changes batch by batch, reports the
 * same state rows and writes the same checkpoint, so either operator restores the other's state.
 *
 * <p>Per key it keeps the aggregates' row of longs ({@link LongRowAggregates}) in a {@link
 * LongKeyTable}. Nothing is allocated per input row.
 *
 * <p>What was emitted for a key needs no state of its own: after every batch the emitted row is the
 * result of the key's row, so a batch copies a key's row when it first touches it (the dirty list)
 * and {@link #finishBatch} compares that copy with the row now: {@code +I} for a new key, {@code
 * -U}/{@code +U} for a changed result, {@code -D} when the row count dropped to 0.
 *
 * <p>{@code MIN} and {@code MAX} under retraction need every value of the group, which is what
 * {@link GroupAggregateOperator} keeps; this operator takes them over insert-only input only.
 */
public final class LongKeyGroupAggregateOperator implements Operator, KeyGroupedState {
  private static final byte INSERT = RowKind.INSERT.code();
  private static final byte UPDATE_AFTER = RowKind.UPDATE_AFTER.code();

  /** Trimming leaves the dirty list this many entries at least: a few tens of kilobytes. */
  private static final int MIN_TRIMMED_DIRTY_LIST = 1024;

  private static final int ROWS = LongRowAggregates.ROWS;

  private final int keyColumn;
  private final Class<?> keyClass;
  private final LongRowAggregates aggregates;
  private final LongKeyTable table;
  private final int width;

  private final ChangedKeyGroups changedKeyGroups = new ChangedKeyGroups();
  /** Per key touched in this batch, in order of first touch: its slot, its key, its row as the batch found it. */
  private int[] dirtySlots = new int[16];
  private long[] dirtyKeys = new long[16];
  private long[] dirtyBefore;
  private int dirtyCount;
  /** Which entry of the dirty list is the NULL key, or -1. */
  private int nullKeyDirtyIndex = -1;
  /** One bit per slot of the table: touched in this batch. */
  private long[] dirtyBits;
  /** Written as {@link GroupAggregateOperator} writes its flag, so their checkpoints are the same. */
  private boolean finishedABatch;

  /**
   * @param keyKind the type of the key column, whose values are {@code Long}, {@code Integer},
   *     {@code Short} or {@code Byte}
   * @param calls aggregates for which {@link #handles} holds
   */
  public LongKeyGroupAggregateOperator(int keyColumn, TypeKind keyKind, AggregateCall[] calls) {
    if (!isWholeNumberClass(keyKind.javaClass())) throw new IllegalArgumentException("a " + keyKind + " key is not a whole number");
    this.keyColumn = keyColumn;
    this.keyClass = keyKind.javaClass();
    this.aggregates = new LongRowAggregates(calls);
    this.width = aggregates.width();
    this.table = new LongKeyTable(width, keyClass == Long.class);
    this.dirtyBefore = new long[16 * width];
    this.dirtyBits = new long[bitWords(table.capacity())];
  }

  /**
   * Whether this operator computes a {@link GroupAggregateOperator} with these arguments (and no
   * eviction or final-only emission, which need {@code timeKey >= 0}): one key column of a
   * whole-number type and no event-time key, and aggregates {@link LongRowAggregates#handles} takes.
   *
   * @param columnKinds the type of each input column
   */
  public static boolean handles(int[] keyColumns, AggregateCall[] calls, int timeKey, List<TypeKind> columnKinds) {
    return keyColumns.length == 1 && timeKey < 0 && isWholeNumberClass(columnKinds.get(keyColumns[0]).javaClass())
        && LongRowAggregates.handles(calls, columnKinds);
  }

  private static boolean isWholeNumberClass(Class<?> type) {
    return type == Long.class || type == Integer.class || type == Short.class || type == Byte.class;
  }

  @Override
  public void open(OperatorContext context) {}

  @Override
  public void process(int input, RowBatch batch, RowBatch out) {
    long[] rows = table.rows();
    for (int i = 0, n = batch.size(); i < n; i++) {
      Object[] row = batch.row(i);
      byte kind = batch.kindCode(i);
      boolean accumulate = kind == INSERT || kind == UPDATE_AFTER;
      Object keyValue = row[keyColumn];
      long key = keyValue == null ? 0 : ((Number) keyValue).longValue();
      int slot = keyValue == null ? table.nullSlot() : table.slotOf(key);
      if (slot < 0) {
        if (!accumulate) continue; // retraction of a row this key never saw: nothing to undo
        int capacity = table.capacity();
        slot = keyValue == null ? table.addNull() : table.add(key);
        if (table.capacity() != capacity) {
          rows = table.rows();
          relocateDirty();
        }
      }
      if ((dirtyBits[slot >>> 6] & (1L << slot)) == 0) touch(slot, key, keyValue == null, rows);
      aggregates.accumulate(rows, table.offset(slot), row, accumulate);
    }
  }

  /** Puts the key in {@code slot} on the dirty list with a copy of its row, and marks its key group changed. */
  private void touch(int slot, long key, boolean isNull, long[] rows) {
    if (dirtyCount == dirtySlots.length) {
      int grown = dirtyCount * 2;
      dirtySlots = Arrays.copyOf(dirtySlots, grown);
      dirtyKeys = Arrays.copyOf(dirtyKeys, grown);
      dirtyBefore = Arrays.copyOf(dirtyBefore, grown * width);
    }
    dirtySlots[dirtyCount] = slot;
    dirtyKeys[dirtyCount] = key;
    if (isNull) nullKeyDirtyIndex = dirtyCount;
    System.arraycopy(rows, table.offset(slot), dirtyBefore, dirtyCount * width, width);
    dirtyCount++;
    dirtyBits[slot >>> 6] |= 1L << slot;
    changedKeyGroups.mark(table.keyGroup(slot));
  }

  /** After the table grew, finds the dirty keys' new slots. */
  private void relocateDirty() {
    dirtyBits = new long[bitWords(table.capacity())];
    for (int d = 0; d < dirtyCount; d++) {
      int slot = d == nullKeyDirtyIndex ? table.nullSlot() : table.slotOf(dirtyKeys[d]);
      dirtySlots[d] = slot;
      dirtyBits[slot >>> 6] |= 1L << slot;
    }
  }

  @Override
  public void finishBatch(RowBatch out) {
    finishedABatch = true;
    long[] rows = table.rows();
    boolean anyEmptied = false;
    for (int d = 0; d < dirtyCount; d++) {
      int slot = dirtySlots[d];
      dirtyBits[slot >>> 6] &= ~(1L << slot);
      int before = d * width;
      int now = table.offset(slot);
      boolean wasEmitted = dirtyBefore[before + ROWS] > 0; // every key held between batches has rows and was emitted
      if (rows[now + ROWS] <= 0) {
        if (wasEmitted) out.add(RowKind.DELETE, resultRow(dirtyKey(d), dirtyBefore, before));
        dirtySlots[d] = -1;
        anyEmptied = true;
      } else if (!wasEmitted) {
        out.add(RowKind.INSERT, resultRow(dirtyKey(d), rows, now));
      } else if (!aggregates.sameResult(dirtyBefore, before, rows, now)) {
        Object key = dirtyKey(d);
        out.add(RowKind.UPDATE_BEFORE, resultRow(key, dirtyBefore, before));
        out.add(RowKind.UPDATE_AFTER, resultRow(key, rows, now));
      }
    }
    // Removing moves other keys' slots, so the emptied keys are found again by key.
    for (int d = 0; anyEmptied && d < dirtyCount; d++) {
      if (dirtySlots[d] < 0) table.remove(d == nullKeyDirtyIndex ? table.nullSlot() : table.slotOf(dirtyKeys[d]));
    }
    trimDirtyList();
    dirtyCount = 0;
    nullKeyDirtyIndex = -1;
  }

  /** After a batch that used a quarter of the dirty list or less, gives back what a larger batch grew it to, down to 1024 entries. */
  private void trimDirtyList() {
    int length = dirtySlots.length;
    if (length <= MIN_TRIMMED_DIRTY_LIST || length / 4 < dirtyCount) return;
    int trimmed = Math.max(MIN_TRIMMED_DIRTY_LIST, 2 * dirtyCount);
    dirtySlots = new int[trimmed];
    dirtyKeys = new long[trimmed];
    dirtyBefore = new long[trimmed * width];
  }

  /** The key of dirty entry {@code d}, as the input row held it. */
  private Object dirtyKey(int d) {
    return d == nullKeyDirtyIndex ? null : LongRowAggregates.box(dirtyKeys[d], keyClass);
  }

  private Object[] resultRow(Object key, long[] rows, int base) {
    Object[] row = new Object[1 + aggregates.size()];
    row[0] = key;
    aggregates.result(rows, base, row, 1);
    return row;
  }

  private static int bitWords(int capacity) {
    return (capacity + 2 + Long.SIZE - 1) / Long.SIZE; // the slots of 0 and NULL follow the table
  }

  @Override
  public long stateRows() {
    return table.size();
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
   * Writes the keys of {@code keyGroup} as {@link GroupAggregateOperator} does: per key its key
   * row, row count, emitted row and each accumulator's state ({@code COUNT}: the count; {@code
   * SUM}: the sum and count of values; {@code MIN}/{@code MAX}: the value or NULL).
   */
  @Override
  public void writeKeyGroup(int keyGroup, StateWriter out) throws IOException {
    assert dirtyCount == 0 : "checkpoints are written between batches";
    long[] rows = table.rows();
    int[] slots = table.slotsOf(keyGroup);
    out.writeInt(slots.length);
    for (int slot : slots) {
      int base = table.offset(slot);
      Object key = table.isNull(slot) ? null : LongRowAggregates.box(table.key(slot), keyClass);
      out.writeRow(new Object[] {key});
      out.writeLong(rows[base + ROWS]);
      out.writeRow(resultRow(key, rows, base));
      aggregates.write(rows, base, out);
    }
  }

  @Override
  public void readKeyGroup(int keyGroup, StateReader in) throws IOException {
    for (int n = in.readInt(); n > 0; n--) {
      Object key = in.readRow()[0];
      int slot = key == null ? table.addNull() : table.add(((Number) key).longValue());
      if (dirtyBits.length != bitWords(table.capacity())) dirtyBits = new long[bitWords(table.capacity())];
      long[] rows = table.rows();
      int base = table.offset(slot);
      rows[base + ROWS] = in.readLong();
      in.readRow(); // the emitted row: the result of the state that follows
      aggregates.read(in, rows, base);
    }
  }

  /** For tests: the bytes the operator's arrays hold, state and the per-batch dirty list together. */
  long heapBytes() {
    return table.heapBytes() + LongKeyTable.arrayBytes(dirtySlots.length, Integer.BYTES) + LongKeyTable.arrayBytes(dirtyKeys.length, Long.BYTES)
        + LongKeyTable.arrayBytes(dirtyBefore.length, Long.BYTES) + LongKeyTable.arrayBytes(dirtyBits.length, Long.BYTES);
  }
}
