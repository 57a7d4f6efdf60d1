/**
 * The Nexmark suite's own SQL files run through the engine on the {@code nexmark} connector, with
 * results checked against the events the generator makes and against Calcite's batch evaluation
 * of the same queries, and their plans kept as golden EXPLAIN files.
 */
package dev.sluice.engine.nexmark;
