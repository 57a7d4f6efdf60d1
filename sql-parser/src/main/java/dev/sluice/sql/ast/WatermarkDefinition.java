package dev.sluice.sql.ast;

import java.util.Objects;
import org.apache.calcite.sql.SqlNode;

/**
 * {@code WATERMARK FOR column AS expression}: names a table's event-time column and how far its
 * watermark trails the largest event time seen.
 *
 * @param column the event-time column, unquoted
 * @param expression Calcite's parse of the watermark expression; its parser positions are relative
 *     to the start of {@code expressionText}
 * @param expressionText the expression exactly as written
 * @param position where the {@code WATERMARK} keyword is
 */
public record WatermarkDefinition(
    String column, SqlNode expression, String expressionText, SourcePosition position) {

  public WatermarkDefinition {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(expressionText, "expressionText");
    Objects.requireNonNull(position, "position");
  }
}
