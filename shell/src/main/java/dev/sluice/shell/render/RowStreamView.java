package dev.sluice.shell.render;

import dev.sluice.engine.ResultBuffer;
import dev.sluice.engine.ResultRow;
import dev.sluice.runtime.data.Values;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import java.io.PrintStream;
import java.util.List;

/**
 * Rows printed as they arrive, under a header printed once, in a table whose columns are as wide
 * as their type needs (a value too long for its column is cut with {@code ...}): the append-mode
 * view, and with {@code withKinds} the changelog view, where a first column {@code op} shows each
 * change as {@code +I}, {@code +U} or {@code -D}. In complete mode the changelog is derived by
 * comparing each batch with the previous one.
 *
 * <p>On a terminal, before the first row, a line says where the sources start reading and that the
 * query waits for data; it goes when the first rows come. The status line is in the terminal's
 * status bar, or when it has none, under the rows, erased before more rows are printed. On plain
 * output nothing but the table and the closing summary is printed.
 */
public final class RowStreamView implements ResultView {
  /** The widest a text column gets before its values are cut: Spark's {@code show()} cuts at 20. */
  static final int MAX_COLUMN_WIDTH = 20;

  private static final long STATUS_REFRESH_NANOS = 1_000_000_000L;
  private static final String KIND_COLUMN = "op";

  private final Schema schema;
  private final OutputMode mode;
  private final boolean withKinds;
  private final ResultTable table;
  private final Screen screen;
  private final Screen.StatusBar statusBar;
  private final PrintStream out;
  private final QueryStatus status;
  private final int[] widths;

  private boolean headerPrinted;
  /** Lines of the waiting text on screen, 0 once the first rows took their place. */
  private int waitingLines;
  private boolean statusShown;
  private long lastStatusNanos;

  public RowStreamView(Schema schema, OutputMode mode, int[] keyColumns, boolean withKinds, Screen screen, PrintStream out,
      QueryStatus status) {
    this.schema = schema;
    this.mode = mode;
    this.withKinds = withKinds;
    this.table = new ResultTable(keyColumns);
    this.screen = screen;
    this.statusBar = screen.isTerminal() ? screen.statusBar() : null;
    this.out = out;
    this.status = status;
    this.widths = new int[schema.size() + (withKinds ? 1 : 0)];
    int c = 0;
    if (withKinds) widths[c++] = KIND_COLUMN.length();
    for (Field field : schema.fields()) widths[c++] = Math.max(Text.width(field.name()), widthFor(field.type()));
  }

  /**
   * Columns a value of {@code type} needs: all of it for numbers, times and booleans, at most
   * {@link #MAX_COLUMN_WIDTH} for text and anything else of unbounded length.
   */
  static int widthFor(DataType type) {
    return switch (type.kind()) {
      case BOOLEAN -> 5;
      case TINYINT -> 4;
      // -32768, -2147483648 and -9223372036854775808
      case SMALLINT -> 6;
      case INTEGER -> 11;
      case BIGINT -> 20;
      case FLOAT, DOUBLE -> 12;
      case DATE -> 10;
      // HH:mm:ss.SSS and yyyy-MM-dd HH:mm:ss.SSS
      case TIME -> 12;
      case TIMESTAMP, TIMESTAMP_LTZ -> 23;
      case DECIMAL -> type.precision() > 0 ? Math.min(type.precision() + 2, MAX_COLUMN_WIDTH) : MAX_COLUMN_WIDTH;
      case VARCHAR -> type.precision() > 0 ? Math.max(4, Math.min(type.precision(), MAX_COLUMN_WIDTH)) : MAX_COLUMN_WIDTH;
      default -> MAX_COLUMN_WIDTH;
    };
  }

  @Override
  public void started() {
    if (!screen.isTerminal()) return;
    List<String> waiting = Text.wrap(status.waiting(), Math.max(1, screen.width() - 1));
    for (String line : waiting) out.print(line + "\n");
    waitingLines = waiting.size();
    showStatus();
  }

  @Override
  public void batch(ResultBuffer.Batch batch) {
    List<ResultRow> rows = withKinds && mode == OutputMode.COMPLETE ? table.replace(batch.rows()) : batch.rows();
    if (rows.isEmpty()) return;
    StringBuilder text = new StringBuilder();
    if (!headerPrinted) {
      rule(text);
      String[] names = new String[widths.length];
      int c = 0;
      if (withKinds) names[c++] = KIND_COLUMN;
      for (String name : schema.names()) names[c++] = name;
      line(text, names);
      rule(text);
      headerPrinted = true;
    }
    for (ResultRow row : rows) line(text, cells(row));
    eraseStatus();
    eraseWaiting();
    out.print(text);
    showStatus();
  }

  @Override
  public void tick() {
    if (screen.isTerminal() && status.nanoTime() - lastStatusNanos >= STATUS_REFRESH_NANOS) {
      eraseStatus();
      showStatus();
    }
  }

  @Override
  public void finished(String summary) {
    eraseStatus();
    eraseWaiting();
    if (statusBar != null) statusBar.hide();
    StringBuilder text = new StringBuilder();
    if (headerPrinted) rule(text);
    out.print(text);
    out.println(summary);
    out.flush();
  }

  private String[] cells(ResultRow row) {
    String[] cells = new String[widths.length];
    int c = 0;
    if (withKinds) cells[c++] = row.kind().shortString();
    Object[] values = row.values();
    for (int i = 0; i < schema.size(); i++) {
      cells[c++] = Values.toDisplayString(i < values.length ? values[i] : null, schema.field(i).type());
    }
    return cells;
  }

  private void line(StringBuilder text, String[] cells) {
    text.append('|');
    for (int c = 0; c < cells.length; c++) {
      String cell = Text.ellipsize(cells[c].replace('\n', ' ').replace('\r', ' ').replace('\t', ' '), widths[c]);
      text.append(Text.padLeft(cell, widths[c])).append('|');
    }
    text.append('\n');
  }

  private void rule(StringBuilder text) {
    text.append('+');
    for (int width : widths) text.append("-".repeat(width)).append('+');
    text.append('\n');
  }

  private void showStatus() {
    if (!screen.isTerminal()) return;
    lastStatusNanos = status.nanoTime();
    if (statusBar != null) {
      out.flush();
      statusBar.show(status.line(screen.width()));
      return;
    }
    out.print("\033[2m" + Text.cut(status.line(screen.width()), Math.max(1, screen.width() - 1)) + "\033[0m");
    out.flush();
    statusShown = true;
  }

  /** Takes back the waiting text; the cursor is on the line below it. */
  private void eraseWaiting() {
    if (waitingLines == 0) return;
    // Up to the first waiting line, clear each, and back up: rows below may hold a status bar.
    StringBuilder erase = new StringBuilder("\r\033[").append(waitingLines).append('A');
    for (int i = 0; i < waitingLines; i++) erase.append("\033[K\n");
    erase.append("\033[").append(waitingLines).append('A');
    out.print(erase);
    waitingLines = 0;
  }

  private void eraseStatus() {
    if (!statusShown) return;
    out.print("\r\033[K");
    statusShown = false;
  }
}
