/**
 * Code generation: query expressions become JVM classes implementing the runtime's function
 * interfaces, so the hot path runs compiled code, calls of user-defined functions included; the
 * compiled classes hold the functions' instances and see their classes.
 */
package dev.sluice.planner.codegen;
