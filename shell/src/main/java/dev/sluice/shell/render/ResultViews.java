package dev.sluice.shell.render;

import dev.sluice.engine.StreamingQuery;
import dev.sluice.runtime.spi.OutputMode;
import java.io.PrintStream;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Picks the view for a query from the {@code 'result.mode'} setting, the query's output mode and
 * the screen:
 *
 * <table>
 *   <caption>views</caption>
 *   <tr><th>result.mode</th><th>append</th><th>update, complete</th></tr>
 *   <tr><td>table (default)</td><td>rows as they arrive</td><td>the table redrawn in place; on plain
 *       output, batches as in tableau</td></tr>
 *   <tr><td>changelog</td><td colspan="2">each change as a row with its kind</td></tr>
 *   <tr><td>tableau</td><td colspan="2">each batch printed as Spark's console sink prints it</td></tr>
 * </table>
 */
public final class ResultViews {
  private static final Pattern ORDER_BY = Pattern.compile("(?i)\\bORDER\\s+BY\\b");

  private ResultViews() {}

  /** The view for {@code query}; {@code resultMode} null means {@code table}. */
  public static ResultView create(StreamingQuery query, String resultMode, Screen screen, PrintStream out, QueryStatus status) {
    OutputMode mode = query.outputMode();
    int[] key = keyColumns(query);
    String chosen = resultMode == null ? "table" : resultMode.trim().toLowerCase(Locale.ROOT);
    return switch (chosen) {
      case "changelog" -> new RowStreamView(query.schema(), mode, key, true, screen, out, status);
      case "tableau" -> new TableauView(query.schema(), mode, key, query.id(), out, screen.isTerminal() ? status.waiting() : null);
      default -> {
        if (mode == OutputMode.APPEND) yield new RowStreamView(query.schema(), mode, key, false, screen, out, status);
        if (screen.isTerminal()) yield new LiveTableView(query.schema(), mode, key, isOrdered(query), screen, out, status);
        yield new TableauView(query.schema(), mode, key, query.id(), out, null);
      }
    };
  }

  /**
   * Whether the query orders its result, so a complete-mode table is shown in the order of each
   * batch. The engine does not say; an {@code ORDER BY} anywhere in the text counts, which at
   * worst shows an unordered table in the engine's order.
   */
  static boolean isOrdered(StreamingQuery query) {
    return ORDER_BY.matcher(query.sql()).find();
  }

  /**
   * The query's result key: positions, empty for a single-row result, null when the whole row is
   * the key. {@link StreamingQuery#keyColumns()} throws instead of returning null in that case.
   */
  static int[] keyColumns(StreamingQuery query) {
    try {
      return query.keyColumns();
    } catch (NullPointerException wholeRowIsTheKey) {
      return null;
    }
  }
}
