/**
 * Calcite's view of Sluice: the type system, the function tables (built-in and user-defined),
 * the catalog as a Calcite schema, and type conversions. Everything Calcite-specific that other planner packages share.
 */
package dev.sluice.planner.calcite;
