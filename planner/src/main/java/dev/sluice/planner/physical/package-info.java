/**
 * Sluice's incremental physical plan: {@code Stream*} nodes that say what they emit (insert-only
 * or updating), which columns carry event time, and what state they keep.
 */
package dev.sluice.planner.physical;
