package dev.sluice.connectors.memory;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.spi.OutputMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the memory sinks of one engine hold: per table, the result its query has delivered, kept as
 * the output mode says. Append mode adds rows; update mode inserts or replaces rows by the result
 * key and removes deleted ones; complete mode replaces the contents. Obtained with {@code
 * context.services().get(MemorySinkTables.class, MemorySinkTables::new)}.
 *
 * <p>A batch id that a query already applied to a table is ignored, so a batch redone after a
 * restart does not count twice; as in Spark's memory sink, ids at or below the last applied one
 * count as applied. Thread-safe; table names compare case-insensitively.
 */
public final class MemorySinkTables {
  private final Map<String, Table> tables = new ConcurrentHashMap<>();

  /**
   * The current contents of {@code table}, in the order rows first arrived (an updated row keeps
   * its place); empty for a table no sink wrote to.
   */
  public List<Object[]> contents(String table) {
    Table t = tables.get(MemoryTables.key(table));
    return t == null ? List.of() : t.contents();
  }

  /**
   * Records that a sink in {@code mode} writes {@code table} from now on, before its first batch,
   * so a query started meanwhile already knows whether the table is a log or a result.
   */
  public void open(String table, OutputMode mode) {
    tables.computeIfAbsent(MemoryTables.key(table), k -> new Table(table)).open(mode);
  }

  /**
   * Whether {@code table} holds the result of an update- or complete-mode query: rows kept by key
   * or replaced whole, not a log that only grows, so a source reads it as it stands.
   */
  public boolean holdsUpdatingResult(String table) {
    Table t = tables.get(MemoryTables.key(table));
    return t != null && t.holdsUpdatingResult();
  }

  /** The last batch id {@code queryId} applied to {@code table}, or -1. */
  public long lastBatchId(String table, String queryId) {
    Table t = tables.get(MemoryTables.key(table));
    return t == null ? -1 : t.lastBatchId(queryId);
  }

  /**
   * Applies one batch of a query's output to {@code table}.
   *
   * @param keyColumns positions of the result key (update mode); empty for a single-row result, null when the key is the whole row
   * @return false when the query had already applied this batch id, which then changes nothing
   */
  public boolean apply(
      String table,
      String queryId,
      long batchId,
      OutputMode mode,
      int[] keyColumns,
      RowBatch rows) {
    return tables
        .computeIfAbsent(MemoryTables.key(table), k -> new Table(table))
        .apply(queryId, batchId, mode, keyColumns, rows);
  }

  /** One table's contents: a list in append and complete mode, a map by key in update mode. */
  private static final class Table {
    private final String name;
    private final Map<String, Long> lastBatchByQuery = new HashMap<>();
    private List<Object[]> list = new ArrayList<>();

    /** Non-null while the table is kept by key, after an update-mode batch. */
    private LinkedHashMap<RowKey, Slot> byKey;

    private int[] keyColumns;

    /** The mode of the sink that last opened or wrote this table; null before any. */
    private OutputMode mode;

    Table(String name) {
      this.name = name;
    }

    synchronized void open(OutputMode mode) {
      this.mode = mode;
    }

    synchronized boolean holdsUpdatingResult() {
      return mode != null && mode != OutputMode.APPEND;
    }

    synchronized long lastBatchId(String queryId) {
      return lastBatchByQuery.getOrDefault(String.valueOf(queryId), -1L);
    }

    synchronized boolean apply(
        String queryId, long batchId, OutputMode mode, int[] keyColumns, RowBatch rows) {
      String query = String.valueOf(queryId);
      Long last = lastBatchByQuery.get(query);
      if (last != null && batchId <= last) return false;
      this.mode = mode;
      switch (mode) {
        case APPEND -> append(rows);
        case COMPLETE -> {
          checkInsertsOnly(rows, mode);
          list = new ArrayList<>(rows.size());
          byKey = null;
          append(rows);
        }
        case UPDATE -> upsert(rows, keyColumns);
      }
      lastBatchByQuery.put(query, batchId);
      return true;
    }

    private void append(RowBatch rows) {
      checkInsertsOnly(rows, OutputMode.APPEND);
      if (byKey != null) {
        list = new ArrayList<>(contents());
        byKey = null;
      }
      for (int i = 0; i < rows.size(); i++) list.add(rows.row(i));
    }

    /** Refuses a batch with retractions before it changes anything. */
    private void checkInsertsOnly(RowBatch rows, OutputMode mode) {
      for (int i = 0; i < rows.size(); i++) {
        RowKind kind = rows.kind(i);
        if (!kind.isAccumulate()) {
          throw new IllegalStateException(
              "Memory sink table '"
                  + name
                  + "' received a "
                  + kind.shortString()
                  + " row in "
                  + mode.sqlName()
                  + " mode, which only delivers inserts: "
                  + Arrays.deepToString(rows.row(i)));
        }
      }
    }

    private void upsert(RowBatch rows, int[] keys) {
      if (byKey == null || !Arrays.equals(keyColumns, keys)) {
        List<Object[]> current = contents();
        byKey = new LinkedHashMap<>();
        keyColumns = keys == null ? null : keys.clone();
        for (Object[] row : current) accumulate(row);
        list = null;
      }
      for (int i = 0; i < rows.size(); i++) {
        if (rows.kind(i).isAccumulate()) {
          accumulate(rows.row(i));
        } else {
          retract(rows.row(i));
        }
      }
    }

    /** With a key, the row replaces the row of its key; without, it is one more copy of itself. */
    private void accumulate(Object[] row) {
      RowKey key = RowKey.of(row, keyColumns);
      Slot slot = byKey.get(key);
      if (slot == null) {
        byKey.put(key, new Slot(row));
      } else if (keyColumns != null) {
        slot.row = row;
      } else {
        slot.count++;
      }
    }

    private void retract(Object[] row) {
      RowKey key = RowKey.of(row, keyColumns);
      Slot slot = byKey.get(key);
      if (slot != null && --slot.count == 0) byKey.remove(key);
    }

    synchronized List<Object[]> contents() {
      if (byKey == null) return List.copyOf(list);
      List<Object[]> rows = new ArrayList<>(byKey.size());
      for (Slot slot : byKey.values()) {
        for (int i = 0; i < slot.count; i++) rows.add(slot.row);
      }
      return List.copyOf(rows);
    }
  }

  /** A row kept by key, and how many copies of it there are when the key is the whole row. */
  private static final class Slot {
    Object[] row;
    int count = 1;

    Slot(Object[] row) {
      this.row = row;
    }
  }
}
