/**
 * Aggregate functions computed incrementally: each accumulator takes additions and, where the
 * input can change, retractions; the grouped aggregation operator keeps one set per group.
 */
package dev.sluice.runtime.aggregate;
