/**
 * The Sluice runtime: rows, operators, state, the micro-batch executor and the connector SPI. It
 * never sees Calcite or the planner; the planner hands it a {@link
 * dev.sluice.runtime.graph.QueryGraph} of plain data.
 */
package dev.sluice.runtime;
