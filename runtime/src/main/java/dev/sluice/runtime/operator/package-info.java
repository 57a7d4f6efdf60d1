/**
 * Incremental operators and their contract ({@link dev.sluice.runtime.operator.Operator}): each
 * consumes batches of changes and emits batches of changes, keeping the state it needs.
 */
package dev.sluice.runtime.operator;
