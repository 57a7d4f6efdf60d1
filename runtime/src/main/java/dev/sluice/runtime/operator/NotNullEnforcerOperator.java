package dev.sluice.runtime.operator;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import java.util.Arrays;

/**
 * The last operator of an {@code INSERT INTO} a table with {@code NOT NULL} columns the query can
 * leave NULL, as Flink's sink constraint enforcer ({@code 'table.exec.sink.not-null-enforcer'}):
 * a row with a NULL in such a column fails the query, naming the table, the column and the row,
 * or, when the setting says drop, is left out and counted ({@link OperatorMetrics#droppedNullRows}).
 * A dropped row's later retraction is left out too, so a sink never sees a change of a row it never got.
 */
public final class NotNullEnforcerOperator implements Operator {
  private final String table;
  /** Positions of the NOT NULL columns, and their names, in the same order. */
  private final int[] columns;
  private final String[] names;
  private final boolean drop;
  private OperatorContext context;

  public NotNullEnforcerOperator(String table, int[] columns, String[] names, boolean drop) {
    assert columns.length == names.length && columns.length > 0;
    this.table = table;
    this.columns = columns.clone();
    this.names = names.clone();
    this.drop = drop;
  }

  @Override
  public void open(OperatorContext context) {
    this.context = context;
  }

  @Override
  public void process(int input, RowBatch batch, RowBatch out) {
    for (int i = 0; i < batch.size(); i++) {
      Object[] row = batch.row(i);
      int nullColumn = firstNullColumn(row);
      if (nullColumn < 0) {
        out.add(batch.kindCode(i), row);
        continue;
      }
      if (!drop) {
        throw new IllegalStateException("INSERT INTO '" + table + "': column '" + names[nullColumn] + "' is NOT NULL, but the query "
            + "gave it NULL in the row " + Arrays.toString(row) + ". Give the column a value in the query (COALESCE(..., default)), "
            + "or SET 'sink.not-null-enforcer' = 'drop' to leave such rows out and count them.");
      }
      if (batch.kind(i).isAccumulate()) context.metrics().droppedNullRows++;
    }
  }

  private int firstNullColumn(Object[] row) {
    for (int c = 0; c < columns.length; c++) {
      if (row[columns[c]] == null) return c;
    }
    return -1;
  }
}
