package dev.sluice.runtime.spi;

import dev.sluice.runtime.type.Schema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a connector gets to build a source or sink for one table.
 *
 * @param schema the stored columns the connector reads or writes, in order: physical and metadata
 *     columns, not computed ones
 * @param metadataKeys the metadata columns of {@code schema} ({@code METADATA FROM 'key'}), by
 *     column name, each with the key it reads; empty when the table has none
 * @param primaryKey the columns of the table's declared {@code PRIMARY KEY}, empty when none
 */
public record TableContext(
    String tableName,
    Schema schema,
    ConnectorOptions options,
    ConnectorServices services,
    Map<String, String> metadataKeys,
    List<String> primaryKey) {

  public TableContext {
    metadataKeys = Collections.unmodifiableMap(new LinkedHashMap<>(metadataKeys));
    primaryKey = List.copyOf(primaryKey);
  }

  /** A table without metadata columns or primary key. */
  public TableContext(String tableName, Schema schema, ConnectorOptions options, ConnectorServices services) {
    this(tableName, schema, options, services, Map.of(), List.of());
  }

  /** The metadata key column {@code index} of the schema reads, or null for a physical column. */
  public String metadataKey(int index) {
    String name = schema.field(index).name();
    for (Map.Entry<String, String> e : metadataKeys.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
    }
    return null;
  }
}
