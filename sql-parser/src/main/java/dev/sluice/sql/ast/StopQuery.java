package dev.sluice.sql.ast;

import java.util.Objects;

/**
 * {@code STOP QUERY id}: stops a running continuous query.
 *
 * @param queryId the query id as written, unquoted; given as an identifier, a number or a string
 * @param position where the statement starts
 * @param text the statement's source text
 */
public record StopQuery(String queryId, SourcePosition position, String text) implements Statement {

  public StopQuery {
    Objects.requireNonNull(queryId, "queryId");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(text, "text");
  }
}
