package dev.sluice.connectors.memory;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.Source;
import dev.sluice.runtime.spi.TableContext;

/**
 * Reads a table of {@link MemoryTables} by row position. The offset is the number of rows read so
 * far as decimal text ({@code "0"} first), so a range reads the same rows every time, also from a
 * fresh source after a restart.
 *
 * <p>With {@code 'max-rows-per-trigger'} set, a batch holds at most that many rows.
 */
public final class MemorySource implements Source {
  /** Option bounding the rows of one batch. */
  public static final String MAX_ROWS_PER_TRIGGER = "max-rows-per-trigger";

  private final String table;
  private final int width;
  private final MemoryTables tables;
  private final long maxRowsPerTrigger;

  /** The source of the memory table {@code context.tableName()}. */
  public MemorySource(TableContext context) {
    this(
        context.tableName(),
        context.schema().size(),
        context.services().get(MemoryTables.class, MemoryTables::new),
        context.options().getLong(MAX_ROWS_PER_TRIGGER, Long.MAX_VALUE));
    if (maxRowsPerTrigger <= 0) {
      throw new IllegalArgumentException(
          "Option '"
              + MAX_ROWS_PER_TRIGGER
              + "' of table '"
              + table
              + "' must be at least 1, not "
              + maxRowsPerTrigger);
    }
  }

  /**
   * @param width the number of columns each row must have
   * @param maxRowsPerTrigger the most rows one batch reads ({@code Long.MAX_VALUE}: no bound)
   */
  public MemorySource(String table, int width, MemoryTables tables, long maxRowsPerTrigger) {
    this.table = table;
    this.width = width;
    this.tables = tables;
    this.maxRowsPerTrigger = maxRowsPerTrigger;
  }

  @Override
  public String initialOffset() {
    return "0";
  }

  @Override
  public String latestOffset() {
    return Long.toString(tables.size(table));
  }

  @Override
  public String limitOffset(String start, String latest) {
    long from = parse(start);
    long to = parse(latest);
    if (to - from <= maxRowsPerTrigger) return latest;
    return Long.toString(from + maxRowsPerTrigger);
  }

  @Override
  public void read(String start, String end, RowBatch out) {
    int first = out.size();
    tables.readInto(table, parse(start), parse(end), out);
    for (int i = first; i < out.size(); i++) {
      if (out.row(i).length != width) {
        throw new IllegalStateException(
            "Row "
                + (parse(start) + i - first)
                + " of memory table '"
                + table
                + "' has "
                + out.row(i).length
                + " values, but the table has "
                + width
                + " columns");
      }
    }
  }

  @Override
  public boolean isReplayable() {
    return true;
  }

  private long parse(String offset) {
    try {
      long rows = Long.parseLong(offset.trim());
      if (rows >= 0) return rows;
    } catch (NumberFormatException e) {
      // reported below, with the table
    }
    throw new IllegalArgumentException(
        "'" + offset + "' is not an offset of memory table '" + table + "': expected a row count");
  }
}
