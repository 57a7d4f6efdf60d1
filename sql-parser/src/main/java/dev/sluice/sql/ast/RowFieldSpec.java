package dev.sluice.sql.ast;

import java.util.Objects;

/**
 * One field of a {@code ROW<...>} type.
 *
 * @param name the field name, unquoted
 * @param type the field type
 */
public record RowFieldSpec(String name, TypeSpec type) {

  public RowFieldSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
