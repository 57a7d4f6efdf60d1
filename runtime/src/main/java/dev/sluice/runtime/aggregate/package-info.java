/**
 * Aggregate functions computed incrementally: each accumulator takes additions and, where the
 * input can change, retractions; the grouped aggregation operators keep one {@link dev.sluice.runtime.aggregate.GroupAccumulators}
 * per group, in which the DISTINCT calls on one column share one map of distinct values.
 */
package dev.sluice.runtime.aggregate;
