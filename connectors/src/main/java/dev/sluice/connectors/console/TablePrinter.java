package dev.sluice.connectors.console;

import dev.sluice.runtime.data.Values;
import dev.sluice.runtime.type.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Formats a header and rows of text as the ASCII table of Spark's {@code Dataset.show}:
 *
 * <pre>
 * +----+---+
 * |word|cnt|
 * +----+---+
 * | cat|  2|
 * +----+---+
 * </pre>
 *
 * <p>As in Spark: a column is as wide as its widest cell and at least 3; control characters are
 * shown escaped ({@code \n}); East Asian wide characters count two. When truncating (Spark's
 * default, at 20), a longer cell keeps its first 17 characters and gains {@code ...}, and cells and
 * names are padded on the left; without truncation they are padded on the right. Column names are
 * never truncated.
 */
public final class TablePrinter {
  /** Spark's {@code show()} cuts cells at 20 characters. */
  public static final int DEFAULT_TRUNCATE = 20;

  private static final int MINIMUM_COLUMN_WIDTH = 3;
  private static final String ELLIPSIS = "...";

  private final int truncate;

  /**
   * @param truncate the most characters a cell shows; 0 or less shows cells whole
   */
  public TablePrinter(int truncate) {
    this.truncate = truncate;
  }

  /** Spark's default: cells cut at 20 characters. */
  public static TablePrinter truncating() {
    return new TablePrinter(DEFAULT_TRUNCATE);
  }

  /** Whole cells, left-aligned. */
  public static TablePrinter whole() {
    return new TablePrinter(0);
  }

  /**
   * The table of {@code header} and {@code rows} (each of header length), lines ending in {@code
   * \n}.
   */
  public String format(List<String> header, List<String[]> rows) {
    StringBuilder out = new StringBuilder();
    appendTo(out, header, rows);
    return out.toString();
  }

  /** The rows of {@code schema} shown as {@link Values#toDisplayString} shows their values. */
  public String format(Schema schema, List<Object[]> rows) {
    List<String[]> cells = new ArrayList<>(rows.size());
    for (Object[] row : rows) cells.add(displayCells(schema, row));
    return format(schema.names(), cells);
  }

  /** Appends the table to {@code out}. */
  public void appendTo(StringBuilder out, List<String> header, List<String[]> rows) {
    int columns = header.size();
    String[] names = new String[columns];
    int[] widths = new int[columns];
    for (int c = 0; c < columns; c++) {
      names[c] = escape(header.get(c));
      widths[c] = Math.max(MINIMUM_COLUMN_WIDTH, displayWidth(names[c]));
    }
    List<String[]> cells = new ArrayList<>(rows.size());
    for (String[] row : rows) {
      if (row.length != columns) {
        throw new IllegalArgumentException(
            "A row has " + row.length + " cells but the header has " + columns + " columns");
      }
      String[] shown = new String[columns];
      for (int c = 0; c < columns; c++) {
        shown[c] = cut(escape(row[c] == null ? "NULL" : row[c]));
        widths[c] = Math.max(widths[c], displayWidth(shown[c]));
      }
      cells.add(shown);
    }
    appendSeparator(out, widths);
    appendLine(out, names, widths);
    appendSeparator(out, widths);
    for (String[] row : cells) appendLine(out, row, widths);
    appendSeparator(out, widths);
  }

  /** The cells of {@code row} as a person reads them. */
  public static String[] displayCells(Schema schema, Object[] row) {
    String[] cells = new String[schema.size()];
    for (int c = 0; c < cells.length; c++) {
      cells[c] = Values.toDisplayString(c < row.length ? row[c] : null, schema.field(c).type());
    }
    return cells;
  }

  private String cut(String cell) {
    if (truncate <= 0 || cell.codePointCount(0, cell.length()) <= truncate) return cell;
    // Spark shows no ellipsis when the limit leaves no room for text beside it.
    if (truncate < ELLIPSIS.length() + 1)
      return cell.substring(0, cell.offsetByCodePoints(0, truncate));
    return cell.substring(0, cell.offsetByCodePoints(0, truncate - ELLIPSIS.length())) + ELLIPSIS;
  }

  private void appendLine(StringBuilder out, String[] cells, int[] widths) {
    out.append('|');
    for (int c = 0; c < cells.length; c++) {
      int padding = widths[c] - displayWidth(cells[c]);
      if (truncate > 0) repeat(out, ' ', padding);
      out.append(cells[c]);
      if (truncate <= 0) repeat(out, ' ', padding);
      out.append('|');
    }
    out.append('\n');
  }

  private static void appendSeparator(StringBuilder out, int[] widths) {
    out.append('+');
    for (int width : widths) {
      repeat(out, '-', width);
      out.append('+');
    }
    out.append('\n');
  }

  private static void repeat(StringBuilder out, char ch, int count) {
    for (int i = 0; i < count; i++) out.append(ch);
  }

  /** The columns {@code text} takes on a terminal: two for each East Asian wide character. */
  public static int displayWidth(String text) {
    int width = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      width += isFullWidth(codePoint) ? 2 : 1;
      i += Character.charCount(codePoint);
    }
    return width;
  }

  /** The ranges Spark's {@code Utils.stringHalfWidth} counts as full width. */
  private static boolean isFullWidth(int c) {
    return (c >= 0x1100 && c <= 0x115F)
        || (c >= 0x2E80 && c <= 0xA4CF)
        || (c >= 0xAC00 && c <= 0xD7A3)
        || (c >= 0xF900 && c <= 0xFAFF)
        || (c >= 0xFE10 && c <= 0xFE19)
        || (c >= 0xFE30 && c <= 0xFE6F)
        || (c >= 0xFF00 && c <= 0xFF60)
        || (c >= 0xFFE0 && c <= 0xFFE6);
  }

  /**
   * Control characters as escapes, so a cell cannot break the table (Spark's escapeMetaCharacters).
   */
  private static String escape(String text) {
    StringBuilder escaped = null;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      String replacement =
          switch (ch) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\f' -> "\\f";
            case '\b' -> "\\b";
            case '\u000B' -> "\\v";
            case '\u0007' -> "\\a";
            default -> null;
          };
      if (replacement == null) {
        if (escaped != null) escaped.append(ch);
      } else {
        if (escaped == null) escaped = new StringBuilder(text.length() + 8).append(text, 0, i);
        escaped.append(replacement);
      }
    }
    return escaped == null ? text : escaped.toString();
  }
}
