package dev.sluice.runtime.spi;

import dev.sluice.runtime.type.Schema;

/**
 * What a connector gets to build a source or sink for one table.
 *
 * @param schema the physical columns the connector reads or writes, in order
 */
public record TableContext(String tableName, Schema schema, ConnectorOptions options, ConnectorServices services) {}
