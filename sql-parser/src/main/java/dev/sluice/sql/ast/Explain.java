package dev.sluice.sql.ast;

import java.util.Objects;

/**
 * {@code EXPLAIN [PLAN FOR] statement}: shows the plan of a query or an {@code INSERT} without
 * running it.
 *
 * @param target the statement to explain, a {@link Query} or an {@link Insert}, with its own
 *     position and text
 * @param position where the statement starts
 * @param text the statement's source text
 */
public record Explain(Statement target, SourcePosition position, String text) implements Statement {

  public Explain {
    if (!(target instanceof Query || target instanceof Insert)) {
      throw new IllegalArgumentException("EXPLAIN explains a query or an INSERT, not " + target);
    }
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(text, "text");
  }
}
