package dev.sluice.connectors.memory;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.type.Schema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The memory tables of one engine: per table an append-only log of rows, read by position. Obtained
 * with {@code context.services().get(MemoryTables.class, MemoryTables::new)}.
 *
 * <p>Rows are {@code Object[]} already in the row representation of {@link
 * dev.sluice.runtime.type.TypeKind}, in the table's column order. They are stored and handed out as
 * they are, never copied or changed, so whoever appends a row must not change it afterwards. Table
 * names compare case-insensitively, as SQL identifiers do. Rows appended to a table declared with
 * its columns ({@link #declare}, which {@code CREATE TABLE} calls) must fit them.
 *
 * <p>Thread-safe: any thread may append while queries read. {@link #appendAll} is atomic across
 * tables: {@link #snapshotOffsets} and {@link #size} see either none or all of its rows.
 */
public final class MemoryTables {
  /** Guarded by {@code this}. Keyed by the lower-cased table name. */
  private final Map<String, List<Object[]>> logs = new HashMap<>();

  /** The columns of the declared tables, which appended rows must fit; keyed by lower-cased name. */
  private final Map<String, Schema> declared = new ConcurrentHashMap<>();

  /**
   * Counts appends; guarded by {@code this}, which is also the monitor {@link #awaitChange} waits
   * on.
   */
  private long version;

  /**
   * Declares {@code table}'s columns, as {@code CREATE TABLE} does: rows appended to it from then on
   * must fit them. A table declared again takes the new columns; the rows it holds stay.
   */
  public void declare(String table, Schema columns) {
    declared.put(key(table), Objects.requireNonNull(columns, "columns"));
  }

  /** Forgets {@code table}'s columns, as {@code DROP TABLE} does; its rows stay until it is declared again. */
  public void undeclare(String table) {
    declared.remove(key(table));
  }

  /**
   * Adds {@code rows} at the end of {@code table}, creating the table on first use.
   *
   * @throws IllegalArgumentException when a row does not fit the declared columns of {@code table}
   *     (number of values, class of each value as {@link dev.sluice.runtime.type.TypeKind} says, NOT
   *     NULL); then none of {@code rows} is added
   */
  public void append(String table, List<Object[]> rows) {
    appendAll(Map.of(table, rows));
  }

  /**
   * Adds rows to several tables in one step: no reader sees some of them without the others, and a
   * row that does not fit its table's declared columns adds none of them.
   */
  public void appendAll(Map<String, ? extends List<Object[]>> rowsByTable) {
    appendAll(rowsByTable, true);
  }

  /**
   * The rows of an append-mode memory sink: a query's output, typed by its plan (INSERT checks its
   * columns against the table's), so they are not checked one by one again.
   */
  void appendQueryOutput(String table, List<Object[]> rows) {
    appendAll(Map.of(table, rows), false);
  }

  private void appendAll(Map<String, ? extends List<Object[]>> rowsByTable, boolean checkTypes) {
    Map<String, List<Object[]>> checked = new LinkedHashMap<>();
    rowsByTable.forEach(
        (table, rows) -> {
          Schema columns = checkTypes ? declared.get(key(table)) : null;
          int position = 0;
          for (Object[] row : rows) {
            position++;
            Objects.requireNonNull(
                row, () -> "A row appended to memory table '" + table + "' is null");
            if (columns != null) RowTypeCheck.check(table, columns, row, position);
          }
          checked.computeIfAbsent(key(table), k -> new ArrayList<>()).addAll(rows);
        });
    synchronized (this) {
      checked.forEach(
          (key, rows) -> logs.computeIfAbsent(key, k -> new ArrayList<>()).addAll(rows));
      version++;
      notifyAll();
    }
  }

  /** The number of rows in {@code table}; 0 for a table nothing was appended to. */
  public synchronized long size(String table) {
    List<Object[]> log = logs.get(key(table));
    return log == null ? 0 : log.size();
  }

  /** The sizes of {@code tables} at one instant, keyed by the names as given. */
  public synchronized Map<String, Long> snapshotOffsets(Collection<String> tables) {
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (String table : tables) sizes.put(table, size(table));
    return sizes;
  }

  /**
   * The rows of {@code table} at positions {@code [from, to)}, as an unmodifiable list of the
   * stored arrays.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= size(table)}
   */
  public synchronized List<Object[]> rows(String table, long from, long to) {
    List<Object[]> log = range(table, from, to);
    return Collections.unmodifiableList(new ArrayList<>(log.subList((int) from, (int) to)));
  }

  /**
   * Appends the rows at {@code [from, to)} to {@code out} as inserts, without a copy in between.
   */
  synchronized void readInto(String table, long from, long to, RowBatch out) {
    List<Object[]> log = range(table, from, to);
    for (int i = (int) from; i < (int) to; i++) out.insert(log.get(i));
  }

  /** The lower-cased names of the tables that have been appended to. */
  public synchronized List<String> tableNames() {
    return List.copyOf(logs.keySet());
  }

  /**
   * Counts the appends so far. An idle query loop can remember it and call {@link #awaitChange}
   * instead of polling the sizes of its tables.
   */
  public synchronized long version() {
    return version;
  }

  /**
   * Waits until something is appended after {@code seenVersion} was read from {@link #version}, or
   * {@code timeoutMillis} passed.
   *
   * @return whether there was an append
   */
  public synchronized boolean awaitChange(long seenVersion, long timeoutMillis)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (version == seenVersion) {
      long leftMillis = (deadline - System.nanoTime()) / 1_000_000L;
      if (leftMillis <= 0) return false;
      wait(leftMillis);
    }
    return true;
  }

  private List<Object[]> range(String table, long from, long to) {
    List<Object[]> log = logs.getOrDefault(key(table), List.of());
    if (from < 0 || from > to || to > log.size()) {
      throw new IndexOutOfBoundsException(
          "Rows ["
              + from
              + ", "
              + to
              + ") are not in memory table '"
              + table
              + "', which has "
              + log.size()
              + " rows");
    }
    return log;
  }

  static String key(String table) {
    return Objects.requireNonNull(table, "table").toLowerCase(Locale.ROOT);
  }
}
