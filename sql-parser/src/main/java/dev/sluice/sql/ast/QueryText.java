package dev.sluice.sql.ast;

import java.util.Objects;
import org.apache.calcite.sql.SqlNode;

/**
 * A query body: the text exactly as written and Calcite's parse of it.
 *
 * <p>The positions inside {@code node} are relative to the body, line 1 column 1 being its first
 * character; {@link SourcePosition#translate} on {@code position} turns them into script positions.
 *
 * @param sql the body text, from its first token to its last
 * @param node Calcite's parse of {@code sql}
 * @param position where the body starts in the script
 */
public record QueryText(String sql, SqlNode node, SourcePosition position) {

  public QueryText {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(position, "position");
  }
}
