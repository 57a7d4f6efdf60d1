package dev.sluice.sql.ast;

import java.util.List;
import java.util.Objects;

/**
 * {@code CREATE [TEMPORARY] VIEW [IF NOT EXISTS] name [(columns)] AS query}. Every view of an
 * embedded engine lives as long as the engine, so {@code TEMPORARY} is accepted and changes
 * nothing.
 *
 * @param name the view name, unquoted
 * @param ifNotExists whether {@code IF NOT EXISTS} was given
 * @param columnNames the column names given after the view name, empty when none were
 * @param query the view's query
 * @param position where the statement starts
 * @param text the statement's source text
 */
public record CreateView(
    String name,
    boolean ifNotExists,
    List<String> columnNames,
    QueryText query,
    SourcePosition position,
    String text)
    implements Statement {

  public CreateView {
    Objects.requireNonNull(name, "name");
    columnNames = List.copyOf(columnNames);
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(text, "text");
  }
}
