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
 * under it: in the terminal's status bar when it has one, else as the drawing's last line. Before
 * the first row it says where the sources start reading and that it waits for data. Drawing is
 * throttled to {@link #MIN_REDRAW_NANOS}, so a fast query does not flood the terminal; a table
 * taller than the screen shows its first rows and how many more there are.
 */
public final class LiveTableView implements ResultView {
  /** At most ten drawings a second: smooth to the eye, cheap for the terminal. */
  static final long MIN_REDRAW_NANOS = 100_000_000L;

  /** The status line is refreshed every second even without new batches, for the elapsed time. */
  static final long STATUS_REFRESH_NANOS = 1_000_000_000L;

  /**
   * Lines around the rows: the table's three header lines and its bottom line, the "more rows"
   * line, the status line (in the drawing or in the status bar) and one for the prompt.
   */
  private static final int LINES_AROUND_ROWS = 7;

  private static final String CHANGED_MARK = " *";

  private final Schema schema;
  private final OutputMode mode;
  private final ResultTable table;
  private final Screen screen;
  private final Screen.StatusBar statusBar;
  private final QueryStatus status;
  private final InPlaceFrame frame;
  /** Cells right-aligned, as Spark's {@code show()} prints them; {@link #cellLimits} cuts them, not the printer. */
  private final TablePrinter printer = new TablePrinter(Integer.MAX_VALUE);
  /** The widest each column's values are shown: whole times and numbers, text cut as Spark cuts it. */
  private final int[] cellLimits;

  private boolean anyRow;
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
    this.statusBar = screen.statusBar();
    this.status = status;
    this.frame = new InPlaceFrame(out, screen);
    this.cellLimits = new int[schema.size()];
    for (int c = 0; c < cellLimits.length; c++) {
      cellLimits[c] = Math.max(RowStreamView.MAX_COLUMN_WIDTH, RowStreamView.widthFor(schema.field(c).type()));
    }
  }

  @Override
  public void started() {
    draw(null);
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
    anyRow |= !batch.rows().isEmpty();
    dirty = true;
  }

  @Override
  public void tick() {
    long now = status.nanoTime();
    if ((dirty && now - lastDrawNanos >= MIN_REDRAW_NANOS) || now - lastDrawNanos >= STATUS_REFRESH_NANOS) {
      draw(null);
    }
  }

  @Override
  public void finished(String summary) {
    draw(summary);
    frame.keep();
  }

  private String statusLine() {
    String line = status.line(screen.width());
    return table.removedSinceSeen() > 0 ? line + " | " + table.removedSinceSeen() + " deleted" : line;
  }

  /**
   * Draws the table, or the waiting line before the first row, with the status line under it or
   * in the status bar; once the query ended, the table (empty if no row came) and {@code summary}.
   */
  private void draw(String summary) {
    List<InPlaceFrame.Line> lines = new ArrayList<>();
    if (anyRow || summary != null) {
      lines.addAll(tableLines());
      drawnSinceLastBatch = true;
    } else {
      for (String line : Text.wrap(status.waiting(), Math.max(1, screen.width() - 1))) lines.add(InPlaceFrame.Line.plain(line));
    }
    if (summary != null) {
      String deleted = table.removedSinceSeen() > 0 ? " | " + table.removedSinceSeen() + " deleted" : "";
      lines.add(InPlaceFrame.Line.plain(summary + deleted));
    } else if (statusBar == null) {
      lines.add(new InPlaceFrame.Line(statusLine(), InPlaceFrame.Style.STATUS));
    }
    frame.draw(lines);
    if (statusBar != null) {
      if (summary == null) {
        statusBar.show(statusLine());
      } else {
        statusBar.hide();
      }
    }
    dirty = false;
    lastDrawNanos = status.nanoTime();
  }

  private List<InPlaceFrame.Line> tableLines() {
    List<ResultTable.Row> rows = table.rows();
    int fits = Math.max(1, screen.height() - LINES_AROUND_ROWS);
    List<ResultTable.Row> shown = rows.size() > fits ? rows.subList(0, fits) : rows;
    List<String[]> cells = new ArrayList<>(shown.size());
    for (ResultTable.Row row : shown) {
      String[] rowCells = TablePrinter.displayCells(schema, row.values());
      for (int c = 0; c < rowCells.length && c < cellLimits.length; c++) if (rowCells[c] != null) rowCells[c] = Text.ellipsize(rowCells[c], cellLimits[c]);
      cells.add(rowCells);
    }
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
