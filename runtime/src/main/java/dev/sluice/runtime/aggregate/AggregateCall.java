package dev.sluice.runtime.aggregate;

import dev.sluice.runtime.type.DataType;

/**
 * One aggregate of a grouped aggregation, as plain data.
 *
 * @param argument input column of the argument, or -1 for {@code COUNT(*)}
 * @param distinct whether each distinct value counts once ({@code COUNT(DISTINCT x)})
 * @param filterArgument input column of a BOOLEAN that must be TRUE for a row to count
 *     ({@code FILTER (WHERE ...)}), or -1
 * @param resultType the SQL type of the result, which decides the Java class of the value
 * @param retractable whether the input may retract rows, so MIN and MAX must remember every value
 */
public record AggregateCall(
    AggregateKind kind, int argument, boolean distinct, int filterArgument, DataType resultType, boolean retractable) {

  /**
   * Feeds one input row to the accumulator of this call (one without DISTINCT): adds it, or
   * retracts it, when the row passes the call's {@code FILTER}. DISTINCT calls go through {@link
   * DistinctValues}, which {@link GroupAccumulators} shares between the calls on one column.
   */
  void accumulate(Accumulator accumulator, Object[] row, boolean add) {
    if (filterArgument >= 0 && !Boolean.TRUE.equals(row[filterArgument])) return;
    Object value = argument < 0 ? Boolean.TRUE : row[argument];
    if (add) accumulator.add(value);
    else accumulator.retract(value);
  }

  @Override
  public String toString() {
    String arg = argument < 0 ? "*" : (distinct ? "DISTINCT $" : "$") + argument;
    String name = kind == AggregateKind.COUNT_STAR ? "COUNT" : kind.name();
    return name + "(" + arg + ")" + (filterArgument >= 0 ? " FILTER $" + filterArgument : "");
  }
}
