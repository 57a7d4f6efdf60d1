/**
 * From Calcite's logical plan to Sluice's: the translation into physical nodes, the output-mode
 * check, and the graph builder that turns physical nodes into the runtime's operator graph.
 */
package dev.sluice.planner.translate;
