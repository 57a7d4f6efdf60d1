package dev.sluice.sql.ast;

import java.util.Objects;

/**
 * {@code DROP [TEMPORARY] TABLE|VIEW [IF EXISTS] name}, or {@code DROP [TEMPORARY [SYSTEM]]
 * FUNCTION [IF EXISTS] name}.
 *
 * @param kind whether a table, a view or a function is dropped
 * @param name the object name, unquoted
 * @param ifExists whether {@code IF EXISTS} was given
 * @param position where the statement starts
 * @param text the statement's source text
 */
public record DropObject(
    ObjectKind kind, String name, boolean ifExists, SourcePosition position, String text)
    implements Statement {

  public DropObject {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(text, "text");
  }
}
