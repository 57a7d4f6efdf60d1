/**
 * Operator state: keys compared by value, key groups, maps partitioned by key group that record
 * which groups changed (so a checkpoint writes only those), a primitive table for keys that are one
 * whole number, the contract a stateful operator offers the checkpoint, and the binary form in
 * which state is written and read back.
 */
package dev.sluice.runtime.state;
