package dev.sluice.runtime.spi;

import dev.sluice.runtime.type.Schema;
import java.util.function.Supplier;

/**
 * What a sink learns when its query starts.
 *
 * @param schema the result columns, in order
 * @param mode what {@link Sink#write} receives
 * @param keyColumns positions of the result key in a row (update mode); empty when the result
 *     has at most one row; null when the key is the whole row
 * @param queryId the query writing to this sink
 * @param status the query's watermark and late-row count, current while a batch is written
 */
public record SinkContext(Schema schema, OutputMode mode, int[] keyColumns, String queryId, Supplier<QueryStatus> status) {

  /** A context without status, for sinks driven outside a query. */
  public SinkContext(Schema schema, OutputMode mode, int[] keyColumns, String queryId) {
    this(schema, mode, keyColumns, queryId, () -> QueryStatus.NONE);
  }
}
