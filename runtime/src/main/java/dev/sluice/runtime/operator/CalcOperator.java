package dev.sluice.runtime.operator;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.function.CalcFunction;

/**
 * Filter and projection in one compiled function. Stateless; a change keeps its kind, so the
 * operator is correct over updating input too (a row leaving the filter on update emits only
 * its retraction).
 */
public final class CalcOperator implements Operator {
  private final CalcFunction function;

  public CalcOperator(CalcFunction function) {
    this.function = function;
  }

  @Override
  public void open(OperatorContext context) {}

  @Override
  public void process(int input, RowBatch batch, RowBatch out) {
    for (int i = 0, n = batch.size(); i < n; i++) {
      Object[] result = function.apply(batch.row(i));
      if (result != null) {
        out.add(batch.kindCode(i), result);
      }
    }
  }
}
