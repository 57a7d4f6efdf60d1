package dev.sluice.engine.support;

import dev.sluice.connectors.memory.MemorySink;
import dev.sluice.engine.ResultRow;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.Sink;
import dev.sluice.runtime.spi.SinkContext;
import dev.sluice.runtime.spi.SinkFactory;
import dev.sluice.runtime.spi.TableContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test-only sink, {@code 'connector' = 'memory-changelog'}: the memory sink, whose table's
 * contents are read from {@code MemorySinkTables} as for {@code 'memory'}, that also keeps every
 * row it received with its kind, in order, in the engine's {@link Changelogs}. A test can then fold
 * the changelog itself and see that each delete meets a row the sink holds, which the memory
 * sink's own table does not show.
 */
public final class ChangelogMemorySinkFactory implements SinkFactory {
  public static final String IDENTIFIER = "memory-changelog";

  @Override
  public String identifier() {
    return IDENTIFIER;
  }

  @Override
  public Set<String> requiredOptions() {
    return Set.of();
  }

  @Override
  public Set<String> optionalOptions() {
    return Set.of();
  }

  @Override
  public Sink createSink(TableContext context) {
    MemorySink memory = new MemorySink(context);
    List<ResultRow> log = context.services().get(Changelogs.class, Changelogs::new).start(context.tableName());
    return new Sink() {
      @Override
      public void open(SinkContext sinkContext) {
        memory.open(sinkContext);
      }

      @Override
      public void write(long batchId, RowBatch rows) {
        memory.write(batchId, rows);
        synchronized (log) {
          for (int i = 0; i < rows.size(); i++) log.add(new ResultRow(rows.kind(i), rows.row(i).clone()));
        }
      }

      @Override
      public boolean supportsDeletes() {
        return memory.supportsDeletes();
      }

      @Override
      public void close() {
        memory.close();
      }
    };
  }

  /** What each {@code memory-changelog} table of one engine received, by table name (case-insensitive). */
  public static final class Changelogs {
    private final Map<String, List<ResultRow>> byTable = new ConcurrentHashMap<>();

    /** A fresh log for a sink of {@code table}: a query started again into the table starts again. */
    List<ResultRow> start(String table) {
      List<ResultRow> log = new ArrayList<>();
      byTable.put(table.toLowerCase(java.util.Locale.ROOT), log);
      return log;
    }

    /** Every row {@code table}'s sink received, in order; empty if it received none. */
    public List<ResultRow> received(String table) {
      List<ResultRow> log = byTable.get(table.toLowerCase(java.util.Locale.ROOT));
      if (log == null) return List.of();
      synchronized (log) {
        return List.copyOf(log);
      }
    }
  }
}
