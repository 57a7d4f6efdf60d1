package dev.sluice.planner.catalog;

import dev.sluice.runtime.spi.Secrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;

/**
 * A table declared with {@code CREATE TABLE}: its columns (physical, computed and metadata), its
 * watermark, primary key and connector options.
 */
public record TableDefinition(
    String name, List<ColumnInfo> columns, WatermarkInfo watermark, List<String> primaryKey, Map<String, String> options, String ddl) {

  public TableDefinition {
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
  }

  /** The definition as a record prints it, with the values of secret options masked ({@link Secrets}). */
  @Override
  public String toString() {
    return "TableDefinition[name=" + name + ", columns=" + columns + ", watermark=" + watermark + ", primaryKey=" + primaryKey
        + ", options=" + Secrets.maskOptions(options) + ", ddl=" + Secrets.maskSql(ddl) + "]";
  }

  /** The option that makes a table static: read whole once per query start, joined as a lookup table. */
  public static final String BOUNDED_OPTION = "scan.bounded";

  public String connector() {
    return options.get("connector");
  }

  /** Whether the table is static ({@code 'scan.bounded' = 'true'}). */
  public boolean bounded() {
    return "true".equalsIgnoreCase(options.get(BOUNDED_OPTION));
  }

  /** The options the connector itself reads: all but Sluice's own {@code 'scan.bounded'}. */
  public Map<String, String> connectorOptions() {
    Map<String, String> connectorOptions = new java.util.LinkedHashMap<>(options);
    connectorOptions.remove(BOUNDED_OPTION);
    return connectorOptions;
  }

  /** All columns, as queries see the table. */
  public RelDataType rowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (ColumnInfo c : columns) builder.add(c.name(), c.type());
    return builder.build();
  }

  /** The columns the connector reads or writes: physical and metadata, not computed. */
  public List<ColumnInfo> storedColumns() {
    List<ColumnInfo> stored = new ArrayList<>();
    for (ColumnInfo c : columns) {
      if (c.isPhysical()) stored.add(c);
    }
    return stored;
  }

  public boolean hasComputedColumns() {
    return columns.stream().anyMatch(ColumnInfo::isComputed);
  }

  public ColumnInfo column(String name) {
    for (ColumnInfo c : columns) {
      if (c.name().equalsIgnoreCase(name)) return c;
    }
    return null;
  }
}
