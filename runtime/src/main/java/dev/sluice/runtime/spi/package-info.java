/**
 * The connector SPI: sources read offset ranges of an unbounded table, sinks receive the rows of
 * each batch, both found by their {@code 'connector'} option through {@link
 * java.util.ServiceLoader}. Connectors see this package and the type and data model, nothing
 * else of the runtime.
 */
package dev.sluice.runtime.spi;
