/**
 * The shapes of compiled code the planner hands to operators. The runtime calls these; the
 * planner generates their implementations as bytecode, so no expression tree is walked per row.
 */
package dev.sluice.runtime.function;
