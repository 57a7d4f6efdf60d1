package dev.sluice.bench.jmh;

import dev.sluice.runtime.data.RowBatch;
import java.util.SplittableRandom;

/** Input batches the benchmarks build once, before measuring, from a fixed seed. */
final class Rows {
  private Rows() {}

  /**
   * {@code n} rows {@code (k BIGINT, v BIGINT, s VARCHAR, ts TIMESTAMP(3))}: {@code k} among
   * {@code keys} values, {@code v} below a million, {@code s} one of 16 short strings, {@code ts}
   * a millisecond apart.
   */
  static RowBatch keyed(int n, long keys, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String[] strings = new String[16];
    for (int i = 0; i < strings.length; i++) strings[i] = "channel-" + i;
    RowBatch batch = new RowBatch(n);
    for (int i = 0; i < n; i++) {
      batch.insert(new Object[] {random.nextLong(keys), random.nextLong(1_000_000), strings[random.nextInt(16)], 1_600_000_000_000L + i});
    }
    return batch;
  }

  /**
   * The table the rows belong to. Its watermark lets window queries plan in append mode; the
   * benchmarks never advance it (see {@link Pipeline}).
   */
  static final String TABLE = "CREATE TABLE t (k BIGINT, v BIGINT, s VARCHAR, ts TIMESTAMP(3), "
      + "WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'memory')";
}
