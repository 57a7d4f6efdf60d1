package dev.sluice.runtime.spi;

import dev.sluice.runtime.data.RowBatch;

/**
 * A query's output. The executor calls {@link #open} once, then {@link #write} once per batch
 * that has output (and once per batch in complete mode), from the query thread.
 *
 * <p>What a batch holds depends on the {@link SinkContext#mode()}: in append mode inserts; in
 * update mode {@code UPDATE_AFTER} rows (insert or replace by key) and {@code DELETE} rows; in
 * complete mode the whole result table as inserts, replacing what was there.
 *
 * <p>A batch id can arrive twice when a query restarts after a crash between writing and
 * committing; a sink that remembers the ids it applied makes that repeat harmless. Such a sink
 * should store {@link QueryStatus#inputDigest()} with each id and skip a repeat only when the
 * digest is the same: a repeat over other input comes from a query resumed on another or an older
 * checkpoint, and skipping it would lose its rows.
 */
public interface Sink extends AutoCloseable {

  void open(SinkContext context);

  void write(long batchId, RowBatch rows);

  /** Whether this sink can apply deletes; an update-mode query that may emit one is refused otherwise. */
  default boolean supportsDeletes() {
    return true;
  }

  @Override
  default void close() {}
}
