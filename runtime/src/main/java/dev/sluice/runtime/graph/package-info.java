/**
 * The operator graph of a query as plain data: what the planner hands the runtime, and what the
 * executor instantiates each time the query starts or restarts.
 */
package dev.sluice.runtime.graph;
