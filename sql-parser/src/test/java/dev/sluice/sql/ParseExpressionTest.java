package dev.sluice.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.junit.jupiter.api.Test;

class ParseExpressionTest {

  @Test
  void expressionParsesWithCalcite() {
    SqlNode node = StatementParser.parseExpression("ts - INTERVAL '4' SECOND");

    assertEquals(SqlKind.MINUS, node.getKind());
    assertEquals(1, node.getParserPosition().getLineNum());
  }

  @Test
  void expressionErrorCountsFromTheExpressionStart() {
    SqlSyntaxException error =
        assertThrows(SqlSyntaxException.class, () -> StatementParser.parseExpression("a +\n  * b"));

    assertEquals(2, error.line());
    assertEquals(3, error.column());
    assertEquals("  * b", error.sourceLine());
  }

  @Test
  void incompleteExpressionIsReportedAfterItsLastToken() {
    SqlSyntaxException error =
        assertThrows(SqlSyntaxException.class, () -> StatementParser.parseExpression("a + "));

    assertEquals(1, error.line());
    assertEquals(4, error.column());
    assertTrue(
        error.getMessage().startsWith("Unexpected end of input at line 1, column 4: expected"),
        error.getMessage());
  }

  @Test
  void queryIsNotAnExpression() {
    assertThrows(SqlSyntaxException.class, () -> StatementParser.parseExpression("SELECT 1"));
  }
}
