package dev.sluice.connectors.console;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.spi.QueryStatus;
import dev.sluice.runtime.spi.Sink;
import dev.sluice.runtime.spi.SinkContext;
import dev.sluice.runtime.type.Schema;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Prints each batch as Spark's console sink does: a banner with the batch id, then the rows as a
 * {@link TablePrinter} table, then "only showing top N rows" when there were more, then an empty
 * line.
 *
 * <pre>
 * -------------------------------------------
 * Batch: 3
 * -------------------------------------------
 * +----+---+
 * |word|cnt|
 * +----+---+
 * | cat|  2|
 * +----+---+
 * </pre>
 *
 * <p>In update mode a first column {@code op} shows each row's change kind ({@code +U} for an
 * inserted or changed row, {@code -D} for one that left the result); in complete mode each batch is
 * the whole result table. Options: {@code 'num-rows'} (default 20) and {@code 'truncate'} (default
 * true: cells cut at 20 characters and right-aligned, as in Spark). Values are shown as {@link
 * dev.sluice.runtime.data.Values#toDisplayString} shows them, so NULL is {@code NULL} where Spark
 * writes {@code null}.
 */
public final class ConsoleSink implements Sink {
  public static final String NUM_ROWS = "num-rows";
  public static final String TRUNCATE = "truncate";

  /** Spark's console sink shows 20 rows. */
  public static final int DEFAULT_NUM_ROWS = 20;

  /** Spark's banner: 43 dashes. */
  private static final String RULE = "-------------------------------------------";

  private final int numRows;
  private final TablePrinter printer;

  /** Null: whatever {@code System.out} is when a batch is printed. */
  private final PrintStream out;

  private Supplier<QueryStatus> status;
  private Schema schema;
  private boolean showKinds;

  /** A sink printing to {@code System.out} as {@code options} say. */
  public ConsoleSink(ConnectorOptions options) {
    this(options, null);
  }

  /** A sink printing to {@code out} ({@code System.out} when null) as {@code options} say. */
  public ConsoleSink(ConnectorOptions options, PrintStream out) {
    this(numRows(options), options.getBoolean(TRUNCATE, true), out);
  }

  /**
   * @param numRows the most rows shown per batch
   * @param truncate whether to cut cells at 20 characters
   * @param out where to print; {@code System.out} when null
   */
  public ConsoleSink(int numRows, boolean truncate, PrintStream out) {
    this.numRows = numRows;
    this.printer = truncate ? TablePrinter.truncating() : TablePrinter.whole();
    this.out = out;
  }

  private static int numRows(ConnectorOptions options) {
    long numRows = options.getLong(NUM_ROWS, DEFAULT_NUM_ROWS);
    if (numRows < 0 || numRows > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "Option '"
              + NUM_ROWS
              + "' of table '"
              + options.tableName()
              + "' must be between 0 and "
              + Integer.MAX_VALUE
              + ", not "
              + numRows);
    }
    return (int) numRows;
  }

  @Override
  public void open(SinkContext context) {
    this.schema = context.schema();
    this.showKinds = context.mode() == OutputMode.UPDATE;
    this.status = context.status();
  }

  @Override
  public void write(long batchId, RowBatch rows) {
    if (schema == null) throw new IllegalStateException("Console sink was written before open");
    List<String> header = new ArrayList<>(schema.size() + 1);
    if (showKinds) header.add("op");
    header.addAll(schema.names());
    int shown = Math.min(rows.size(), numRows);
    List<String[]> cells = new ArrayList<>(shown);
    for (int i = 0; i < shown; i++) {
      String[] values = TablePrinter.displayCells(schema, rows.row(i));
      if (showKinds) {
        String[] withKind = new String[values.length + 1];
        withKind[0] = rows.kind(i).shortString();
        System.arraycopy(values, 0, withKind, 1, values.length);
        values = withKind;
      }
      cells.add(values);
    }
    StringBuilder text = new StringBuilder();
    text.append(RULE).append('\n');
    text.append("Batch: ").append(batchId).append('\n');
    QueryStatus now = status == null ? QueryStatus.NONE : status.get();
    if (now.watermark() != null || now.droppedLateRows() > 0) {
      // Not in Spark's console sink: late data should be visible where the results are.
      text.append("Watermark: ").append(now.watermark() == null ? "none" : now.watermark())
          .append(", late rows dropped so far: ").append(now.droppedLateRows()).append('\n');
    }
    text.append(RULE).append('\n');
    printer.appendTo(text, header, cells);
    if (rows.size() > numRows) {
      text.append("only showing top ")
          .append(numRows)
          .append(numRows == 1 ? " row" : " rows")
          .append('\n');
    }
    text.append('\n');
    PrintStream target = out == null ? System.out : out;
    target.print(text);
    target.flush();
  }
}
