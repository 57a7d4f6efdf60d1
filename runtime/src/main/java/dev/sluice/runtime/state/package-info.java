/**
 * Operator state: keys compared by value, key groups, and the binary form in which state is
 * written to checkpoints and read back.
 */
package dev.sluice.runtime.state;
