package dev.sluice.planner.calcite;

import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.TableDefinition;
import dev.sluice.planner.catalog.ViewDefinition;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.SchemaPlus;

/** Builds the Calcite schema of a catalog as it is now. */
public final class CatalogSchemas {
  private CatalogSchemas() {}

  public static SchemaPlus of(Catalog catalog) {
    SchemaPlus root = CalciteSchema.createRootSchema(false, false).plus();
    FlinkFunctions.register(root);
    for (TableDefinition table : catalog.tables()) root.add(table.name(), new CatalogTable(table));
    for (ViewDefinition view : catalog.views()) root.add(view.name(), new CatalogView(view));
    return root;
  }
}
