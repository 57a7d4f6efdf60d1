package dev.sluice.runtime.aggregate;

import dev.sluice.runtime.state.StateReader;
import dev.sluice.runtime.state.StateWriter;
import java.io.IOException;

/**
 * The running state of every aggregate call in one group: an accumulator per call without
 * DISTINCT, and one {@link DistinctValues} per distinct argument column, holding the accumulators
 * of that column's DISTINCT calls.
 */
public final class GroupAccumulators {
  private final AggregateCalls calls;
  /** Per call, the accumulator whose result is the call's; for DISTINCT calls, the inner one. */
  private final Accumulator[] byCall;
  private final DistinctValues[] distinct;

  GroupAccumulators(AggregateCalls calls) {
    this.calls = calls;
    byCall = new Accumulator[calls.size()];
    for (int c : calls.plainCalls) byCall[c] = Accumulators.create(calls.get(c));
    distinct = new DistinctValues[calls.distinctArguments.length];
    for (int s = 0; s < distinct.length; s++) {
      int[] members = calls.distinctCalls[s];
      Accumulator[] inner = new Accumulator[members.length];
      for (int k = 0; k < members.length; k++) {
        inner[k] = Accumulators.create(calls.get(members[k]));
        byCall[members[k]] = inner[k];
      }
      distinct[s] = new DistinctValues(calls.distinctArguments[s], calls.distinctFilters[s], inner, calls.distinctInsertOnly[s]);
    }
  }

  /** Feeds one input row to every call: adds it, or retracts it, where it passes the call's filter. */
  public void accumulate(Object[] row, boolean add) {
    for (int c : calls.plainCalls) calls.get(c).accumulate(byCall[c], row, add);
    for (DistinctValues values : distinct) values.accumulate(row, add);
  }

  /** The result of call {@code call}, in the representation of its result type. */
  public Object result(int call) {
    return byCall[call].result();
  }

  /** Adds everything {@code other} (of the same calls) has seen, as when two sessions merge. */
  public void merge(GroupAccumulators other) {
    for (int c : calls.plainCalls) byCall[c].merge(other.byCall[c]);
    for (int s = 0; s < distinct.length; s++) distinct[s].merge(other.distinct[s]);
  }

  /**
   * The calls without DISTINCT in call order, then each distinct argument column's values; with
   * no DISTINCT call, the layout of one accumulator after another.
   */
  public void write(StateWriter out) throws IOException {
    for (int c : calls.plainCalls) byCall[c].write(out);
    for (DistinctValues values : distinct) values.write(out);
  }

  public void read(StateReader in) throws IOException {
    for (int c : calls.plainCalls) byCall[c].read(in);
    for (DistinctValues values : distinct) values.read(in);
  }
}
