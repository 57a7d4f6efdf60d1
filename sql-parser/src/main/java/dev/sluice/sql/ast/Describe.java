package dev.sluice.sql.ast;

import java.util.Objects;

/**
 * {@code DESCRIBE name} or {@code DESC name}: shows the columns of a table or view.
 *
 * @param name the table or view name, unquoted
 * @param position where the statement starts
 * @param text the statement's source text
 */
public record Describe(String name, SourcePosition position, String text) implements Statement {

  public Describe {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(text, "text");
  }
}
