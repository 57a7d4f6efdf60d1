/** The conformance scenario runner: reads scenario files, drives a query through their steps, reports. */
package dev.sluice.engine.scenario;
