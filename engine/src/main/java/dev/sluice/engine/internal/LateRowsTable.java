package dev.sluice.engine.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.connectors.memory.MemoryTables;
import dev.sluice.runtime.operator.LateRowHandler;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code 'late-rows.table'} setting: every row an operator drops as late becomes a row of a
 * memory table, which is itself a stream to query or sink. Its columns are the {@link #COLUMNS}.
 *
 * <p>Rows are appended while the batch runs, so a batch redone after a crash may record its late
 * rows twice: the table is at-least-once.
 */
public final class LateRowsTable implements LateRowHandler {
  /** The table's columns, declared from this definition when the setting names a table that does not exist yet. */
  public static final Schema COLUMNS = new Schema(List.of(
      new Field("query_id", DataType.of(TypeKind.VARCHAR)),
      new Field("operator", DataType.of(TypeKind.VARCHAR)),
      new Field("watermark", DataType.timestamp(3)),
      new Field("reason", DataType.of(TypeKind.VARCHAR)),
      new Field("late_row", DataType.of(TypeKind.VARCHAR)),
      new Field("dropped_at", DataType.timestamp(3))));
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
