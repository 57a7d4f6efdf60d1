package dev.sluice.runtime.data;

import java.util.Arrays;

/**
 * A growable batch of rows, each with its {@link RowKind}. Operators receive and emit whole
 * batches so the per-row cost is an array access, not a virtual call.
 *
 * <p>A row is an {@code Object[]} in the representation of {@link dev.sluice.runtime.type.TypeKind}.
 * A batch owns neither its rows nor their values: rows handed to a batch must not be mutated
 * afterwards by whoever handed them.
 */
public final class RowBatch {
  private static final Object[][] EMPTY = new Object[0][];

  private Object[][] rows;
  private byte[] kinds;
  private int size;

  public RowBatch() {
    this(16);
  }

  public RowBatch(int capacity) {
    rows = capacity == 0 ? EMPTY : new Object[capacity][];
    kinds = new byte[capacity];
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public Object[] row(int i) {
    assert i < size;
    return rows[i];
  }

  public RowKind kind(int i) {
    assert i < size;
    return RowKind.ofCode(kinds[i]);
  }

  public byte kindCode(int i) {
    return kinds[i];
  }

  public void add(RowKind kind, Object[] row) {
    add(kind.code(), row);
  }

  public void add(byte kindCode, Object[] row) {
    if (size == rows.length) {
      int capacity = Math.max(16, size * 2);
      rows = Arrays.copyOf(rows, capacity);
      kinds = Arrays.copyOf(kinds, capacity);
    }
    rows[size] = row;
    kinds[size] = kindCode;
    size++;
  }

  public void insert(Object[] row) {
    add(RowKind.INSERT.code(), row);
  }

  public void addAll(RowBatch other) {
    for (int i = 0; i < other.size; i++) {
      add(other.kinds[i], other.rows[i]);
    }
  }

  /** Forgets the rows but keeps the arrays, so a batch can be reused without allocation. */
  public void clear() {
    Arrays.fill(rows, 0, size, null);
    size = 0;
  }

  public static RowBatch of(Object[]... insertedRows) {
    RowBatch batch = new RowBatch(insertedRows.length);
    for (Object[] row : insertedRows) batch.insert(row);
    return batch;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("RowBatch[");
    for (int i = 0; i < size; i++) {
      if (i > 0) sb.append(", ");
      sb.append(RowKind.ofCode(kinds[i]).shortString()).append(Arrays.deepToString(rows[i]));
    }
    return sb.append(']').toString();
  }
}
