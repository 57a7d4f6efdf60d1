package dev.sluice.bench.jmh;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.OutputMode;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A tumbling-window count per key: window assignment and the per-(key, window) count update.
 * The batch's rows span 100 one-second windows; the watermark does not move, so the same windows
 * are updated batch after batch and nothing is emitted or evicted (emission costs one row per
 * window, not per input row). Rows in per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TumbleWindowBenchmark {
  static final int ROWS = 100_000;

  private Pipeline pipeline;
  private RowBatch input;

  @Setup
  public void plan() {
    pipeline = new Pipeline(
        Rows.TABLE,
        "SELECT k, window_start, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' SECOND)) "
            + "GROUP BY k, window_start, window_end",
        OutputMode.APPEND);
    input = Rows.keyed(ROWS, 100, 3);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public RowBatch tumblingCount() {
    return pipeline.run(input);
  }
}
