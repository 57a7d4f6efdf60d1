package dev.sluice.bench.jmh;

import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.runtime.exec.Trigger;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The fixed cost of a trigger through the whole engine (executor, offsets, sink; no checkpoint):
 * a trigger that finds no new input, and a micro-batch of a single row through a grouped count.
 * Microseconds per trigger.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MicroBatchBenchmark {
  private SluiceEngine engine;
  private StreamingQuery query;
  private final List<Object[]> oneRow = List.<Object[]>of(new Object[] {1L, 2L});

  @Setup
  public void start() {
    engine = SluiceEngine.open();
    engine.execute("CREATE TABLE t (k BIGINT, v BIGINT) WITH ('connector' = 'memory')");
    query = engine.query("SELECT k, COUNT(*) AS n FROM t GROUP BY k").outputMode("update").trigger(new Trigger.Manual())
        .onBatch((batchId, rows) -> {}).start();
    engine.memoryTables().append("t", oneRow);
    query.processAllAvailable();
  }

  @TearDown
  public void stop() {
    query.stop();
    engine.close();
  }

  @Benchmark
  public void emptyTrigger() {
    query.processAllAvailable();
  }

  @Benchmark
  public void oneRowBatch() {
    engine.memoryTables().append("t", oneRow);
    query.processAllAvailable();
  }
}
