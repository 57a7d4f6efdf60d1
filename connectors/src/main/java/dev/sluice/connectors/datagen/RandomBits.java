package dev.sluice.connectors.datagen;

/**
 * Random bits as a pure function of (seed, row index, column), so that any row can be generated
 * again without generating the rows before it. Row {@code i} takes element {@code i} of a
 * SplitMix64 stream (the generator behind {@link java.util.SplittableRandom}) and each column mixes
 * its position into it.
 */
final class RandomBits {
  /** The odd increment of SplitMix64: 2^64 divided by the golden ratio. */
  static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private RandomBits() {}

  /** Stafford's "Mix13" finalizer, as {@code SplittableRandom.mix64}. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** What the seed option turns into: the start of the stream. */
  static long streamSeed(long seed) {
    return mix64(seed ^ 0x5851F42D4C957F2DL);
  }

  /** The bits of row {@code index}. */
  static long row(long streamSeed, long index) {
    return mix64(streamSeed + index * GOLDEN_GAMMA);
  }

  /** The bits of column {@code column} in a row with bits {@code rowBits}. */
  static long column(long rowBits, int column) {
    return mix64(rowBits + (column + 1L) * 0xD1B54A32D192ED03L);
  }

  /** The {@code draw}-th further bits from {@code bits}, for values that need more than 64. */
  static long next(long bits, int draw) {
    return mix64(bits + (draw + 1L) * GOLDEN_GAMMA);
  }

  /** A number in {@code [min, max]}, spread evenly: the high half of {@code bits * range}. */
  static long between(long bits, long min, long max) {
    long range = max - min + 1; // as an unsigned number; 0 when [min, max] is every long
    if (range == 0) return bits;
    return min + unsignedMultiplyHigh(bits, range);
  }

  /** A double in {@code [0, 1)} from the top 53 bits. */
  static double unit(long bits) {
    return (bits >>> 11) * 0x1.0p-53;
  }

  /** {@code Math.unsignedMultiplyHigh}, which arrives only in Java 18. */
  private static long unsignedMultiplyHigh(long x, long y) {
    return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
  }
}
