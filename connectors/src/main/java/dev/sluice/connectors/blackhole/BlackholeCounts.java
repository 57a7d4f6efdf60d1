package dev.sluice.connectors.blackhole;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the blackhole sinks of one engine received, per table: found through {@link
 * dev.sluice.runtime.spi.ConnectorServices}, so a test or a benchmark reads how many rows a query
 * delivered without keeping them.
 */
public final class BlackholeCounts {
  private final Map<String, Tally> tallies = new ConcurrentHashMap<>();

  /** The counts of blackhole table {@code table}, made on first use. */
  public Tally tally(String table) {
    return tallies.computeIfAbsent(table, t -> new Tally());
  }

  /**
   * Rows received by one table, over all queries writing to it. Read from any thread; each batch
   * is counted as a whole.
   */
  public static final class Tally {
    private final Map<String, Long> lastBatchByQuery = new HashMap<>();
    private final long[] rowsByKind = new long[RowKind.values().length];
    private long batches;

    synchronized void count(String queryId, long batchId, RowBatch rows) {
      Long last = lastBatchByQuery.get(queryId);
      if (last != null && batchId <= last) return;
      lastBatchByQuery.put(queryId, batchId);
      batches++;
      for (int i = 0; i < rows.size(); i++) rowsByKind[rows.kindCode(i)]++;
    }

    /** Batches received, a batch id repeated by a restart counted once. */
    public synchronized long batches() {
      return batches;
    }

    /** Rows received, of every kind. */
    public synchronized long rows() {
      long rows = 0;
      for (long count : rowsByKind) rows += count;
      return rows;
    }

    /** Rows received of {@code kind}. */
    public synchronized long rows(RowKind kind) {
      return rowsByKind[kind.code()];
    }

    @Override
    public synchronized String toString() {
      StringBuilder sb = new StringBuilder("batches=").append(batches);
      for (RowKind kind : RowKind.values()) {
        sb.append(", ").append(kind.shortString()).append('=').append(rowsByKind[kind.code()]);
      }
      return sb.toString();
    }
  }
}
