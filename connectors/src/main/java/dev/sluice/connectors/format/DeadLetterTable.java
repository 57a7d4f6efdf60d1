package dev.sluice.connectors.format;

/**
 * The table that {@code 'on-error' = 'dead-letter'} sends malformed records to: a {@code memory}
 * table of the engine, one row per record, with the columns of {@link #DDL}:
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
  /** The declaration of a dead-letter table named by the {@code %s}. */
  public static final String DDL =
      "CREATE TABLE `%s` (source_table VARCHAR, location VARCHAR, reason VARCHAR, raw_record"
          + " VARCHAR, detected_at TIMESTAMP(3)) WITH ('connector' = 'memory')";

  /** The number of columns of a dead-letter row. */
  public static final int WIDTH = 5;

  private DeadLetterTable() {}

  static Object[] row(String sourceTable, String location, String reason, String raw, long now) {
    return new Object[] {sourceTable, location, reason, raw, now};
  }
}
