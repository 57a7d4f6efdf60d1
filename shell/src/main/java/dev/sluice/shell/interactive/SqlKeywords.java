package dev.sluice.shell.interactive;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The words of Sluice's SQL that the prompt completes and highlights: statements, clauses,
 * operators, types and literals. Function names are not here; the engine lists them.
 */
final class SqlKeywords {
  /** What Tab offers, phrases where a word rarely comes alone. */
  static final List<String> PHRASES = List.of(
      "SELECT", "FROM", "WHERE", "GROUP BY", "HAVING", "ORDER BY", "LIMIT", "AS", "AND", "OR", "NOT", "IN", "IS NULL",
      "IS NOT NULL", "BETWEEN", "LIKE", "CASE", "WHEN", "THEN", "ELSE", "END", "DISTINCT", "UNION ALL", "JOIN", "LEFT JOIN",
      "RIGHT JOIN", "FULL JOIN", "INNER JOIN", "CROSS JOIN", "UNNEST", "ON", "WITH", "OVER", "PARTITION BY", "INTERVAL",
      "SECOND", "MINUTE", "HOUR", "DAY", "TABLE", "DESCRIPTOR", "TUMBLE", "HOP", "SESSION", "CREATE TABLE", "CREATE VIEW",
      "CREATE FUNCTION", "IF NOT EXISTS", "DROP TABLE", "DROP VIEW", "DROP FUNCTION", "IF EXISTS", "INSERT INTO", "WATERMARK FOR",
      "PRIMARY KEY", "NOT ENFORCED", "METADATA", "LANGUAGE JAVA", "SET", "RESET", "SHOW TABLES", "SHOW VIEWS", "SHOW QUERIES",
      "SHOW FUNCTIONS", "SHOW USER FUNCTIONS", "DESCRIBE", "EXPLAIN",
      "STOP QUERY", "INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "BOOLEAN", "DOUBLE", "FLOAT", "DECIMAL", "VARCHAR",
      "STRING", "DATE", "TIME", "TIMESTAMP", "TIMESTAMP_LTZ", "ARRAY", "ROW", "MAP", "TRUE", "FALSE", "NULL");

  /** Words that are highlighted, upper case: every word of the phrases, and the rest of the grammar's. */
  static final Set<String> WORDS = words();

  private SqlKeywords() {}

  static boolean isKeyword(String word) {
    return WORDS.contains(word.toUpperCase(Locale.ROOT));
  }

  private static Set<String> words() {
    Set<String> words = new TreeSet<>();
    for (String phrase : PHRASES) words.addAll(List.of(phrase.split(" ")));
    words.addAll(List.of("ALL", "ANY", "ASC", "DESC", "BY", "CAST", "CREATE", "CROSS", "DROP", "EXISTS", "FETCH", "FIRST",
        "FILTER", "FOR", "FULL", "FUNCTION", "FUNCTIONS", "IF", "INNER", "INSERT", "INTO", "IS", "KEY", "LATERAL", "LEFT", "NATURAL",
        "OFFSET", "OUTER", "PRIMARY", "QUERIES", "QUERY", "RIGHT", "ROWS", "SHOW", "STOP", "TABLES", "UNION", "USING",
        "VALUES", "VIEW", "VIEWS", "WATERMARK", "WINDOW", "ENFORCED", "ESCAPE", "EXCEPT", "INTERSECT", "MONTH", "YEAR",
        "MILLISECOND", "CHAR", "BINARY", "VARBINARY", "REAL", "MULTISET", "LOCAL", "ZONE", "WITHOUT", "ORDINALITY", "TEMPORARY", "SYSTEM",
        "USER"));
    return Set.copyOf(words);
  }
}
