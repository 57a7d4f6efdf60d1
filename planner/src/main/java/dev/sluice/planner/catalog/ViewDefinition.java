package dev.sluice.planner.catalog;

import org.apache.calcite.rel.type.RelDataType;

/** A view declared with {@code CREATE VIEW}: its query, expanded wherever the view is used. */
public record ViewDefinition(String name, String sql, RelDataType rowType, String ddl) {}
