package dev.sluice.planner.calcite;

import dev.sluice.planner.catalog.ViewDefinition;
import java.util.List;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A view, expanded in place by the planner that uses it: its query is parsed and validated with
 * the same settings as the query around it, so event-time columns and watermarks of the tables
 * below stay visible.
 */
public final class CatalogView extends AbstractTable implements TranslatableTable {
  private final ViewDefinition definition;

  public CatalogView(ViewDefinition definition) {
    this.definition = definition;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return typeFactory.copyType(definition.rowType());
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    RelNode expanded = context.expandView(relOptTable.getRowType(), definition.sql(), List.of(), List.of(definition.name())).project();
    return expanded;
  }
}
