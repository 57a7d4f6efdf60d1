package dev.sluice.connectors.memory;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.spi.Sink;
import dev.sluice.runtime.spi.SinkContext;
import dev.sluice.runtime.spi.TableContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a query's output in {@link MemorySinkTables}, applied as its output mode says, and ignores
 * a batch id it has already applied.
 *
 * <p>In append mode the rows are also appended to the table's log in {@link MemoryTables}, so
 * another query can read them with a memory source: appended rows are final, which is what a source
 * table needs. Updating results are not, so update and complete mode write only to {@link
 * MemorySinkTables}, where a memory source reads the result as it stands (see {@link
 * MemorySource}).
 */
public final class MemorySink implements Sink {
  private final String table;
  private final MemoryTables logs;
  private final MemorySinkTables results;
  private SinkContext context;

  /** The sink of the memory table {@code context.tableName()}. */
  public MemorySink(TableContext context) {
    this(
        context.tableName(),
        context.services().get(MemoryTables.class, MemoryTables::new),
        context.services().get(MemorySinkTables.class, MemorySinkTables::new));
  }

  public MemorySink(String table, MemoryTables logs, MemorySinkTables results) {
    this.table = table;
    this.logs = logs;
    this.results = results;
  }

  @Override
  public void open(SinkContext context) {
    this.context = context;
    results.open(table, context.mode());
  }

  @Override
  public void write(long batchId, RowBatch rows) {
    if (context == null) {
      throw new IllegalStateException(
          "Memory sink of table '" + table + "' was written before open");
    }
    boolean applied = results.apply(table, context.queryId(), batchId, context.mode(), context.keyColumns(), rows);
    if (applied && context.mode() == OutputMode.APPEND && !rows.isEmpty()) {
      List<Object[]> appended = new ArrayList<>(rows.size());
      for (int i = 0; i < rows.size(); i++) appended.add(rows.row(i));
      logs.appendQueryOutput(table, appended);
    }
  }

  /** What this sink's table holds now. */
  public List<Object[]> contents() {
    return results.contents(table);
  }
}
