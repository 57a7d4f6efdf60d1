/**
 * The {@code console} sink (also called {@code print}, Flink's name), which prints each batch as
 * Spark's console sink does, and {@link dev.sluice.connectors.console.TablePrinter}, the ASCII
 * table it prints, which the shell shares.
 */
package dev.sluice.connectors.console;
