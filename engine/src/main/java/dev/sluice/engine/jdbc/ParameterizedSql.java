package dev.sluice.engine.jdbc;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL text with {@code ?} parameters, and the statement it becomes once each is replaced by an SQL
 * literal of its value. The substitution happens in the driver, before the engine sees the text,
 * which is correct because every value becomes a literal, quoted and escaped, never SQL to run.
 *
 * <p>A {@code ?} inside a string literal, a quoted identifier or a comment is text, not a
 * parameter. A parameter where the grammar takes a string (right after {@code 'key' =}, as a
 * {@code WITH} option or a {@code SET} value, or after {@code INTERVAL}) becomes a string literal
 * of its value's text, so {@code 'rows-per-second' = ?} takes {@code setInt(1, 5)}; anywhere else
 * it becomes a literal of its own type (see {@link SqlLiterals}).
 */
final class ParameterizedSql {
  private final String sql;
  /** Where each parameter's {@code ?} is in {@code sql}. */
  private final int[] offsets;
  /** Whether each parameter sits where the grammar takes a string literal. */
  private final boolean[] textOnly;

  private ParameterizedSql(String sql, int[] offsets, boolean[] textOnly) {
    this.sql = sql;
    this.offsets = offsets;
    this.textOnly = textOnly;
  }

  static ParameterizedSql parse(String sql) {
    List<Integer> offsets = new ArrayList<>();
    List<Boolean> textOnly = new ArrayList<>();
    // The last two tokens before the current spot: a string literal, a word (upper-cased) or a symbol.
    String previous = "";
    String beforePrevious = "";
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      String token;
      int end;
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      } else if (c == '-' && sql.startsWith("--", i)) {
        end = sql.indexOf('\n', i);
        i = end < 0 ? sql.length() : end + 1;
        continue;
      } else if (c == '/' && sql.startsWith("/*", i)) {
        end = sql.indexOf("*/", i + 2);
        i = end < 0 ? sql.length() : end + 2;
        continue;
      } else if (c == '\'' || c == '"' || c == '`') {
        end = endOfQuoted(sql, i, c);
        token = c == '\'' ? "'" : "identifier";
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
        end = i;
        while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_' || sql.charAt(end) == '$')) end++;
        token = sql.substring(i, end).toUpperCase(java.util.Locale.ROOT);
      } else {
        end = i + 1;
        token = String.valueOf(c);
        if (c == '?') {
          offsets.add(i);
          textOnly.add(("=".equals(previous) && "'".equals(beforePrevious)) || "INTERVAL".equals(previous));
        }
      }
      beforePrevious = previous;
      previous = token;
      i = end;
    }
    int[] offsetArray = offsets.stream().mapToInt(Integer::intValue).toArray();
    boolean[] textArray = new boolean[textOnly.size()];
    for (int p = 0; p < textArray.length; p++) textArray[p] = textOnly.get(p);
    return new ParameterizedSql(sql, offsetArray, textArray);
  }

  /** Just past the closing quote of the quoted text starting at {@code start}; a doubled quote is part of the text. */
  private static int endOfQuoted(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }

  int parameterCount() {
    return offsets.length;
  }

  /** Whether parameter {@code index} (from 1) becomes a string literal whatever its value. */
  boolean isTextOnly(int index) {
    return textOnly[index - 1];
  }

  String sql() {
    return sql;
  }

  /**
   * The statement with every parameter replaced by its literal.
   *
   * @param values each parameter's value, from index 0; {@code null} for one never set
   * @throws SQLException naming the first parameter that is not set, or a value no literal can hold
   */
  String render(ParameterValue[] values) throws SQLException {
    StringBuilder out = new StringBuilder(sql.length() + 16 * offsets.length);
    int copied = 0;
    for (int p = 0; p < offsets.length; p++) {
      ParameterValue value = values[p];
      if (value == null) {
        throw new SQLException("Parameter " + (p + 1) + " of " + offsets.length + " is not set: set every ? before executing", JdbcErrors.PARAMETER_UNSET);
      }
      out.append(sql, copied, offsets[p]);
      out.append(textOnly[p] ? SqlLiterals.text(p + 1, value) : SqlLiterals.literal(p + 1, value));
      copied = offsets[p] + 1;
    }
    return out.append(sql, copied, sql.length()).toString();
  }

  /**
   * A value given to a parameter and, when the caller named one ({@code setNull}, {@code
   * setObject(i, x, type)}), the {@link java.sql.Types} code it should have; null otherwise.
   */
  record ParameterValue(Object value, Integer sqlType) {}
}
