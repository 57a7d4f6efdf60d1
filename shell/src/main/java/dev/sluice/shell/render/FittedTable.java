package dev.sluice.shell.render;

import dev.sluice.connectors.console.TablePrinter;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement's rows (SHOW, DESCRIBE, SET) as a table no wider than the terminal, so that no line
 * wraps: the widest columns give way one character at a time, their cells cut with {@code ...},
 * never below their name or {@link #NARROWEST} characters. Plain output gets whole cells instead.
 */
public final class FittedTable {
  /** A column is not cut below this: a shorter cut leaves too little to recognise. */
  static final int NARROWEST = 10;

  private FittedTable() {}

  /** The table, cut to fit {@code columns}; whole when it fits or nothing can give way. */
  public static String format(List<String> header, List<String[]> rows, int columns) {
    int[] widths = new int[header.size()];
    for (int c = 0; c < widths.length; c++) widths[c] = Math.max(3, Text.width(header.get(c)));
    for (String[] row : rows) {
      for (int c = 0; c < widths.length && c < row.length; c++) widths[c] = Math.max(widths[c], Text.width(cell(row[c])));
    }
    // Each column takes its width and a '|' (or '+'), and the line one more; the last column of the
    // terminal stays free, so the cursor never wraps.
    int excess = widths.length + 1 + sum(widths) - (columns - 1);
    boolean cut = false;
    while (excess > 0) {
      int widest = -1;
      for (int c = 0; c < widths.length; c++) {
        boolean canGiveWay = widths[c] > Math.max(NARROWEST, Text.width(header.get(c)));
        if (canGiveWay && (widest < 0 || widths[c] > widths[widest])) widest = c;
      }
      if (widest < 0) break;
      widths[widest]--;
      excess--;
      cut = true;
    }
    if (!cut) return TablePrinter.whole().format(header, rows);
    List<String[]> fitted = new ArrayList<>(rows.size());
    for (String[] row : rows) {
      String[] cells = row.clone();
      for (int c = 0; c < widths.length && c < cells.length; c++) cells[c] = Text.ellipsize(cell(cells[c]), widths[c]);
      fitted.add(cells);
    }
    return TablePrinter.whole().format(header, fitted);
  }

  /** A cell as the printer shows it: NULL for null, line breaks as one space each. */
  private static String cell(String value) {
    return value == null ? "NULL" : value.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
  }

  private static int sum(int[] widths) {
    int sum = 0;
    for (int width : widths) sum += width;
    return sum;
  }
}
