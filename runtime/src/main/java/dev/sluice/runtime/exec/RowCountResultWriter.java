package dev.sluice.runtime.exec;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.state.RowKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Update mode over a result whose key is the whole row: a batch's changes are netted per
 * distinct row, and the sink gets that many inserts or deletes of it.
 */
final class RowCountResultWriter implements ResultWriter {
  private final Map<RowKey, long[]> counts = new LinkedHashMap<>();

  @Override
  public void accept(RowBatch batch) {
    for (int i = 0; i < batch.size(); i++) {
      long[] count = counts.computeIfAbsent(new RowKey(batch.row(i)), k -> new long[1]);
      count[0] += batch.kind(i).isAccumulate() ? 1 : -1;
    }
  }

  @Override
  public RowBatch finishBatch() {
    RowBatch out = new RowBatch();
    for (Map.Entry<RowKey, long[]> e : counts.entrySet()) {
      long n = e.getValue()[0];
      RowKind kind = n > 0 ? RowKind.INSERT : RowKind.DELETE;
      for (long k = Math.abs(n); k > 0; k--) out.add(kind, e.getKey().values());
    }
    counts.clear();
    return out.isEmpty() ? null : out;
  }
}
