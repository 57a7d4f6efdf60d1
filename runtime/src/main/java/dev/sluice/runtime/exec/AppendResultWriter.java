package dev.sluice.runtime.exec;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;

/** Append mode: the plan guarantees its result is insert-only, so inserts pass straight through. */
final class AppendResultWriter implements ResultWriter {
  private RowBatch batch = new RowBatch();

  @Override
  public void accept(RowBatch changes) {
    for (int i = 0; i < changes.size(); i++) {
      if (changes.kindCode(i) != RowKind.INSERT.code()) {
        throw new IllegalStateException("append mode received a " + changes.kind(i) + " change: the plan should have been refused");
      }
    }
    batch.addAll(changes);
  }

  @Override
  public RowBatch finishBatch() {
    if (batch.isEmpty()) return null;
    RowBatch result = batch;
    batch = new RowBatch();
    return result;
  }
}
