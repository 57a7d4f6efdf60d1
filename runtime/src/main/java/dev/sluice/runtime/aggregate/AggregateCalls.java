package dev.sluice.runtime.aggregate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregate calls of one grouped aggregation, arranged once per operator: the calls without
 * DISTINCT, and the DISTINCT calls grouped by argument column so that each group keeps one {@link
 * DistinctValues} per column for all of them, whatever their filters and functions.
 */
public final class AggregateCalls {
  private final AggregateCall[] calls;
  /** Indexes of the calls without DISTINCT, in call order. */
  final int[] plainCalls;
  /** Per distinct argument column, in order of first use: the column. */
  final int[] distinctArguments;
  /** Per distinct argument column: the indexes of its calls. */
  final int[][] distinctCalls;
  /** Per distinct argument column: the filter column of each of its calls, or -1. */
  final int[][] distinctFilters;
  /** Per distinct argument column: whether its input rows are only ever added, never retracted. */
  final boolean[] distinctInsertOnly;

  public AggregateCalls(AggregateCall[] calls) {
    this.calls = calls.clone();
    List<Integer> plain = new ArrayList<>();
    Map<Integer, List<Integer>> byArgument = new LinkedHashMap<>();
    for (int c = 0; c < calls.length; c++) {
      if (calls[c].distinct() && calls[c].argument() >= 0) {
        byArgument.computeIfAbsent(calls[c].argument(), a -> new ArrayList<>()).add(c);
      } else {
        plain.add(c); // COUNT(DISTINCT *) does not parse; were it built, every row is one value
      }
    }
    plainCalls = plain.stream().mapToInt(Integer::intValue).toArray();
    distinctArguments = new int[byArgument.size()];
    distinctCalls = new int[byArgument.size()][];
    distinctFilters = new int[byArgument.size()][];
    distinctInsertOnly = new boolean[byArgument.size()];
    int s = 0;
    for (Map.Entry<Integer, List<Integer>> e : byArgument.entrySet()) {
      distinctArguments[s] = e.getKey();
      distinctCalls[s] = e.getValue().stream().mapToInt(Integer::intValue).toArray();
      distinctFilters[s] = e.getValue().stream().mapToInt(c -> calls[c].filterArgument()).toArray();
      distinctInsertOnly[s] = e.getValue().stream().noneMatch(c -> calls[c].retractable());
      s++;
    }
  }

  public int size() {
    return calls.length;
  }

  AggregateCall get(int call) {
    return calls[call];
  }

  /** Fresh accumulators for a new group (or session). */
  public GroupAccumulators newGroup() {
    return new GroupAccumulators(this);
  }
}
