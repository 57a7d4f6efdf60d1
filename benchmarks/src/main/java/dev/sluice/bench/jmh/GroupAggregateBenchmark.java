package dev.sluice.bench.jmh;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.OutputMode;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code COUNT(*)} and {@code SUM} per BIGINT key in update mode: each invocation is one batch
 * updating the keys' state and emitting the changed keys' new rows. Rows in per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GroupAggregateBenchmark {
  static final int ROWS = 100_000;

  @Param({"1000", "100000"})
  public long keys;

  private Pipeline pipeline;
  private RowBatch input;

  @Setup
  public void plan() {
    pipeline = new Pipeline(Rows.TABLE, "SELECT k, COUNT(*) AS n, SUM(v) AS total FROM t GROUP BY k", OutputMode.UPDATE);
    input = Rows.keyed(ROWS, keys, 2);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public RowBatch countAndSumByKey() {
    return pipeline.run(input);
  }
}
