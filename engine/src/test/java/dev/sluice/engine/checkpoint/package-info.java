/**
 * Checkpoint tests through the engine: which changed queries may resume, what refusals and damaged
 * files report, and a crash test that kills a child JVM with SIGKILL and checks the exactly-once
 * output against an uninterrupted run. Holds the test-only connectors that test uses.
 */
package dev.sluice.engine.checkpoint;
