package dev.sluice.runtime.exec;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.state.RowKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Update mode over a result with a key: folds a batch's changes per key into the net change, so a
 * key is sent once with its latest value, not at all when it ends as it began, and as a delete
 * when it left the result.
 */
final class KeyedUpdateResultWriter implements ResultWriter {
  private final int[] keyColumns;
  private final Map<RowKey, NetChange> changes = new LinkedHashMap<>();

  KeyedUpdateResultWriter(int[] keyColumns) {
    this.keyColumns = keyColumns;
  }

  /** The row the sink held for a key before this batch, and the row it holds after. */
  private static final class NetChange {
    Object[] before;
    boolean beforeKnown;
    Object[] after;
  }

  @Override
  public void accept(RowBatch batch) {
    for (int i = 0; i < batch.size(); i++) {
      Object[] row = batch.row(i);
      NetChange change = changes.computeIfAbsent(RowKey.of(row, keyColumns), k -> new NetChange());
      if (batch.kind(i).isAccumulate()) {
        if (!change.beforeKnown) change.beforeKnown = true; // new key: nothing before
        change.after = row;
      } else {
        if (!change.beforeKnown) {
          change.before = row;
          change.beforeKnown = true;
        }
        change.after = null;
      }
    }
  }

  @Override
  public RowBatch finishBatch() {
    RowBatch out = new RowBatch(changes.size());
    for (NetChange change : changes.values()) {
      if (change.after != null) {
        if (change.before == null) out.add(RowKind.INSERT, change.after);
        else if (!Arrays.equals(change.before, change.after)) out.add(RowKind.UPDATE_AFTER, change.after);
      } else if (change.before != null) {
        out.add(RowKind.DELETE, change.before);
      }
    }
    changes.clear();
    return out.isEmpty() ? null : out;
  }
}
