package dev.sluice.sql.ast;

import java.util.Objects;
import org.apache.calcite.sql.SqlNode;

/**
 * One column of a {@code CREATE TABLE}. Three shapes share this record:
 *
 * <ul>
 *   <li>a physical column {@code name type [NOT NULL] [COMMENT '...']}: {@code type} is set;
 *   <li>a computed column {@code name AS expression}: {@code type} is {@code null} and {@code
 *       computedExpression} holds Calcite's parse of the expression;
 *   <li>a metadata column {@code name type METADATA [FROM 'key'] [VIRTUAL]}: {@code type} and
 *       {@code metadataKey} are set, the key being the column name when no {@code FROM} was given.
 * </ul>
 *
 * @param name the column name, unquoted
 * @param type the declared type; {@code null} for a computed column
 * @param computedExpression the expression of a computed column, otherwise {@code null}; its parser
 *     positions are relative to the start of the expression
 * @param metadataKey the metadata key of a metadata column, otherwise {@code null}
 * @param virtual whether a metadata column is {@code VIRTUAL} (read-only, not written to sinks)
 * @param comment the column comment, or {@code null}
 * @param position where the column name is
 */
public record ColumnDefinition(
    String name,
    TypeSpec type,
    SqlNode computedExpression,
    String metadataKey,
    boolean virtual,
    String comment,
    SourcePosition position) {

  public ColumnDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(position, "position");
    if ((type == null) == (computedExpression == null)) {
      throw new IllegalArgumentException(
          "Column " + name + " needs exactly one of a type and a computed expression");
    }
    if (metadataKey != null && type == null) {
      throw new IllegalArgumentException("Metadata column " + name + " needs a type");
    }
    if (virtual && metadataKey == null) {
      throw new IllegalArgumentException("Only a metadata column can be VIRTUAL: " + name);
    }
  }

  /** Whether this is a computed column ({@code name AS expression}). */
  public boolean isComputed() {
    return computedExpression != null;
  }

  /** Whether this is a metadata column ({@code name type METADATA ...}). */
  public boolean isMetadata() {
    return metadataKey != null;
  }
}
