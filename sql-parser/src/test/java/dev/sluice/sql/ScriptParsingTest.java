package dev.sluice.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.sql.ast.CreateTable;
import dev.sluice.sql.ast.Insert;
import dev.sluice.sql.ast.Query;
import dev.sluice.sql.ast.SetOption;
import dev.sluice.sql.ast.Show;
import dev.sluice.sql.ast.SourcePosition;
import dev.sluice.sql.ast.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptParsingTest {

  @Test
  void scriptWithCommentsYieldsEachStatementInOrder() {
    String script =
        """
        -- the source
        CREATE TABLE t (a INT) WITH ('connector' = 'memory'); /* a block
           comment; with a semicolon */
        SET 'output.mode' = 'update';
        SELECT a -- trailing; comment
          FROM t;
        """;

    List<Statement> statements = StatementParser.parseScript(script);

    assertEquals(3, statements.size());
    assertInstanceOf(CreateTable.class, statements.get(0));
    assertInstanceOf(SetOption.class, statements.get(1));
    Query query = assertInstanceOf(Query.class, statements.get(2));
    assertEquals("SELECT a -- trailing; comment\n  FROM t", query.text());
  }

  @Test
  void statementsKnowWhereTheyStart() {
    String script = "SHOW TABLES;  SHOW VIEWS;\n\n   -- x\n\tSHOW QUERIES";

    List<Statement> statements = StatementParser.parseScript(script);

    assertEquals(
        List.of(new SourcePosition(1, 1), new SourcePosition(1, 15), new SourcePosition(4, 2)),
        statements.stream().map(Statement::position).toList());
  }

  @Test
  void semicolonInsideStringLiteralDoesNotEndTheStatement() {
    List<Statement> statements =
        StatementParser.parseScript("INSERT INTO s SELECT 'a;b', 'it''s;' FROM t; SET 'k' = 'v;w'");

    assertEquals(2, statements.size());
    Insert insert = assertInstanceOf(Insert.class, statements.get(0));
    assertEquals("SELECT 'a;b', 'it''s;' FROM t", insert.query().sql());
    assertEquals("v;w", assertInstanceOf(SetOption.class, statements.get(1)).value());
  }

  @Test
  void semicolonInsideQuotedIdentifierOrParenthesesDoesNotEndTheStatement() {
    List<String> texts = StatementParser.splitStatements("SELECT `a;b` FROM t; SELECT f(';', x;y)");

    assertEquals(List.of("SELECT `a;b` FROM t", "SELECT f(';', x;y)"), texts);
  }

  @Test
  void emptyStatementsAndTrailingSemicolonAreIgnored() {
    List<Statement> statements = StatementParser.parseScript(";; SHOW TABLES;;; SHOW VIEWS;\n;");

    assertEquals(2, statements.size());
    assertInstanceOf(Show.class, statements.get(1));
  }

  @Test
  void scriptOfOnlyCommentsHasNoStatements() {
    assertEquals(List.of(), StatementParser.parseScript("-- nothing\n/* at all */"));
    assertEquals(List.of(), StatementParser.parseScript(""));
  }

  @Test
  void splitStatementsKeepsGoingPastABrokenStatement() {
    List<String> texts =
        StatementParser.splitStatements("SELEC 1; SHOW oops;\n-- lead\nSELECT 'unterminated;");

    assertEquals(List.of("SELEC 1", "SHOW oops", "SELECT 'unterminated;"), texts);
  }

  @Test
  void unclosedParenthesisRunsToTheEndOfTheScript() {
    List<String> texts = StatementParser.splitStatements("SELECT (1; SELECT 2;");

    assertEquals(List.of("SELECT (1; SELECT 2;"), texts);
  }

  @Test
  void splitStatementsDropsLeadingAndTrailingComments() {
    List<String> texts =
        StatementParser.splitStatements("/* a */ SHOW TABLES /* b */ ; -- c\n SHOW VIEWS -- d");

    assertEquals(List.of("SHOW TABLES", "SHOW VIEWS"), texts);
  }

  @Test
  void parseStatementRefusesASecondStatement() {
    SqlSyntaxException error =
        assertThrows(
            SqlSyntaxException.class,
            () -> StatementParser.parseStatement("SHOW TABLES; SHOW VIEWS"));

    assertEquals(1, error.line());
    assertEquals(14, error.column());
    assertEquals(
        "A second statement at line 1, column 14: expected exactly one statement; use"
            + " parseScript for several",
        error.getMessage());
  }

  @Test
  void parseStatementRefusesTextWithoutStatement() {
    SqlSyntaxException error =
        assertThrows(SqlSyntaxException.class, () -> StatementParser.parseStatement(" -- none"));

    assertEquals(
        "No statement found at line 1, column 9: expected one statement", error.getMessage());
  }

  @Test
  void parseStatementAcceptsATrailingSemicolon() {
    assertInstanceOf(Show.class, StatementParser.parseStatement("SHOW TABLES;"));
  }

  @Test
  void windowsLineEndingsKeepPositions() {
    List<Statement> statements = StatementParser.parseScript("SHOW TABLES;\r\n  SELECT\r\n 1");

    assertEquals(new SourcePosition(2, 3), statements.get(1).position());
    assertEquals("SELECT\r\n 1", statements.get(1).text());
  }
}
