package dev.sluice.runtime.operator;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.state.KeyGroupedState;

/**
 * A running incremental operator: it reads the changes of its inputs batch by batch, keeps
 * whatever state it needs, and appends its own changes to an output batch.
 *
 * <p>The executor calls every method from one thread, in this order: {@link #open} once; then,
 * if the query resumes from a checkpoint, the restore methods of {@link #checkpointState()}; then
 * per micro-batch {@link #process} zero or more times per input, followed by {@link #finishBatch}
 * exactly once; after {@code finishBatch} it may write the checkpoint state; finally {@link
 * #close}.
 *
 * <p>The watermark in {@link OperatorContext#watermark()} is fixed for the whole batch. Rows
 * appended to {@code out} may be consumed after the call returns, so an operator must not
 * mutate a row once it emitted it. An operator never emits an update whose before and after
 * rows are equal.
 */
public interface Operator {

  void open(OperatorContext context);

  /**
   * Consumes a batch of changes from input {@code input} (0 for single-input operators) and
   * appends the changes it causes to {@code out}.
   */
  void process(int input, RowBatch batch, RowBatch out);

  /**
   * Ends the micro-batch: emits what was held back until all input of the batch was seen (the
   * net change of an aggregate, windows the watermark closed) and evicts state the watermark
   * made useless.
   */
  default void finishBatch(RowBatch out) {}

  /**
   * Whether a batch without input at {@code watermark} would emit or evict anything; the
   * executor runs such a no-data batch at once when it would.
   */
  default boolean hasWorkAt(long watermark) {
    return false;
  }

  /** Rows this operator holds in state now, as the progress report counts them. */
  default long stateRows() {
    return 0;
  }

  /**
   * The state this operator keeps across batches, which checkpoints save and restore key group by
   * key group, or null when it keeps none that must survive a restart. The same object every call.
   */
  default KeyGroupedState checkpointState() {
    return null;
  }

  default void close() {}
}
