/** The catalog: declared tables with their columns, watermarks and connector options, and views. */
package dev.sluice.planner.catalog;
