package dev.sluice.bench;

import java.util.Locale;

/**
 * One measured Nexmark run, as printed and written to JSON.
 *
 * @param eventsPerSecondPerCore events divided by the CPU seconds the whole process used (generator,
 *     operators, garbage collector and JIT compiler included): the figure engines are compared on
 * @param peakHeapBytes the most heap in use at once (garbage included)
 * @param peakLiveHeapBytes the most heap still in use after a garbage collection (the live data)
 * @param stateRows rows held in operator state when the run ended
 */
record NexmarkResult(
    String query,
    String outputMode,
    long events,
    long outputRows,
    double seconds,
    double cpuSeconds,
    double eventsPerSecond,
    double eventsPerSecondPerCore,
    long peakHeapBytes,
    long peakLiveHeapBytes,
    long stateRows) {

  static final String TABLE_HEADER = String.format(Locale.ROOT, "%-6s %-7s %12s %10s %8s %9s %14s %10s %10s %11s",
      "query", "mode", "events", "output", "seconds", "cpu s", "ev/s per core", "heap MiB", "live MiB", "state rows");

  String tableRow() {
    return String.format(Locale.ROOT, "%-6s %-7s %12d %10d %8.2f %9.2f %14s %10d %10d %11d", query, outputMode, events, outputRows,
        seconds, cpuSeconds, String.format(Locale.ROOT, "%,.0f", eventsPerSecondPerCore), peakHeapBytes >> 20, peakLiveHeapBytes >> 20,
        stateRows);
  }
}
