/**
 * Sluice's benchmarks: the Nexmark runner and the latency run behind {@code ./sluice bench}, and
 * the JMH benchmarks of the hot paths (package {@code dev.sluice.bench.jmh}). See {@code
 * benchmarks/README.md} for what each measures and the figures.
 */
package dev.sluice.bench;
