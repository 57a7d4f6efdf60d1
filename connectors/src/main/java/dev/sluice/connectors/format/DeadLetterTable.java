package dev.sluice.connectors.format;

import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.util.List;

/**
 * The table that {@code 'on-error' = 'dead-letter'} sends malformed records to: a {@code memory}
 * table of the engine, one row per record, with the {@link #COLUMNS}:
 *
 * <ul>
 *   <li>{@code source_table}: the table whose source read the record;
 *   <li>{@code location}: where the record was, such as {@code /data/in/part-1.csv:17} (a file and
 *       the line the record starts on) or {@code localhost:9999 line 42};
 *   <li>{@code reason}: why it did not decode, as {@code 'on-error' = 'fail'} would report it;
 *   <li>{@code raw_record}: the record's text as read;
 *   <li>{@code detected_at}: the wall-clock time the source read it.
 * </ul>
 *
 * A batch that is read again after a restart routes its malformed records again, so the table is
 * at-least-once, as the late-rows table is.
 */
public final class DeadLetterTable {
  /**
   * The columns of a dead-letter table, from which the engine declares one that does not exist yet:
   * a definition, never SQL text around the name an option gave.
   */
  public static final Schema COLUMNS = new Schema(List.of(
      new Field("source_table", DataType.of(TypeKind.VARCHAR)),
      new Field("location", DataType.of(TypeKind.VARCHAR)),
      new Field("reason", DataType.of(TypeKind.VARCHAR)),
      new Field("raw_record", DataType.of(TypeKind.VARCHAR)),
      new Field("detected_at", DataType.timestamp(3))));

  /** The number of columns of a dead-letter row. */
  public static final int WIDTH = COLUMNS.size();

  private DeadLetterTable() {}

  static Object[] row(String sourceTable, String location, String reason, String raw, long now) {
    return new Object[] {sourceTable, location, reason, raw, now};
  }
}
