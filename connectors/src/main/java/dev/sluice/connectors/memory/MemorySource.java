package dev.sluice.connectors.memory;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.Source;
import dev.sluice.runtime.spi.TableContext;
import java.util.List;

/**
 * Reads a table of {@link MemoryTables} by row position. The offset is the number of rows read so
 * far as decimal text ({@code "0"} first), so a range reads the same rows every time, also from a
 * fresh source after a restart.
 *
 * <p>With {@code 'max-rows-per-trigger'} set, a batch holds at most that many rows.
 *
 * <p>A table that an update- or complete-mode query writes ({@link
 * MemorySinkTables#holdsUpdatingResult}) is not a log but a result whose rows change in place. Its
 * source reads the result as it stands when the query starts, one row per key, and then ends, as
 * Spark's batch read of a memory sink's table does: a stream of inserts cannot carry the updates
 * and deletes that follow. Its offsets are {@code "0"} before that snapshot and {@value
 * #SNAPSHOT_READ} after it.
 */
public final class MemorySource implements Source {
  /** Option bounding the rows of one batch. */
  public static final String MAX_ROWS_PER_TRIGGER = "max-rows-per-trigger";

  /** The offset after the snapshot of a result table. */
  static final String SNAPSHOT_READ = "snapshot-read";

  private final String table;
  private final int width;
  private final MemoryTables tables;
  private final long maxRowsPerTrigger;
  /** The results of memory sinks, for a table an updating query writes; null to read only the log. */
  private final MemorySinkTables results;
  /** The rows of a result table as the query found them, taken on first use. */
  private List<Object[]> snapshot;

  /** The source of the memory table {@code context.tableName()}. */
  public MemorySource(TableContext context) {
    this(
        context.tableName(),
        context.schema().size(),
        context.services().get(MemoryTables.class, MemoryTables::new),
        context.options().getLong(MAX_ROWS_PER_TRIGGER, Long.MAX_VALUE),
        context.services().get(MemorySinkTables.class, MemorySinkTables::new));
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
    this(table, width, tables, maxRowsPerTrigger, null);
  }

  /** @param results where memory sinks keep results, so a result table is read as it stands */
  public MemorySource(String table, int width, MemoryTables tables, long maxRowsPerTrigger, MemorySinkTables results) {
    this.table = table;
    this.width = width;
    this.tables = tables;
    this.maxRowsPerTrigger = maxRowsPerTrigger;
    this.results = results != null && results.holdsUpdatingResult(table) ? results : null;
  }

  @Override
  public String initialOffset() {
    return "0";
  }

  @Override
  public String latestOffset() {
    if (results != null) {
      if (snapshot == null) snapshot = results.contents(table);
      return SNAPSHOT_READ;
    }
    return Long.toString(tables.size(table));
  }

  @Override
  public String endOffset() {
    return results != null ? latestOffset() : null;
  }

  @Override
  public boolean isEnded(String offset) {
    return results != null && SNAPSHOT_READ.equals(offset);
  }

  @Override
  public String limitOffset(String start, String latest) {
    if (results != null) return latest;
    long from = parse(start);
    long to = parse(latest);
    if (to - from <= maxRowsPerTrigger) return latest;
    return Long.toString(from + maxRowsPerTrigger);
  }

  @Override
  public void read(String start, String end, RowBatch out) {
    int first = out.size();
    if (results != null) {
      // A redo after a restart finds no snapshot taken: the result as it stands now is the best replay there is.
      if (snapshot == null) snapshot = results.contents(table);
      if (!SNAPSHOT_READ.equals(start)) snapshot.forEach(out::insert);
    } else {
      tables.readInto(table, parse(start), parse(end), out);
    }
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

  /** A log is; a result table is not, as its rows change in place. */
  @Override
  public boolean isReplayable() {
    return results == null;
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
