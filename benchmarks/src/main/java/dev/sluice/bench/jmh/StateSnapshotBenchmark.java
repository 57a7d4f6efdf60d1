package dev.sluice.bench.jmh;

import dev.sluice.runtime.operator.Operator;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.state.KeyGroupedState;
import dev.sluice.runtime.state.KeyGroups;
import dev.sluice.runtime.state.StateWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
 * Writing a full snapshot of a grouped aggregation's state (100,000 keys, each with a count and a
 * sum) through the checkpoint's state encoding, into memory so the disk is not measured. Keys
 * written per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StateSnapshotBenchmark {
  static final int KEYS = 100_000;

  private KeyGroupedState state;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 << 20);

  @Setup
  public void fill() {
    Pipeline pipeline = new Pipeline(Rows.TABLE, "SELECT k, COUNT(*) AS n, SUM(v) AS total FROM t GROUP BY k", OutputMode.UPDATE);
    pipeline.run(Rows.keyed(4 * KEYS, KEYS, 6));
    for (Operator operator : pipeline.operators()) {
      if (operator.checkpointState() != null) state = operator.checkpointState();
    }
    if (state == null) throw new IllegalStateException("the aggregation keeps no checkpoint state");
  }

  @Benchmark
  @OperationsPerInvocation(KEYS)
  public int writeSnapshot() throws IOException {
    bytes.reset();
    try (StateWriter out = new StateWriter(bytes)) {
      state.writeShared(out);
      for (int group = 0; group < KeyGroups.COUNT; group++) state.writeKeyGroup(group, out);
    }
    return bytes.size();
  }
}
