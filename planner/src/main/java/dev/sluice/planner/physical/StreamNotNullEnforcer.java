package dev.sluice.planner.physical;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;

/**
 * The rows of an {@code INSERT INTO} checked against the table's {@code NOT NULL} columns that the
 * query can leave NULL, as Flink's sink constraint enforcer: a NULL there fails the query, or,
 * with {@code 'sink.not-null-enforcer' = 'drop'}, the row is left out and counted. It passes its
 * input's rows, keys and event time on unchanged.
 */
public final class StreamNotNullEnforcer extends PhysicalNode {
  private final String table;
  private final int[] columns;
  private final List<String> columnNames;
  private final boolean drop;

  /** @param columnNames the table's names of {@code columns}, which the query may call otherwise */
  public StreamNotNullEnforcer(PhysicalNode input, String table, int[] columns, List<String> columnNames, boolean drop) {
    super(input.rowType(), List.of(input));
    assert columns.length == columnNames.size();
    this.table = table;
    this.columns = columns.clone();
    this.columnNames = List.copyOf(columnNames);
    this.drop = drop;
  }

  public String table() {
    return table;
  }

  /** Positions of the NOT NULL columns checked. */
  public int[] columns() {
    return columns.clone();
  }

  /** The table's names of {@link #columns}. */
  public List<String> columnNames() {
    return columnNames;
  }

  /** Whether a row with a NULL in one of them is left out (counted), rather than failing the query. */
  public boolean drop() {
    return drop;
  }

  @Override
  public Changelog changelog() {
    return input().changelog();
  }

  @Override
  public long closingOffset(int column) {
    return input().closingOffset(column);
  }

  @Override
  public long processingTimeClosingOffset(int column) {
    return input().processingTimeClosingOffset(column);
  }

  @Override
  public List<int[]> uniqueKeys() {
    return input().uniqueKeys();
  }

  @Override
  public int equivalentColumn(int column) {
    return input().equivalentColumn(column);
  }

  @Override
  public String explain() {
    return "StreamNotNullEnforcer(table=" + table + ", notNull=[" + String.join(", ", columnNames) + "], onNull=" + (drop ? "drop" : "error") + ")";
  }

  @Override
  public <R> R accept(PhysicalVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
