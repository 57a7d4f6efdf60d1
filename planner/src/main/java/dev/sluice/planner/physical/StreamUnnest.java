package dev.sluice.planner.physical;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;

/** {@code CROSS JOIN UNNEST(expr)}: one output row per element of an array computed from each input row. */
public final class StreamUnnest extends PhysicalNode {
  private final RexNode collection;
  private final boolean elementIsRow;
  private final boolean withOrdinality;

  public StreamUnnest(RelDataType rowType, PhysicalNode input, RexNode collection, boolean elementIsRow, boolean withOrdinality) {
    super(rowType, List.of(input));
    this.collection = collection;
    this.elementIsRow = elementIsRow;
    this.withOrdinality = withOrdinality;
  }

  public RexNode collection() {
    return collection;
  }

  public boolean elementIsRow() {
    return elementIsRow;
  }

  public boolean withOrdinality() {
    return withOrdinality;
  }

  @Override
  public Changelog changelog() {
    return input().changelog();
  }

  @Override
  public long closingOffset(int column) {
    return column < input().rowType().getFieldCount() ? input().closingOffset(column) : NOT_EVENT_TIME;
  }

  @Override
  public String explain() {
    return "StreamUnnest(collection=" + ExpressionText.of(collection, input().rowType().getFieldNames()) + (withOrdinality ? ", withOrdinality" : "") + ")";
  }

  @Override
  public <R> R accept(PhysicalVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
