package dev.sluice.engine.support;

import dev.sluice.engine.ResultRow;
import dev.sluice.runtime.data.RowKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sink holds after applying an update-mode changelog, as SEMANTICS.md defines it: with a
 * result key, an inserted or changed row replaces the row of its key and a delete removes it;
 * when the whole row is the key, each insert adds a copy and each delete removes one.
 */
public final class UpdateModeTable {
  private final int[] keyColumns;
  private final Map<List<Object>, Object[]> byKey = new LinkedHashMap<>();
  private final Map<List<Object>, Integer> copies = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();

  /**
   * @param keyColumns the result key's positions ({@code StreamingQuery.keyColumns()}); empty for a
   *     single-row result, null when the whole row is the key
   */
  public UpdateModeTable(int[] keyColumns) {
    this.keyColumns = keyColumns == null ? null : keyColumns.clone();
  }

  /** Applies one delivered batch. */
  public void apply(List<ResultRow> batch) {
    for (ResultRow row : batch) {
      RowKind kind = row.kind();
      if (kind == RowKind.UPDATE_BEFORE) {
        problems.add("update mode delivered an update-before row " + row + "; a sink receives only upserts and deletes");
        continue;
      }
      if (keyColumns == null) {
        List<Object> whole = Arrays.asList(row.values());
        if (kind.isAccumulate()) {
          copies.merge(whole, 1, Integer::sum);
        } else {
          Integer n = copies.get(whole);
          if (n == null) problems.add("delete of a row the sink does not hold: " + row);
          else if (n == 1) copies.remove(whole);
          else copies.put(whole, n - 1);
        }
      } else {
        List<Object> key = new ArrayList<>();
        for (int c : keyColumns) key.add(row.values()[c]);
        if (kind.isAccumulate()) {
          byKey.put(key, row.values());
        } else if (byKey.remove(key) == null) {
          problems.add("delete of a key the sink does not hold: " + row);
        }
      }
    }
  }

  /** The rows the sink holds now. */
  public List<Object[]> rows() {
    if (keyColumns != null) return new ArrayList<>(byKey.values());
    List<Object[]> rows = new ArrayList<>();
    copies.forEach((row, n) -> {
      for (int i = 0; i < n; i++) rows.add(row.toArray());
    });
    return rows;
  }

  /** Changelog entries that made no sense for the table (a delete of an absent row, an update-before). */
  public List<String> problems() {
    return problems;
  }
}
