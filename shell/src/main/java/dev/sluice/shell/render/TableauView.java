package dev.sluice.shell.render;

import dev.sluice.connectors.console.ConsoleSink;
import dev.sluice.engine.ResultBuffer;
import dev.sluice.engine.ResultRow;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.spi.SinkContext;
import dev.sluice.runtime.type.Schema;
import java.io.PrintStream;

/**
 * Each batch printed whole, as Spark's console sink prints it (the {@code console} connector's
 * own {@link ConsoleSink}): a banner with the batch id, then the batch's rows as a table, with an
 * {@code op} column in update mode. Plain text only, so it is also what update and complete mode
 * queries print when the output is not a terminal; there nothing else is printed, while on a
 * terminal a first line says where the sources start reading.
 */
public final class TableauView implements ResultView {
  private final ConsoleSink sink;
  private final PrintStream out;
  private final String firstLine;

  /** @param firstLine printed when the query starts; null for none */
  public TableauView(Schema schema, OutputMode mode, int[] keyColumns, String queryId, PrintStream out, String firstLine) {
    this.out = out;
    this.firstLine = firstLine;
    // Every row of a batch: the shell is where a person asked to see them.
    this.sink = new ConsoleSink(Integer.MAX_VALUE, true, out);
    sink.open(new SinkContext(schema, mode, keyColumns, queryId));
  }

  @Override
  public void started() {
    if (firstLine == null) return;
    out.println(firstLine);
    out.flush();
  }

  @Override
  public void batch(ResultBuffer.Batch batch) {
    RowBatch rows = new RowBatch(batch.rows().size());
    for (ResultRow row : batch.rows()) rows.add(row.kind(), row.values());
    sink.write(batch.batchId(), rows);
  }

  @Override
  public void tick() {}

  @Override
  public void finished(String summary) {
    out.println(summary);
    out.flush();
  }
}
