package dev.sluice.planner.catalog;

import org.apache.calcite.rel.type.RelDataType;

/**
 * A column of a declared table.
 *
 * @param expression the SQL of a computed column ({@code name AS expr}), or null for a physical one
 * @param metadataKey the connector metadata a {@code METADATA} column reads, or null
 */
public record ColumnInfo(String name, RelDataType type, String expression, String metadataKey) {
  public boolean isComputed() {
    return expression != null;
  }

  public boolean isPhysical() {
    return expression == null;
  }
}
