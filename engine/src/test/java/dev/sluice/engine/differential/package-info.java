/**
 * Differential tests: random input in random batches, and after every batch the incremental result
 * (as each output mode's sink holds it) compared with Calcite running the same SQL as a batch query.
 */
package dev.sluice.engine.differential;
