package dev.sluice.runtime.checkpoint;

import dev.sluice.runtime.state.KeyGroupedState;

/**
 * One named piece of a query's checkpointed state: a stateful operator, or the query's own
 * counters and result table. A state file holds the parts in this order, each under its name,
 * and restoring checks that the names match.
 */
public record StatePart(String name, KeyGroupedState state) {}
