/**
 * The {@code blackhole} connector: a sink that discards what it receives and only counts it, for
 * benchmarks that measure the engine rather than an output, as Flink's sink of that name. The
 * counts per table are in {@link dev.sluice.connectors.blackhole.BlackholeCounts}, one per engine.
 */
package dev.sluice.connectors.blackhole;
