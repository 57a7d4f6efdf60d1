package dev.sluice.runtime.function;

/**
 * A table's watermark expression over one of its rows: the watermark that row allows, in epoch
 * milliseconds. A source's watermark after a batch is the largest of these over the batch's rows,
 * so this runs once per row read and returns a primitive.
 */
@FunctionalInterface
public interface WatermarkFunction {
  /** The value of the expression for {@code row}, or {@code Long.MIN_VALUE} when it is null. */
  long apply(Object[] row);

  /**
   * The common {@code column - INTERVAL ...} (or the column itself, with no delay): a read and a
   * subtraction, with nothing allocated.
   *
   * @param column a timestamp column, whose rows hold epoch milliseconds as a {@code Long}
   */
  record BoundedDelay(int column, long delayMillis) implements WatermarkFunction {
    @Override
    public long apply(Object[] row) {
      return row[column] instanceof Long time ? time - delayMillis : Long.MIN_VALUE;
    }
  }

  /** Any other expression, as a compiled one-column projection. */
  static WatermarkFunction of(CalcFunction expression) {
    return row -> expression.apply(row)[0] instanceof Number time ? time.longValue() : Long.MIN_VALUE;
  }
}
