package dev.sluice.planner.physical;

/** A node that aggregates, for the output-mode check: complete mode needs one, append mode needs each to emit only final rows. */
public interface Aggregating {
  /** Whether it emits each result row once, when the watermark makes it final. */
  boolean emitFinalOnly();

  String explain();

  /**
   * The keys of an aggregation's output: all {@code keyCount} group keys, then the same with one
   * column left out for each column whose equivalent stays in.
   */
  static java.util.List<int[]> keysWithEquivalents(int keyCount, java.util.function.IntUnaryOperator equivalent) {
    java.util.List<int[]> keys = new java.util.ArrayList<>();
    keys.add(java.util.stream.IntStream.range(0, keyCount).toArray());
    for (int i = 0; i < keyCount; i++) {
      if (equivalent.applyAsInt(i) >= 0) {
        int skipped = i;
        keys.add(java.util.stream.IntStream.range(0, keyCount).filter(k -> k != skipped).toArray());
      }
    }
    return keys;
  }
}
