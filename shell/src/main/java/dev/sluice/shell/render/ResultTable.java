package dev.sluice.shell.render;

import dev.sluice.engine.ResultRow;
import dev.sluice.runtime.data.RowKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The result table of an update or complete mode query, as the shell shows it, rebuilt from the
 * batches the query delivers, with the rows that changed since {@link #markSeen()} marked.
 *
 * <p>The key of a row is the query's result key (SEMANTICS.md, "Output modes"): given as column
 * positions, empty for a result of at most one row, or null when the whole row is the key. In
 * update mode an {@code INSERT} or {@code UPDATE_AFTER} row replaces the row with its key or adds
 * one, and a {@code DELETE} removes it; with the whole row as key the table is a multiset, so a
 * delete removes one copy. Rows keep the place where they first appeared. In complete mode each
 * batch is the whole table and replaces it; its rows take the batch's order when the query orders
 * them ({@code ORDER BY}), else rows keep their places and new ones come last, so a table without
 * an order does not shuffle from one batch to the next.
 */
public final class ResultTable {
  private final int[] key;
  private final boolean batchOrder;
  private Map<RowKey, Entry> rows = new LinkedHashMap<>();
  private int removedSinceSeen;

  /** A row as shown: its values, and whether it is new or changed since {@link #markSeen()}. */
  public record Row(Object[] values, boolean changed) {}

  /** The rows of one key: with the whole row as key, {@code count} equal rows. */
  private static final class Entry {
    Object[] values;
    int count;
    boolean changed;

    Entry(Object[] values, int count, boolean changed) {
      this.values = values;
      this.count = count;
      this.changed = changed;
    }
  }

  /** Values compared as SQL values: ARRAY and ROW values by their elements. */
  private record RowKey(Object[] values) {
    @Override
    public boolean equals(Object o) {
      return o instanceof RowKey other && Arrays.deepEquals(values, other.values);
    }

    @Override
    public int hashCode() {
      return Arrays.deepHashCode(values);
    }
  }

  /**
   * @param keyColumns the positions of the result key; empty for a single-row result; null when
   *     the whole row is the key
   * @param batchOrder whether complete-mode batches come in an order to keep
   */
  public ResultTable(int[] keyColumns, boolean batchOrder) {
    this.key = keyColumns == null ? null : keyColumns.clone();
    this.batchOrder = batchOrder;
  }

  /** A table whose rows keep the place where they first appeared. */
  public ResultTable(int[] keyColumns) {
    this(keyColumns, false);
  }

  /** Applies an update-mode batch: upserts and deletes by key. */
  public void apply(List<ResultRow> changes) {
    for (ResultRow change : changes) {
      if (change.kind().isAccumulate()) {
        upsert(change.values());
      } else {
        retract(change.values(), change.kind());
      }
    }
  }

  private void upsert(Object[] values) {
    RowKey k = keyOf(values);
    Entry entry = rows.get(k);
    if (entry == null) {
      rows.put(k, new Entry(values, 1, true));
    } else if (key == null) {
      entry.count++;
      entry.changed = true;
    } else if (!Arrays.deepEquals(entry.values, values)) {
      entry.values = values;
      entry.changed = true;
    }
  }

  private void retract(Object[] values, RowKind kind) {
    // With a real key the UPDATE_AFTER that follows an UPDATE_BEFORE replaces the row anyway.
    if (key != null && kind == RowKind.UPDATE_BEFORE) return;
    RowKey k = keyOf(values);
    Entry entry = rows.get(k);
    if (entry == null) return;
    if (--entry.count <= 0 || key != null) rows.remove(k);
    if (kind == RowKind.DELETE) removedSinceSeen++;
  }

  /**
   * Replaces the table with a complete-mode batch and returns how it changed: {@code INSERT} for
   * a new row, {@code UPDATE_AFTER} for a key whose values changed, {@code DELETE} for a row that
   * is gone. Without a key (or when the batch repeats a key) rows are compared whole, so a
   * changed row is a delete and an insert.
   */
  public List<ResultRow> replace(List<ResultRow> table) {
    if (key != null && keysAreUnique(table)) return replaceByKey(table);
    return replaceByWholeRow(table);
  }

  private List<ResultRow> replaceByKey(List<ResultRow> table) {
    Map<RowKey, Entry> previous = new LinkedHashMap<>(rows);
    Map<RowKey, Entry> next = new LinkedHashMap<>();
    List<ResultRow> changes = new ArrayList<>();
    for (ResultRow row : table) {
      RowKey k = keyOf(row.values());
      Entry before = previous.remove(k);
      if (before == null) {
        next.put(k, new Entry(row.values(), 1, true));
        changes.add(new ResultRow(RowKind.INSERT, row.values()));
      } else if (!Arrays.deepEquals(before.values, row.values())) {
        next.put(k, new Entry(row.values(), 1, true));
        changes.add(new ResultRow(RowKind.UPDATE_AFTER, row.values()));
      } else {
        next.put(k, before);
      }
    }
    for (Entry gone : previous.values()) {
      changes.add(new ResultRow(RowKind.DELETE, gone.values));
      removedSinceSeen++;
    }
    rows = inDisplayOrder(next);
    return changes;
  }

  private List<ResultRow> replaceByWholeRow(List<ResultRow> table) {
    Map<RowKey, Entry> previous = new LinkedHashMap<>();
    for (Map.Entry<RowKey, Entry> e : rows.entrySet()) {
      Entry old = e.getValue();
      previous.put(new RowKey(old.values), new Entry(old.values, old.count, old.changed));
    }
    Map<RowKey, Entry> next = new LinkedHashMap<>();
    List<ResultRow> changes = new ArrayList<>();
    for (ResultRow row : table) {
      RowKey k = new RowKey(row.values());
      Entry before = previous.get(k);
      boolean isNew = before == null || before.count == 0;
      if (isNew) {
        changes.add(new ResultRow(RowKind.INSERT, row.values()));
      } else {
        before.count--;
      }
      Entry entry = next.get(k);
      if (entry == null) {
        next.put(k, new Entry(row.values(), 1, isNew || before.changed));
      } else {
        entry.count++;
        entry.changed |= isNew;
      }
    }
    for (Entry gone : previous.values()) {
      for (int i = 0; i < gone.count; i++) {
        changes.add(new ResultRow(RowKind.DELETE, gone.values));
        removedSinceSeen++;
      }
    }
    rows = inDisplayOrder(next);
    return changes;
  }

  /** {@code next} in the batch's order, or with the rows that were there before in their old places. */
  private Map<RowKey, Entry> inDisplayOrder(Map<RowKey, Entry> next) {
    if (batchOrder) return next;
    Map<RowKey, Entry> ordered = new LinkedHashMap<>();
    for (RowKey k : rows.keySet()) {
      Entry entry = next.get(k);
      if (entry != null) ordered.put(k, entry);
    }
    ordered.putAll(next);
    return ordered;
  }

  private boolean keysAreUnique(List<ResultRow> table) {
    Set<RowKey> seen = new HashSet<>();
    for (ResultRow row : table) {
      if (!seen.add(keyOf(row.values()))) return false;
    }
    return true;
  }

  private RowKey keyOf(Object[] values) {
    if (key == null) return new RowKey(values);
    Object[] k = new Object[key.length];
    for (int i = 0; i < key.length; i++) k[i] = key[i] < values.length ? values[key[i]] : null;
    return new RowKey(k);
  }

  /** The rows in display order, a row with {@code n} copies {@code n} times. */
  public List<Row> rows() {
    List<Row> shown = new ArrayList<>(rows.size());
    for (Entry entry : rows.values()) {
      for (int i = 0; i < entry.count; i++) shown.add(new Row(entry.values, entry.changed));
    }
    return shown;
  }

  /** How many rows the table holds. */
  public int size() {
    int size = 0;
    for (Entry entry : rows.values()) size += entry.count;
    return size;
  }

  /** Rows deleted since {@link #markSeen()}. */
  public int removedSinceSeen() {
    return removedSinceSeen;
  }

  /** The table was shown: from now on only later changes are marked. */
  public void markSeen() {
    for (Entry entry : rows.values()) entry.changed = false;
    removedSinceSeen = 0;
  }
}
