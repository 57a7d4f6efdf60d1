package dev.sluice.planner.calcite;

import dev.sluice.planner.catalog.TableDefinition;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.AbstractTable;

/** A declared table as Calcite's validator sees it: its columns and nothing to scan. */
public final class CatalogTable extends AbstractTable {
  private final TableDefinition definition;

  public CatalogTable(TableDefinition definition) {
    this.definition = definition;
  }

  public TableDefinition definition() {
    return definition;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return definition.rowType(typeFactory);
  }
}
