package dev.sluice.engine.support;

import dev.sluice.engine.ResultRow;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.exec.Trigger;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.TypeKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A query started with the manual trigger whose deliveries are recorded and folded into the table
 * a sink of its output mode would hold: append mode accumulates, update mode applies upserts and
 * deletes by the query's result key, complete mode keeps the last delivery.
 */
public final class RecordedQuery implements AutoCloseable {
  private final SluiceEngine engine;
  private final String sql;
  private final OutputMode mode;
  private final Path checkpoint;
  private final List<Object[]> appended = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private UpdateModeTable updated;
  private List<Object[]> complete = List.of();
  private int batches;
  private StreamingQuery query;

  private RecordedQuery(SluiceEngine engine, String sql, OutputMode mode, Path checkpoint) {
    this.engine = engine;
    this.sql = sql;
    this.mode = mode;
    this.checkpoint = checkpoint;
    start();
  }

  private void start() {
    var builder = engine.query(sql).outputMode(mode).trigger(new Trigger.Manual()).onBatch((id, rows) -> record(rows));
    if (checkpoint != null) builder.checkpointLocation(checkpoint);
    query = builder.start();
  }

  /** Starts {@code sql} in {@code mode} on {@code engine}. */
  public static RecordedQuery start(SluiceEngine engine, String sql, OutputMode mode) {
    return new RecordedQuery(engine, sql, mode, null);
  }

  /** Starts {@code sql} in {@code mode} on {@code engine}, keeping offsets and state in {@code checkpoint}. */
  public static RecordedQuery start(SluiceEngine engine, String sql, OutputMode mode, Path checkpoint) {
    return new RecordedQuery(engine, sql, mode, checkpoint);
  }

  /** Stops the query and starts it again from its checkpoint; the sink's table is kept, as a real sink's would be. */
  public void restart() {
    if (checkpoint == null) throw new IllegalStateException("a query without a checkpoint cannot resume");
    query.stop();
    start();
  }

  private void record(List<ResultRow> rows) {
    batches++;
    checkJavaClasses(rows);
    switch (mode) {
      case APPEND -> {
        for (ResultRow row : rows) {
          if (row.kind() != RowKind.INSERT) problems.add("append mode delivered " + row);
          appended.add(row.values());
        }
      }
      case UPDATE -> {
        if (updated == null) updated = new UpdateModeTable(query.keyColumns());
        updated.apply(rows);
      }
      case COMPLETE -> {
        List<Object[]> table = new ArrayList<>();
        for (ResultRow row : rows) {
          if (row.kind() != RowKind.INSERT) problems.add("complete mode delivered " + row);
          table.add(row.values());
        }
        complete = table;
      }
    }
  }

  /** Every value must have the Java class its column's type promises (see {@link TypeKind}). */
  private void checkJavaClasses(List<ResultRow> rows) {
    List<Field> fields = query.schema().fields();
    for (ResultRow row : rows) {
      if (row.values().length != fields.size()) {
        problems.add("row " + row + " has " + row.values().length + " values for " + fields.size() + " columns");
        continue;
      }
      for (int c = 0; c < fields.size(); c++) {
        Object value = row.values()[c];
        TypeKind kind = fields.get(c).type().kind();
        if (value != null && kind != TypeKind.ANY && !kind.javaClass().isInstance(value)) {
          problems.add("column " + fields.get(c).name() + " of type " + fields.get(c).type() + " holds a " + value.getClass().getSimpleName()
              + " (" + value + ") in " + row);
        }
      }
    }
  }

  public void processAllAvailable() {
    query.processAllAvailable();
  }

  /** Whether any batch has been delivered yet. */
  public boolean delivered() {
    return batches > 0 || query.lastProgress() != null;
  }

  /** The table a sink in this query's output mode holds now. */
  public List<Object[]> sinkTable() {
    return switch (mode) {
      case APPEND -> new ArrayList<>(appended);
      case UPDATE -> updated == null ? List.of() : updated.rows();
      case COMPLETE -> new ArrayList<>(complete);
    };
  }

  /** What went wrong in the deliveries themselves, independent of the expected result. */
  public List<String> problems() {
    List<String> all = new ArrayList<>(problems);
    if (updated != null) all.addAll(updated.problems());
    return all;
  }

  public OutputMode mode() {
    return mode;
  }

  public StreamingQuery query() {
    return query;
  }

  @Override
  public void close() {
    query.stop();
  }
}
