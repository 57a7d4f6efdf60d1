package dev.sluice.sql.ast;

import java.util.Objects;

/**
 * {@code SHOW TABLES|VIEWS|QUERIES|[USER] FUNCTIONS}.
 *
 * @param kind what to list
 * @param position where the statement starts
 * @param text the statement's source text
 */
public record Show(ShowKind kind, SourcePosition position, String text) implements Statement {

  public Show {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(text, "text");
  }
}
