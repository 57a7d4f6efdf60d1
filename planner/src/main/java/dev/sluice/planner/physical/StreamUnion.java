package dev.sluice.planner.physical;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;

/** {@code UNION ALL}: every input's changes; a column carries event time when it does in every input. */
public final class StreamUnion extends PhysicalNode {
  public StreamUnion(RelDataType rowType, List<PhysicalNode> inputs) {
    super(rowType, inputs);
  }

  @Override
  public Changelog changelog() {
    for (PhysicalNode input : inputs()) {
      if (input.changelog() == Changelog.UPDATING) return Changelog.UPDATING;
    }
    return Changelog.INSERT_ONLY;
  }

  @Override
  public long closingOffset(int column) {
    long offset = inputs().get(0).closingOffset(column);
    for (PhysicalNode input : inputs()) {
      if (input.closingOffset(column) != offset) return NOT_EVENT_TIME;
    }
    return offset;
  }

  @Override
  public String explain() {
    return "StreamUnion(all=true, inputs=" + inputs().size() + ")";
  }

  @Override
  public <R> R accept(PhysicalVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
