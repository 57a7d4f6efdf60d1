package dev.sluice.sql.ast;

import java.util.Objects;

/**
 * A bare query ({@code SELECT}, {@code WITH}, {@code VALUES} or a parenthesized query): a
 * continuous query whose result goes to the caller.
 *
 * @param query the query
 * @param position where the statement starts
 * @param text the statement's source text
 */
public record Query(QueryText query, SourcePosition position, String text) implements Statement {

  public Query {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(text, "text");
  }
}
