package dev.sluice.planner.physical;

import dev.sluice.planner.catalog.TableDefinition;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;

/** Reads a declared table: new rows only, each an insert. */
public final class StreamScan extends PhysicalNode {
  private final TableDefinition table;
  private final int eventTimeColumn;

  /** @param eventTimeColumn the column the table's watermark is declared on, or -1 */
  public StreamScan(RelDataType rowType, TableDefinition table, int eventTimeColumn) {
    super(rowType, List.of());
    this.table = table;
    this.eventTimeColumn = eventTimeColumn;
  }

  public TableDefinition table() {
    return table;
  }

  public int eventTimeColumn() {
    return eventTimeColumn;
  }

  @Override
  public Changelog changelog() {
    return Changelog.INSERT_ONLY;
  }

  @Override
  public long closingOffset(int column) {
    return column == eventTimeColumn ? 0 : NOT_EVENT_TIME;
  }

  /** A computed column {@code name AS PROCTIME()} carries processing time, as the same call in a view does. */
  @Override
  public long processingTimeClosingOffset(int column) {
    var info = table.column(rowType().getFieldList().get(column).getName());
    boolean proctime = info != null && info.isComputed() && info.expression().replaceAll("[\\s`]", "").equalsIgnoreCase("PROCTIME()");
    return proctime ? 0 : NOT_EVENT_TIME;
  }

  @Override
  public String explain() {
    String watermark = table.watermark() == null ? "none" : table.watermark().column() + " AS " + table.watermark().expression();
    return "StreamScan(table=" + table.name() + ", connector=" + table.connector() + (table.bounded() ? ", static" : "")
        + ", watermark=" + watermark + ")";
  }

  @Override
  public <R> R accept(PhysicalVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
