package dev.sluice.engine.internal;

import dev.sluice.engine.ResultListener;
import dev.sluice.engine.ResultRow;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.Sink;
import dev.sluice.runtime.spi.SinkContext;
import java.util.ArrayList;
import java.util.List;

/** Hands each delivered batch to a {@link ResultListener}; a batch id seen before is skipped. */
public final class ListenerSink implements Sink {
  private final ResultListener listener;
  private long lastBatchId = -1;

  public ListenerSink(ResultListener listener) {
    this.listener = listener;
  }

  @Override
  public void open(SinkContext context) {}

  @Override
  public void write(long batchId, RowBatch rows) {
    if (batchId <= lastBatchId) return;
    lastBatchId = batchId;
    List<ResultRow> result = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) result.add(new ResultRow(rows.kind(i), rows.row(i)));
    listener.onBatch(batchId, result);
  }
}
