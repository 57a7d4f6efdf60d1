package dev.sluice.runtime.exec;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.graph.ResultSpec;
import dev.sluice.runtime.state.StateReader;
import dev.sluice.runtime.state.StateWriter;
import java.io.IOException;

/**
 * Turns the changelog of the query's last operator into what the output mode delivers: collects
 * the changes of one batch, then hands over the sink's batch.
 */
interface ResultWriter {

  void accept(RowBatch changes);

  /**
   * What the sink receives for the batch that just ended, or null when it receives nothing. Resets
   * the batch.
   */
  RowBatch finishBatch();

  /** Rows the writer keeps across batches (complete mode's table). Not operator state. */
  default long heldRows() {
    return 0;
  }

  default void snapshot(StateWriter out) throws IOException {}

  default void restore(StateReader in) throws IOException {}

  static ResultWriter create(ResultSpec spec) {
    return switch (spec.mode()) {
      case APPEND -> new AppendResultWriter();
      case UPDATE -> spec.keyColumns() == null ? new RowCountResultWriter() : new KeyedUpdateResultWriter(spec.keyColumns());
      case COMPLETE -> new CompleteResultWriter(spec.order(), spec.limit());
    };
  }
}
