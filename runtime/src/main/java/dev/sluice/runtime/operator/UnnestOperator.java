package dev.sluice.runtime.operator;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.function.CalcFunction;
import java.util.List;
import java.util.Map;

/**
 * {@code CROSS JOIN UNNEST(array)}: each input row becomes one output row per element of an
 * array computed from it: the input columns followed by the element (its fields, when the
 * element is a row), and the 1-based ordinal {@code WITH ORDINALITY}. A NULL or empty array
 * yields no row. Stateless; the change kind passes through.
 */
public final class UnnestOperator implements Operator {
  private final CalcFunction collection;
  private final boolean elementIsRow;
  private final boolean withOrdinality;

  /**
   * @param collection computes, from an input row, a one-column row holding the array (a
   *     {@code List}) or the map to unnest
   */
  public UnnestOperator(CalcFunction collection, boolean elementIsRow, boolean withOrdinality) {
    this.collection = collection;
    this.elementIsRow = elementIsRow;
    this.withOrdinality = withOrdinality;
  }

  @Override
  public void open(OperatorContext context) {}

  @Override
  public void process(int input, RowBatch batch, RowBatch out) {
    for (int i = 0, n = batch.size(); i < n; i++) {
      Object[] row = batch.row(i);
      Object value = collection.apply(row)[0];
      if (value instanceof List<?> list) {
        for (int j = 0; j < list.size(); j++) {
          out.add(batch.kindCode(i), combine(row, list.get(j), j + 1));
        }
      } else if (value instanceof Map<?, ?> map) {
        int ordinal = 1;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          out.add(batch.kindCode(i), combine(row, new Object[] {e.getKey(), e.getValue()}, ordinal++));
        }
      }
    }
  }

  private Object[] combine(Object[] row, Object element, int ordinal) {
    Object[] fields = elementIsRow && element instanceof Object[] a ? a : new Object[] {element};
    Object[] result = new Object[row.length + fields.length + (withOrdinality ? 1 : 0)];
    System.arraycopy(row, 0, result, 0, row.length);
    System.arraycopy(fields, 0, result, row.length, fields.length);
    if (withOrdinality) result[result.length - 1] = ordinal;
    return result;
  }
}
