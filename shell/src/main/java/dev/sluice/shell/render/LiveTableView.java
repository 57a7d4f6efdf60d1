package dev.sluice.shell.render;

import dev.sluice.connectors.console.TablePrinter;
import dev.sluice.engine.ResultBuffer;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.type.Schema;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The result table of an update or complete mode query, redrawn in place on a terminal after each
 * batch, rows changed by the latest batches in bold and marked {@code *}, with the status line
 * under it. Drawing is throttled to {@link #MIN_REDRAW_NANOS}, so a fast query does not flood the
 * terminal; a table taller than the screen shows its first rows and how many more there are.
 */
public final class LiveTableView implements ResultView {
  /** At most ten drawings a second: smooth to the eye, cheap for the terminal. */
  static final long MIN_REDRAW_NANOS = 100_000_000L;

  /** The status line is refreshed every second even without new batches, for the elapsed time. */
  static final long STATUS_REFRESH_NANOS = 1_000_000_000L;

  /** Lines around the rows: the table's three header lines and its bottom line, the "more rows" line, the status line and one for the prompt. */
  private static final int LINES_AROUND_ROWS = 7;

  private static final String CHANGED_MARK = " *";

  private final Schema schema;
  private final OutputMode mode;
  private final ResultTable table;
  private final Screen screen;
  private final QueryStatus status;
  private final InPlaceFrame frame;
  private final TablePrinter printer = TablePrinter.truncating();

  private boolean anyBatch;
  private boolean dirty;
  private boolean drawnSinceLastBatch;
  private long lastDrawNanos = Long.MIN_VALUE / 2;

  /**
   * @param keyColumns the result key, as {@link ResultTable} takes it
   * @param ordered whether the query orders its rows, so complete-mode batches keep their order
   */
  public LiveTableView(Schema schema, OutputMode mode, int[] keyColumns, boolean ordered, Screen screen, PrintStream out,
      QueryStatus status) {
    this.schema = schema;
    this.mode = mode;
    this.table = new ResultTable(keyColumns, ordered);
    this.screen = screen;
    this.status = status;
    this.frame = new InPlaceFrame(out, screen);
  }

  @Override
  public void started() {
    draw(status.line(screen.width()), InPlaceFrame.Style.STATUS);
  }

  @Override
  public void batch(ResultBuffer.Batch batch) {
    // Rows stay marked until a drawing showed them and a later batch came.
    if (drawnSinceLastBatch) table.markSeen();
    drawnSinceLastBatch = false;
    if (mode == OutputMode.COMPLETE) {
      table.replace(batch.rows());
    } else {
      table.apply(batch.rows());
    }
    anyBatch = true;
    dirty = true;
  }

  @Override
  public void tick() {
    long now = status.nanoTime();
    if ((dirty && now - lastDrawNanos >= MIN_REDRAW_NANOS) || now - lastDrawNanos >= STATUS_REFRESH_NANOS) {
      draw(status.line(screen.width()), InPlaceFrame.Style.STATUS);
    }
  }

  @Override
  public void finished(String summary) {
    draw(summary, InPlaceFrame.Style.PLAIN);
    frame.keep();
  }

  private void draw(String lastLine, InPlaceFrame.Style lastLineStyle) {
    List<InPlaceFrame.Line> lines = new ArrayList<>();
    if (anyBatch) {
      lines.addAll(tableLines());
      if (table.removedSinceSeen() > 0) lastLine += " | " + table.removedSinceSeen() + " deleted";
      drawnSinceLastBatch = true;
    } else {
      lines.add(InPlaceFrame.Line.plain("Query " + status.queryId() + " (" + mode.sqlName() + " mode) is waiting for data..."));
    }
    lines.add(new InPlaceFrame.Line(lastLine, lastLineStyle));
    frame.draw(lines);
    dirty = false;
    lastDrawNanos = status.nanoTime();
  }

  private List<InPlaceFrame.Line> tableLines() {
    List<ResultTable.Row> rows = table.rows();
    int fits = Math.max(1, screen.height() - LINES_AROUND_ROWS);
    List<ResultTable.Row> shown = rows.size() > fits ? rows.subList(0, fits) : rows;
    List<String[]> cells = new ArrayList<>(shown.size());
    for (ResultTable.Row row : shown) cells.add(TablePrinter.displayCells(schema, row.values()));
    String[] printed = printer.format(schema.names(), cells).split("\n");
    List<InPlaceFrame.Line> lines = new ArrayList<>(printed.length + 1);
    // TablePrinter prints a rule, the names and a rule, then a line per row, then a rule.
    for (int i = 0; i < printed.length; i++) {
      int rowIndex = i - 3;
      boolean changed = rowIndex >= 0 && rowIndex < shown.size() && shown.get(rowIndex).changed();
      lines.add(changed ? new InPlaceFrame.Line(printed[i] + CHANGED_MARK, InPlaceFrame.Style.CHANGED) : InPlaceFrame.Line.plain(printed[i]));
    }
    if (shown.size() < rows.size()) {
      lines.add(InPlaceFrame.Line.plain("... " + (rows.size() - shown.size()) + " more rows (" + rows.size() + " in all)"));
    }
    return lines;
  }
}
