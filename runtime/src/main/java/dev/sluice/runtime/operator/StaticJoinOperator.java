package dev.sluice.runtime.operator;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.function.CalcFunction;
import dev.sluice.runtime.state.RowKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins a stream with a static table: the static side's rows (read whole in the first batch after
 * each start) fill a hash table by join key; stream rows wait until the end of their batch, so
 * the static rows read in the same batch are in place, then each probes the table and is emitted
 * joined, or padded with NULLs for an outer join, at once. The stream side keeps no state, and the
 * static table is not checkpointed: it is read again after a restart.
 */
public final class StaticJoinOperator implements Operator {
  private final int staticInput;
  private final int[] streamKeys;
  private final int[] staticKeys;
  private final int leftWidth;
  private final int rightWidth;
  private final CalcFunction condition;
  private final boolean outer;
  private final Map<RowKey, List<Object[]>> table = new HashMap<>();
  private final RowBatch pending = new RowBatch();

  /**
   * @param staticInput which input (0 left, 1 right) is the static table
   * @param outer whether a stream row without a match is emitted padded with NULLs
   */
  public StaticJoinOperator(int staticInput, int[] streamKeys, int[] staticKeys, int leftWidth, int rightWidth, CalcFunction condition,
      boolean outer) {
    this.staticInput = staticInput;
    this.streamKeys = streamKeys;
    this.staticKeys = staticKeys;
    this.leftWidth = leftWidth;
    this.rightWidth = rightWidth;
    this.condition = condition;
    this.outer = outer;
  }

  @Override
  public void open(OperatorContext context) {}

  @Override
  public void process(int input, RowBatch batch, RowBatch out) {
    if (input != staticInput) {
      pending.addAll(batch);
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      if (batch.kindCode(i) != RowKind.INSERT.code()) throw new IllegalStateException("a static table cannot change");
      table.computeIfAbsent(RowKey.of(batch.row(i), staticKeys), k -> new ArrayList<>()).add(batch.row(i));
    }
  }

  @Override
  public void finishBatch(RowBatch out) {
    for (int i = 0; i < pending.size(); i++) {
      Object[] row = pending.row(i);
      byte kind = pending.kindCode(i);
      boolean matched = false;
      List<Object[]> candidates = table.get(RowKey.of(row, streamKeys));
      if (candidates != null) {
        for (Object[] other : candidates) {
          Object[] joined = staticInput == 1 ? concat(row, other) : concat(other, row);
          if (condition.apply(joined) != null) {
            out.add(kind, joined);
            matched = true;
          }
        }
      }
      if (outer && !matched) out.add(kind, staticInput == 1 ? concat(row, new Object[rightWidth]) : concat(new Object[leftWidth], row));
    }
    pending.clear();
  }

  private Object[] concat(Object[] leftRow, Object[] rightRow) {
    Object[] joined = new Object[leftWidth + rightWidth];
    System.arraycopy(leftRow, 0, joined, 0, leftWidth);
    System.arraycopy(rightRow, 0, joined, leftWidth, rightWidth);
    return joined;
  }
}
