package dev.sluice.planner.calcite;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;

/**
 * Finds a subquery used as a value or a condition ({@code x IN (SELECT ...)}, {@code EXISTS
 * (...)}, {@code x > ALL (...)}, a scalar {@code (SELECT ...)}), which Calcite keeps as a
 * sub-query expression that no incremental operator computes yet. Queries in FROM and set
 * operations are not subqueries of this kind.
 */
public final class ExpressionSubqueries {
  /** A subquery expression, with the construct it was written as. */
  public record Found(SqlNode node, String construct) {}

  private ExpressionSubqueries() {}

  /** The first subquery expression in {@code query}, in reading order, or null. */
  public static Found find(SqlNode query) {
    return find(query, false);
  }

  /** @param inExpression whether {@code node} stands where a value or condition is expected */
  private static Found find(SqlNode node, boolean inExpression) {
    if (node == null) return null;
    if (node instanceof SqlNodeList list) {
      for (SqlNode item : list) {
        Found found = find(item, inExpression);
        if (found != null) return found;
      }
      return null;
    }
    if (!(node instanceof SqlCall call)) return null;
    if (inExpression && node.getKind().belongsTo(SqlKind.QUERY)) return new Found(node, "A scalar subquery");
    if (inExpression && isSubqueryPredicate(call)) return new Found(node, construct(call));
    if (node instanceof SqlSelect select) {
      Found found = find(select.getSelectList(), true);
      if (found == null) found = find(select.getFrom(), false);
      if (found == null) found = find(select.getWhere(), true);
      if (found == null) found = find(select.getGroup(), true);
      if (found == null) found = find(select.getHaving(), true);
      return found;
    }
    if (node instanceof SqlJoin join) {
      Found found = find(join.getLeft(), false);
      if (found == null) found = find(join.getRight(), false);
      return found != null ? found : find(join.getCondition(), true);
    }
    for (SqlNode operand : call.getOperandList()) {
      Found found = find(operand, inExpression);
      if (found != null) return found;
    }
    return null;
  }

  private static boolean isSubqueryPredicate(SqlCall call) {
    if (call.getKind() == SqlKind.EXISTS) return true;
    boolean quantified = call.getKind() == SqlKind.IN || call.getKind() == SqlKind.NOT_IN
        || call.getKind() == SqlKind.SOME || call.getKind() == SqlKind.ALL;
    return quantified && call.operandCount() == 2 && call.operand(1) != null && call.operand(1).getKind().belongsTo(SqlKind.QUERY);
  }

  private static String construct(SqlCall call) {
    return switch (call.getKind()) {
      case EXISTS -> "EXISTS (SELECT ...)";
      case IN -> "IN (SELECT ...)";
      case NOT_IN -> "NOT IN (SELECT ...)";
      default -> call.getOperator().getName() + " (SELECT ...)";
    };
  }
}
