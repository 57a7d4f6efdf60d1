package dev.sluice.runtime.exec;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.state.RowKey;
import dev.sluice.runtime.state.StateReader;
import dev.sluice.runtime.state.StateWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Complete mode: keeps the whole result table (each distinct row with its multiplicity) and hands
 * all of it to the sink after every batch, ordered and limited as the query's {@code ORDER BY}
 * and {@code LIMIT} say.
 */
final class CompleteResultWriter implements ResultWriter {
  private final Comparator<Object[]> order;
  private final long limit;
  private final Map<RowKey, long[]> table = new LinkedHashMap<>();

  CompleteResultWriter(Comparator<Object[]> order, long limit) {
    this.order = order;
    this.limit = limit;
  }

  @Override
  public void accept(RowBatch batch) {
    for (int i = 0; i < batch.size(); i++) {
      RowKey row = new RowKey(batch.row(i));
      long[] count = table.computeIfAbsent(row, k -> new long[1]);
      count[0] += batch.kind(i).isAccumulate() ? 1 : -1;
      if (count[0] <= 0) table.remove(row);
    }
  }

  @Override
  public RowBatch finishBatch() {
    List<Object[]> rows = new ArrayList<>(table.size());
    for (Map.Entry<RowKey, long[]> e : table.entrySet()) {
      for (long k = e.getValue()[0]; k > 0; k--) rows.add(e.getKey().values());
    }
    if (order != null) rows.sort(order);
    int n = limit < 0 ? rows.size() : (int) Math.min(limit, rows.size());
    RowBatch out = new RowBatch(n);
    for (int i = 0; i < n; i++) out.insert(rows.get(i));
    return out;
  }

  @Override
  public long heldRows() {
    return table.size();
  }

  @Override
  public void snapshot(StateWriter out) throws IOException {
    out.writeInt(table.size());
    for (Map.Entry<RowKey, long[]> e : table.entrySet()) {
      out.writeRow(e.getKey().values());
      out.writeLong(e.getValue()[0]);
    }
  }

  @Override
  public void restore(StateReader in) throws IOException {
    table.clear();
    for (int n = in.readInt(); n > 0; n--) {
      RowKey row = new RowKey(in.readRow());
      table.put(row, new long[] {in.readLong()});
    }
  }
}
