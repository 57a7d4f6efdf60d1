package dev.sluice.planner;

import dev.sluice.planner.physical.PhysicalNode;
import dev.sluice.planner.physical.StreamScan;
import dev.sluice.runtime.spi.OutputMode;
import java.util.Map;

/**
 * EXPLAIN's text: the physical plan as an indented tree with each node's changelog and state,
 * where the watermark comes from, and which output modes the query allows.
 */
public final class ExplainWriter {
  private ExplainWriter() {}

  public static String explain(PlannedQuery query) {
    StringBuilder sb = new StringBuilder("== Physical Plan ==\n");
    write(query.root(), 0, sb);
    sb.append("\n== Watermarks ==\n");
    java.util.Set<String> watermarks = new java.util.LinkedHashSet<>(); // a table read twice has one watermark
    appendWatermarks(query.root(), watermarks);
    watermarks.forEach(sb::append);
    if (watermarks.isEmpty()) sb.append("none: no source declares a WATERMARK, so nothing is ever late and no state is evicted by time\n");
    sb.append("\n== Output Modes ==\n");
    for (Map.Entry<OutputMode, String> e : query.modes().entrySet()) {
      sb.append(e.getKey().sqlName()).append(": ");
      if (e.getValue() == null) {
        sb.append("allowed");
        if (e.getKey() == query.mode()) sb.append(query.modeChosen() ? " (chosen)" : " (set)");
      } else {
        sb.append("refused: ").append(e.getValue());
      }
      sb.append('\n');
    }
    if (query.resultKey() != null && query.resultKey().length > 0) {
      sb.append("\nResult key (update mode): ");
      for (int i = 0; i < query.resultKey().length; i++) {
        if (i > 0) sb.append(", ");
        sb.append(query.resultSchema().field(query.resultKey()[i]).name());
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static void write(PhysicalNode node, int depth, StringBuilder sb) {
    sb.append("  ".repeat(depth)).append(node.explain()).append("  [changelog=").append(node.changelog());
    if (!node.state().isEmpty()) sb.append(", state=").append(node.state());
    sb.append("]\n");
    for (PhysicalNode input : node.inputs()) write(input, depth + 1, sb);
  }

  private static void appendWatermarks(PhysicalNode node, java.util.Set<String> lines) {
    if (node instanceof StreamScan scan && scan.table().watermark() != null) {
      var w = scan.table().watermark();
      StringBuilder line = new StringBuilder(scan.table().name()).append('.').append(w.column()).append(": ").append(w.expression())
          .append(" (max event time of completed batches");
      if (w.delayMillis() >= 0) line.append(" minus ").append(w.delayMillis()).append(" ms");
      lines.add(line.append(")\n").toString());
    }
    for (PhysicalNode input : node.inputs()) appendWatermarks(input, lines);
  }
}
