package dev.sluice.planner;

import dev.sluice.planner.catalog.TableDefinition;
import dev.sluice.runtime.spi.Source;

/**
 * Opens the connector source of a table when a query starts. The engine implements it; the
 * planner does no I/O itself.
 */
@FunctionalInterface
public interface SourceProvider {
  Source open(TableDefinition table);
}
