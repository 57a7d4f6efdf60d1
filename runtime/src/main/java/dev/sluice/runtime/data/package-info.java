/**
 * Rows and batches as they move between sources, operators and sinks: a row is an {@code
 * Object[]}, a {@link dev.sluice.runtime.data.RowBatch} carries rows with their change kinds,
 * and {@link dev.sluice.runtime.data.Values} formats and parses values the way users write them.
 */
package dev.sluice.runtime.data;
