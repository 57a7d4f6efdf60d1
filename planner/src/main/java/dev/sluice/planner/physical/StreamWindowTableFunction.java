package dev.sluice.planner.physical;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;

/**
 * {@code TUMBLE} or {@code HOP}: each input row becomes one row per window it falls in, with
 * {@code window_start}, {@code window_end} and {@code window_time} appended. Windows are half-open and aligned to the
 * epoch (plus the optional offset).
 *
 * <p>Stateless, but when it feeds a windowed aggregation outside complete mode it drops a row from
 * each of its windows whose end is at or before the watermark ({@link #dropLateWindows()}), and
 * counts such a row once as late.
 */
public final class StreamWindowTableFunction extends PhysicalNode {
  private final WindowKind kind;
  private final int timeColumn;
  private final long size;
  private final long slide;
  private final long offset;
  private final boolean dropLateWindows;

  public StreamWindowTableFunction(RelDataType rowType, PhysicalNode input, WindowKind kind, int timeColumn, long size, long slide, long offset,
      boolean dropLateWindows) {
    super(rowType, List.of(input));
    this.kind = kind;
    this.timeColumn = timeColumn;
    this.size = size;
    this.slide = slide;
    this.offset = offset;
    this.dropLateWindows = dropLateWindows;
  }

  public WindowKind kind() {
    return kind;
  }

  public int timeColumn() {
    return timeColumn;
  }

  public long size() {
    return size;
  }

  public long slide() {
    return slide;
  }

  public long offset() {
    return offset;
  }

  public boolean dropLateWindows() {
    return dropLateWindows;
  }

  public int windowStartColumn() {
    return input().rowType().getFieldCount();
  }

  @Override
  public Changelog changelog() {
    return input().changelog();
  }

  /**
   * Window bounds carry event time when the time column does: the end closes at once, the start
   * one window later, {@code window_time} 1 ms later.
   */
  @Override
  public long closingOffset(int column) {
    int start = windowStartColumn();
    if (column < start) return input().closingOffset(column);
    if (input().closingOffset(timeColumn) == NOT_EVENT_TIME) return NOT_EVENT_TIME;
    return column == start ? size : column == start + 1 ? 0 : 1; // window_time is the end minus 1 ms
  }

  /** Windows over processing time: their bounds close by the wall clock as {@link #closingOffset} says. */
  @Override
  public long processingTimeClosingOffset(int column) {
    int start = windowStartColumn();
    if (column < start) return input().processingTimeClosingOffset(column);
    if (input().processingTimeClosingOffset(timeColumn) == NOT_EVENT_TIME) return NOT_EVENT_TIME;
    return column == start ? size : column == start + 1 ? 0 : 1;
  }

  @Override
  public int equivalentColumn(int column) {
    int start = windowStartColumn();
    if (column == start) return start + 1;
    if (column == start + 1) return start;
    if (column == start + 2) return start + 1;
    return input().equivalentColumn(column);
  }

  @Override
  public String explain() {
    StringBuilder sb = new StringBuilder("StreamWindowTableFunction(").append(kind).append("(time=")
        .append(input().rowType().getFieldList().get(timeColumn).getName());
    if (kind == WindowKind.HOP) sb.append(", slide=").append(slide).append(" ms");
    sb.append(", size=").append(size).append(" ms");
    if (offset != 0) sb.append(", offset=").append(offset).append(" ms");
    sb.append(')');
    if (dropLateWindows) sb.append(", dropLate=window_end <= watermark");
    return sb.append(')').toString();
  }

  @Override
  public <R> R accept(PhysicalVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
