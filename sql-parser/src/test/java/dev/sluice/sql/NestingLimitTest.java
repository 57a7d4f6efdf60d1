package dev.sluice.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.sql.ast.Query;
import org.junit.jupiter.api.Test;

/** Statements nested past the limit are refused with a position; huge literals parse in linear time. */
class NestingLimitTest {

  private static final int TOO_DEEP = 5_000;

  private static SqlSyntaxException tooDeep(String script) {
    SqlSyntaxException error = assertThrows(SqlSyntaxException.class, () -> StatementParser.parseScript(script));
    assertTrue(error.getMessage().startsWith("Statement too deeply nested at line "), error.getMessage());
    assertTrue(error.getMessage().contains("at most " + NestingLimit.MAX_DEPTH + " levels"), error.getMessage());
    return error;
  }

  @Test
  void thousandsOfNestedParenthesesAreRefusedAtTheFirstOneTooDeep() {
    SqlSyntaxException error = tooDeep("SELECT " + "(".repeat(TOO_DEEP) + "x" + ")".repeat(TOO_DEEP) + " FROM t");
    assertEquals(1, error.line());
    assertEquals("SELECT ".length() + NestingLimit.MAX_DEPTH + 1, error.column());
  }

  @Test
  void deepParenthesesInAComputedColumnAreRefusedBeforeTheStatementGrammarRecurses() {
    SqlSyntaxException error = tooDeep("CREATE TABLE t (a INT,\n  b AS " + "(".repeat(TOO_DEEP) + "a" + ")".repeat(TOO_DEEP) + ")");
    assertEquals(2, error.line());
    // The column list's parenthesis is the first level.
    assertEquals("  b AS ".length() + NestingLimit.MAX_DEPTH, error.column());
  }

  @Test
  void aThousandUnionAllBranchesAreRefused() {
    StringBuilder sql = new StringBuilder("SELECT x FROM t");
    for (int i = 1; i < 1_000; i++) sql.append("\nUNION ALL SELECT x FROM t");
    SqlSyntaxException error = tooDeep(sql.toString());
    assertTrue(error.line() >= 1 && error.line() <= 1_000, error.getMessage());
  }

  @Test
  void longOperatorChainsAndDeepCallsAreRefused() {
    int tooLong = NestingLimit.MAX_DEPTH * NestingLimit.CHAIN_LINKS_PER_LEVEL + 10;
    tooDeep("SELECT x" + " + x".repeat(tooLong) + " FROM t");
    tooDeep("SELECT x FROM t WHERE x = 0" + " OR x = 1".repeat(tooLong));
    tooDeep("SELECT " + "ABS(".repeat(TOO_DEEP) + "x" + ")".repeat(TOO_DEEP) + " FROM t");
    tooDeep("SELECT " + "CASE WHEN x = 1 THEN 1 ELSE ".repeat(TOO_DEEP) + "0" + " END".repeat(TOO_DEEP) + " FROM t");
  }

  @Test
  void aStandaloneExpressionIsCheckedToo() {
    SqlSyntaxException error = assertThrows(SqlSyntaxException.class,
        () -> StatementParser.parseExpression("1" + " + 1".repeat(TOO_DEEP)));
    assertTrue(error.getMessage().startsWith("Statement too deeply nested"), error.getMessage());
    error = assertThrows(SqlSyntaxException.class,
        () -> StatementParser.parseExpression("(".repeat(TOO_DEEP) + "1" + ")".repeat(TOO_DEEP)));
    assertEquals(NestingLimit.MAX_DEPTH + 1, error.column());
  }

  @Test
  void wideChainsOfOneOperatorAreOneLevelAsWritten() {
    // Generated SQL writes these thousands long; each was refused as 2,000 levels deep.
    StatementParser.parseScript("SELECT x FROM t WHERE x = 0" + " OR x = 1".repeat(2_000));
    StatementParser.parseScript("SELECT x FROM t WHERE x = 0" + " AND y = 1".repeat(2_000));
    StatementParser.parseScript("SELECT s" + " || s".repeat(1_000) + ", x" + " + x".repeat(1_000) + " - x".repeat(1_000) + " FROM t");
    // A chain's links within a nesting still count: a tenth of a level each.
    int deep = NestingLimit.MAX_DEPTH - 10;
    tooDeep("SELECT " + "ABS(".repeat(deep) + "x" + " + x".repeat(200) + ")".repeat(deep) + " FROM t");
    // A set operation is no chain: each branch is a whole query to plan.
    tooDeep("SELECT x FROM t" + " UNION ALL SELECT x FROM t".repeat(NestingLimit.MAX_DEPTH + 10));
  }

  @Test
  void statementsWithinTheLimitParse() {
    int deep = NestingLimit.MAX_DEPTH - 10;
    StatementParser.parseScript("SELECT " + "(".repeat(deep) + "x" + ")".repeat(deep) + " FROM t");
    StatementParser.parseScript("SELECT x" + " + x".repeat(deep) + " FROM t");
    // A list is one level however long: a CASE of many branches, an IN of many values.
    StringBuilder branches = new StringBuilder("SELECT CASE");
    for (int i = 0; i < 5_000; i++) branches.append(" WHEN x = ").append(i).append(" THEN ").append(i);
    StatementParser.parseScript(branches + " END FROM t");
  }

  @Test
  void nestedCoalesceThatCalciteWouldDoubleAtEachLevelIsRefused() {
    // Validating 20 of these took minutes: each level's rewrite repeats everything inside it.
    String deep = "SELECT " + "COALESCE(".repeat(25) + "x" + ", 0)".repeat(25) + " FROM t";
    SqlSyntaxException error = assertThrows(SqlSyntaxException.class, () -> StatementParser.parseScript(deep));
    assertTrue(error.getMessage().startsWith("Statement too large at line 1, column "), error.getMessage());
    assertTrue(error.getMessage().contains("COALESCE"), error.getMessage());
    assertThrows(SqlSyntaxException.class,
        () -> StatementParser.parseScript("SELECT " + "NULLIF(".repeat(25) + "x" + ", 0)".repeat(25) + " FROM t"));
    StatementParser.parseScript("SELECT " + "COALESCE(".repeat(8) + "x" + ", 0)".repeat(8) + " FROM t");
    // Many side by side are no growth to speak of.
    StatementParser.parseScript("SELECT " + "COALESCE(x, 0), ".repeat(5_000) + "x FROM t");
  }

  @Test
  void aHugeStringLiteralParsesInTimeLinearInItsLength() {
    // Calcite's character buffer grew by 2 KB a step, copying itself each time: 8 MB took minutes.
    String literal = "a".repeat(8 * 1024 * 1024);
    long start = System.nanoTime();
    Query query = (Query) StatementParser.parseStatement("SELECT '" + literal + "' AS s FROM t");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(query.query().sql().length() > literal.length());
    assertTrue(millis < 10_000, "an 8 MB literal took " + millis + " ms to parse");
  }
}
