package dev.sluice.engine;

import java.util.List;

/**
 * Receives what a query delivers after each batch, on the query's thread. In complete mode
 * {@code rows} is the whole result table.
 */
@FunctionalInterface
public interface ResultListener {
  void onBatch(long batchId, List<ResultRow> rows);
}
