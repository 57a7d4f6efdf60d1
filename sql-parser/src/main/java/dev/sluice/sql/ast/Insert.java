package dev.sluice.sql.ast;

import java.util.List;
import java.util.Objects;

/**
 * {@code INSERT INTO table [(columns)] query}: a continuous query whose result goes to a table.
 *
 * @param table the target table, unquoted
 * @param columns the target columns, empty when none were listed
 * @param query the query that feeds the table
 * @param position where the statement starts
 * @param text the statement's source text
 */
public record Insert(
    String table, List<String> columns, QueryText query, SourcePosition position, String text)
    implements Statement {

  public Insert {
    Objects.requireNonNull(table, "table");
    columns = List.copyOf(columns);
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(text, "text");
  }
}
