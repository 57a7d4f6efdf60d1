/**
 * Test helpers shared by the engine tests: the Calcite batch oracle, multiset comparison of result
 * rows, and the table a sink would hold after applying a query's deliveries in its output mode.
 */
package dev.sluice.engine.support;
