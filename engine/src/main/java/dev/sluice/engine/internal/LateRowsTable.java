package dev.sluice.engine.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.connectors.memory.MemoryTables;
import dev.sluice.runtime.operator.LateRowHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code 'late-rows.table'} setting: every row an operator drops as late becomes a row of a
 * memory table, which is itself a stream to query or sink. Its columns are {@link #DDL}'s.
 *
 * <p>Rows are appended while the batch runs, so a batch redone after a crash may record its late
 * rows twice: the table is at-least-once.
 */
public final class LateRowsTable implements LateRowHandler {
  /** The table's declaration, used when the setting names a table that does not exist yet. */
  public static final String DDL = "CREATE TABLE `%s` (query_id VARCHAR, operator VARCHAR, watermark TIMESTAMP(3), reason VARCHAR, "
      + "late_row VARCHAR, dropped_at TIMESTAMP(3)) WITH ('connector' = 'memory')";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MemoryTables tables;
  private final String table;
  private final String queryId;

  public LateRowsTable(MemoryTables tables, String table, String queryId) {
    this.tables = tables;
    this.table = table;
    this.queryId = queryId;
  }

  @Override
  public void onLateRow(String operator, Object[] row, long watermark, String reason) {
    tables.append(table, List.<Object[]>of(new Object[] {queryId, operator, watermark, reason, json(row), System.currentTimeMillis()}));
  }

  private static String json(Object[] row) {
    List<Object> values = new ArrayList<>(row.length);
    for (Object v : row) values.add(v instanceof Object[] nested ? List.of(nested) : v);
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      return java.util.Arrays.deepToString(row);
    }
  }
}
