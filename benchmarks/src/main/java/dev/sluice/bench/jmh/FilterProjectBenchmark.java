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

/** A compiled filter and projection over a batch already in memory: rows in per second. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FilterProjectBenchmark {
  static final int ROWS = 100_000;

  private Pipeline pipeline;
  private RowBatch input;

  @Setup
  public void plan() {
    pipeline = new Pipeline(Rows.TABLE, "SELECT k, v * 2 + 1 AS w, s FROM t WHERE MOD(v, 10) <> 3 AND k > 5", OutputMode.APPEND);
    input = Rows.keyed(ROWS, 1_000_000, 1);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public RowBatch filterAndProject() {
    return pipeline.run(input);
  }
}
