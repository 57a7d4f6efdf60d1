package dev.sluice.shell.interactive;

import dev.sluice.engine.Settings;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StatementResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion from what the engine knows at that moment: after {@code SET} or {@code RESET}
 * the setting keys, quoted; elsewhere keywords, tables and views, their columns, and functions.
 * Simple on purpose: it does not parse the statement to know what may come next.
 */
final class SqlCompleter implements Completer {
  private static final Pattern SETTING_KEY = Pattern.compile("(?is)^\\s*(SET|RESET)\\s+\\S*");

  private static final List<String> KEYWORDS = List.of(
      "SELECT", "FROM", "WHERE", "GROUP BY", "HAVING", "ORDER BY", "LIMIT", "AS", "AND", "OR", "NOT", "IN", "IS NULL",
      "IS NOT NULL", "BETWEEN", "LIKE", "CASE", "WHEN", "THEN", "ELSE", "END", "DISTINCT", "UNION ALL", "JOIN", "LEFT JOIN",
      "RIGHT JOIN", "FULL JOIN", "INNER JOIN", "ON", "WITH", "OVER", "PARTITION BY", "INTERVAL", "SECOND", "MINUTE", "HOUR",
      "DAY", "TABLE", "DESCRIPTOR", "TUMBLE", "HOP", "SESSION", "CREATE TABLE", "CREATE VIEW", "IF NOT EXISTS", "DROP TABLE",
      "DROP VIEW", "IF EXISTS", "INSERT INTO", "WATERMARK FOR", "PRIMARY KEY", "NOT ENFORCED", "METADATA", "SET", "RESET",
      "SHOW TABLES", "SHOW VIEWS", "SHOW QUERIES", "SHOW FUNCTIONS", "DESCRIBE", "EXPLAIN", "STOP QUERY", "INT", "INTEGER",
      "BIGINT", "SMALLINT", "TINYINT", "BOOLEAN", "DOUBLE", "FLOAT", "DECIMAL", "VARCHAR", "STRING", "DATE", "TIME",
      "TIMESTAMP", "TIMESTAMP_LTZ", "ARRAY", "ROW", "MAP", "TRUE", "FALSE", "NULL", "quit", "help");

  private final SluiceEngine engine;
  private List<String> functions;

  SqlCompleter(SluiceEngine engine) {
    this.engine = engine;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    String beforeCursor = line.line().substring(0, Math.min(line.cursor(), line.line().length()));
    if (SETTING_KEY.matcher(beforeCursor).matches()) {
      for (String key : Settings.keys()) {
        candidates.add(new Candidate("'" + key + "'", key, "setting", Settings.descriptions().get(key), null, null, true));
      }
      return;
    }
    for (String keyword : KEYWORDS) candidates.add(new Candidate(keyword, keyword, "keyword", null, null, null, true));
    Set<String> columns = new LinkedHashSet<>();
    for (String relation : relations()) {
      candidates.add(new Candidate(relation, relation, "table", null, null, null, true));
      try {
        columns.addAll(engine.describe(relation).names());
      } catch (RuntimeException e) {
        // a view that no longer plans: no columns to offer
      }
    }
    for (String column : columns) candidates.add(new Candidate(column, column, "column", null, null, null, true));
    for (String function : functions()) {
      candidates.add(new Candidate(function, function, "function", null, null, null, false));
    }
  }

  /** Tables and views, from SHOW: the shell sees the engine only through its statements and API. */
  private List<String> relations() {
    List<String> names = new ArrayList<>();
    names.addAll(firstColumn("SHOW TABLES"));
    names.addAll(firstColumn("SHOW VIEWS"));
    return names;
  }

  /** Function names change only with the engine, so they are asked once. */
  private List<String> functions() {
    if (functions == null) {
      List<String> names = new ArrayList<>();
      for (String name : firstColumn("SHOW FUNCTIONS")) {
        // Operators such as "+" are not completed; named functions are.
        if (name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) names.add(name.toUpperCase(Locale.ROOT));
      }
      functions = List.copyOf(new LinkedHashSet<>(names));
    }
    return functions;
  }

  private List<String> firstColumn(String statement) {
    try {
      StatementResult result = engine.execute(statement);
      List<String> values = new ArrayList<>();
      for (List<String> row : result.rows()) if (!row.isEmpty()) values.add(row.get(0));
      return values;
    } catch (RuntimeException e) {
      return List.of();
    }
  }
}
