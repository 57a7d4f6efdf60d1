package dev.sluice.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.runtime.checkpoint.CheckpointStore;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.function.WatermarkFunction;
import dev.sluice.runtime.graph.NodeRef;
import dev.sluice.runtime.graph.OperatorNode;
import dev.sluice.runtime.graph.QueryGraph;
import dev.sluice.runtime.graph.ResultSpec;
import dev.sluice.runtime.graph.SourceNode;
import dev.sluice.runtime.operator.LateRowHandler;
import dev.sluice.runtime.operator.Operator;
import dev.sluice.runtime.operator.OperatorContext;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.spi.Source;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows an operator emits in a batch's watermark phase (a window closing, an outer row padded) are
 * judged late downstream against the watermark of the batch before; a query restarted from its
 * checkpoint judges them against the same watermark, not against none, so a restart changes no
 * result (SEMANTICS.md: a join drops a late row right after a restart too).
 */
class LateWatermarkAfterRestartTest {
  @TempDir Path checkpoint;

  /** Rows (ts) one a batch; the watermark is the largest ts seen. */
  private record TimeSource(List<Object[]> rows) implements Source {
    @Override
    public String initialOffset() {
      return "0";
    }

    @Override
    public String latestOffset() {
      return Integer.toString(rows.size());
    }

    @Override
    public String limitOffset(String start, String latest) {
      return Integer.toString(Math.min(Integer.parseInt(latest), Integer.parseInt(start) + 1));
    }

    @Override
    public void read(String start, String end, RowBatch out) {
      for (int i = Integer.parseInt(start); i < Integer.parseInt(end); i++) out.insert(rows.get(i).clone());
    }

    @Override
    public boolean isReplayable() {
      return true;
    }
  }

  /** Notes, per batch, the watermark a row arriving in the watermark phase is judged late against. */
  private static final class LateWatermarkProbe implements Operator {
    private final List<Long> seen;
    private OperatorContext context;

    LateWatermarkProbe(List<Long> seen) {
      this.seen = seen;
    }

    @Override
    public void open(OperatorContext context) {
      this.context = context;
    }

    @Override
    public void process(int input, RowBatch batch, RowBatch out) {}

    @Override
    public void finishBatch(RowBatch out) {
      seen.add(context.lateWatermark());
    }
  }

  private MicroBatchExecutor executor(List<Object[]> rows, List<Long> seen) {
    DataType bigint = DataType.of(TypeKind.BIGINT);
    SourceNode source = new SourceNode("events", () -> new TimeSource(rows), null, new WatermarkFunction.BoundedDelay(0, 0), false);
    OperatorNode probe = new OperatorNode("Probe#0", () -> new LateWatermarkProbe(seen), List.of(NodeRef.source(0)));
    ResultSpec result = new ResultSpec(new Schema(List.of(new Field("ts", bigint))), OutputMode.APPEND, null, null, -1, true);
    QueryGraph graph = new QueryGraph(List.of(source), List.of(probe), NodeRef.operator(0), result, "test-fingerprint");
    return new MicroBatchExecutor("q1", "test query", graph, new CheckpointTestQuery.IdempotentSink(), new CheckpointStore(checkpoint),
        LateRowHandler.DISCARD);
  }

  @Test
  void theFirstBatchAfterARestartJudgesWatermarkPhaseRowsByTheLastCommittedBatchsWatermark() throws Exception {
    List<Object[]> rows = new ArrayList<>(List.of(new Object[] {100L}, new Object[] {200L}));
    List<Long> before = new ArrayList<>();
    MicroBatchExecutor first = executor(rows, before);
    first.start();
    while (first.runBatch(null)) {
      // batch 0 at no watermark, batch 1 at 100 (its watermark phase judges by batch 0's: none)
    }
    first.close();
    assertEquals(List.of(OperatorContext.NO_WATERMARK, OperatorContext.NO_WATERMARK), before);

    rows.add(new Object[] {300L});
    List<Long> after = new ArrayList<>();
    MicroBatchExecutor restarted = executor(rows, after);
    restarted.start();
    restarted.runBatch(null);
    restarted.close();
    assertEquals(List.of(100L), after, "the batch after the restart runs at 200, and the last committed batch ran at 100");
  }
}
