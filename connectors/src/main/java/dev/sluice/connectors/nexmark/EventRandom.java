package dev.sluice.connectors.nexmark;

/**
 * The random draws of one event, a SplitMix64 sequence (the generator behind {@link
 * java.util.SplittableRandom}) started from the seed and the event's number. The reference draws
 * from one sequence over the whole stream; starting afresh per event makes any event, and so any
 * range, reproducible without generating what comes before it. One instance is reused for every
 * event a generator makes, so drawing allocates nothing.
 */
final class EventRandom {
  /** The odd increment of SplitMix64: 2^64 divided by the golden ratio. */
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private long state;

  /** Starts the draws of event {@code event} of a stream with seed {@code seed}. */
  EventRandom reset(long seed, long event) {
    state = mix64(mix64(seed ^ 0x5851F42D4C957F2DL) + event * GOLDEN_GAMMA);
    return this;
  }

  /** Stafford's "Mix13" finalizer, as {@code SplittableRandom.mix64}. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  long nextLong() {
    state += GOLDEN_GAMMA;
    return mix64(state);
  }

  /** A number in {@code [0, bound)}, {@code bound > 0}: the high half of 32 bits times bound. */
  int nextInt(int bound) {
    assert bound > 0;
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** A number in {@code [0, bound)}, {@code bound > 0}: the high half of 64 bits times bound. */
  long nextLong(long bound) {
    assert bound > 0;
    long bits = nextLong();
    // The unsigned high half of bits * bound, bound being positive.
    return Math.multiplyHigh(bits, bound) + ((bits >> 63) & bound);
  }

  /** A double in {@code [0, 1)} from the top 53 bits. */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }
}
