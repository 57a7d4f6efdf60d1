package dev.sluice.connectors.blackhole;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.Sink;
import dev.sluice.runtime.spi.SinkContext;

/**
 * Discards every batch and counts its rows by change kind in the table's {@link
 * BlackholeCounts.Tally}. A batch id the query already delivered (a batch redone after a restart)
 * is not counted again.
 */
public final class BlackholeSink implements Sink {
  private final String table;
  private final BlackholeCounts.Tally tally;
  private String queryId;

  public BlackholeSink(String table, BlackholeCounts counts) {
    this.table = table;
    this.tally = counts.tally(table);
  }

  @Override
  public void open(SinkContext context) {
    this.queryId = context.queryId();
  }

  @Override
  public void write(long batchId, RowBatch rows) {
    if (queryId == null) {
      throw new IllegalStateException(
          "Blackhole sink of table '" + table + "' was written before open");
    }
    tally.count(queryId, batchId, rows);
  }

  /** Deletes are discarded like everything else. */
  @Override
  public boolean supportsDeletes() {
    return true;
  }
}
