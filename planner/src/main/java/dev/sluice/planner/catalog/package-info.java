/**
 * The catalog: declared tables with their columns, watermarks and connector options, views, and
 * user-defined functions with the classes implementing them.
 */
package dev.sluice.planner.catalog;
