/**
 * The SQL type model the runtime shares with connectors: kinds, types and schemas, and the Java
 * representation of each value inside a row. No Calcite here; the planner maps its types onto
 * these.
 */
package dev.sluice.runtime.type;
