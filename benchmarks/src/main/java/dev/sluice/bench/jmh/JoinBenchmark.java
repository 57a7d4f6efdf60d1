package dev.sluice.bench.jmh;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.OutputMode;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * An inner equi-join of two streams: one batch of 100,000 rows inserted on the left, then one of
 * 100,000 rows probing them from the right (each key on the left about once). The operators start
 * empty for each invocation, so state does not grow across invocations. Rows in (both sides) per
 * second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JoinBenchmark {
  static final int ROWS = 100_000;

  private Pipeline pipeline;
  private RowBatch left;
  private RowBatch right;

  @Setup
  public void plan() {
    pipeline = new Pipeline(
        Rows.TABLE + ";\n" + Rows.TABLE.replace("TABLE t ", "TABLE u "),
        "SELECT t.k, t.v, u.v AS other FROM t JOIN u ON t.k = u.k",
        OutputMode.APPEND);
    left = Rows.keyed(ROWS, ROWS, 4);
    right = Rows.keyed(ROWS, ROWS, 5);
  }

  @Setup(Level.Invocation)
  public void emptyState() {
    pipeline.reset();
  }

  @Benchmark
  @OperationsPerInvocation(2 * ROWS)
  public RowBatch insertThenProbe() {
    pipeline.run(left, null);
    return pipeline.run(null, right);
  }
}
