package dev.sluice.runtime.operator;

import dev.sluice.runtime.data.RowBatch;

/** {@code UNION ALL}: the changes of every input, unchanged. */
public final class UnionOperator implements Operator {
  @Override
  public void open(OperatorContext context) {}

  @Override
  public void process(int input, RowBatch batch, RowBatch out) {
    out.addAll(batch);
  }
}
