/**
 * Code generation: query expressions become JVM classes implementing the runtime's function
 * interfaces, so the hot path runs compiled code.
 */
package dev.sluice.planner.codegen;
