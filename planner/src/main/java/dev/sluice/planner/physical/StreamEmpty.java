package dev.sluice.planner.physical;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A stream that never has a row: what a condition Calcite folds to false ({@code WHERE 1 > 2})
 * leaves of its input, as Flink plans an empty {@code Values}. It reads no table, so it holds
 * back no watermark; a {@code UNION ALL} drops it from its inputs.
 */
public final class StreamEmpty extends PhysicalNode {
  public StreamEmpty(RelDataType rowType) {
    super(rowType, List.of());
  }

  @Override
  public Changelog changelog() {
    return Changelog.INSERT_ONLY;
  }

  @Override
  public long closingOffset(int column) {
    return NOT_EVENT_TIME;
  }

  @Override
  public String explain() {
    return "StreamEmpty(reason=a condition that is always false)";
  }

  @Override
  public <R> R accept(PhysicalVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
