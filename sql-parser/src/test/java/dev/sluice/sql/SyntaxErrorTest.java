package dev.sluice.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SyntaxErrorTest {

  @Test
  void statementLayerErrorOnLineThreeNamesTokenAlternativesAndCaret() {
    String script =
        """
        CREATE TABLE t (a INT);
        SHOW TABLES;
          CREATE TABEL u (b INT);
        """;

    SqlSyntaxException error = parseFails(script);

    assertEquals(3, error.line());
    assertEquals(10, error.column());
    assertEquals(
        "Unexpected 'TABEL' at line 3, column 10: expected one of FUNCTION, TABLE, TEMPORARY, VIEW",
        error.getMessage());
    assertEquals(
        """
        Unexpected 'TABEL' at line 3, column 10: expected one of FUNCTION, TABLE, TEMPORARY, VIEW
            CREATE TABEL u (b INT);
                   ^\
        """,
        error.formatted());
  }

  @Test
  void calciteErrorInQueryBodyOnLineThreeIsPlacedInTheScript() {
    String script =
        """
        CREATE TABLE t (a INT);
        -- the query
        INSERT INTO s SELECT a FROM t GROUP a;
        """;

    SqlSyntaxException error = parseFails(script);

    assertEquals(3, error.line());
    assertEquals(37, error.column());
    assertEquals("Unexpected 'a' at line 3, column 37: expected BY", error.getMessage());
    assertEquals(
        """
        Unexpected 'a' at line 3, column 37: expected BY
          INSERT INTO s SELECT a FROM t GROUP a;
                                              ^\
        """,
        error.formatted());
  }

  @Test
  void calciteErrorOnALaterLineOfABodyThatStartsMidLine() {
    String script = "SHOW TABLES; CREATE VIEW v AS SELECT a,\n  FROM t";

    SqlSyntaxException error = parseFails(script);

    assertEquals(2, error.line());
    assertEquals(3, error.column());
    assertTrue(
        error.getMessage().startsWith("Unexpected 'FROM' at line 2, column 3: expected one of "),
        error.getMessage());
    assertTrue(error.formatted().endsWith("\n    FROM t\n    ^"), error.formatted());
  }

  @Test
  void calciteErrorInAnExpressionIsPlacedInTheScript() {
    SqlSyntaxException error =
        parseFails(
            "CREATE TABLE t (\n  ts TIMESTAMP(3),\n  WATERMARK FOR ts AS ts - INTERVAL '5' FOO)");

    assertEquals(3, error.line());
    assertEquals(41, error.column());
    assertTrue(error.getMessage().startsWith("Unexpected 'FOO' at line 3, column 41"));
  }

  @Test
  void longCalciteAlternativeListsAreCut() {
    SqlSyntaxException error = parseFails("SELECT a FROM t WHERE");

    assertEquals(
        "Unexpected end of input at line 1, column 22: expected one of a number, a string"
            + " literal, an identifier, CURSOR, EXISTS, NOT, ROW, UNIQUE, ...",
        error.getMessage());
  }

  @Test
  void endOfABodyIsReportedAtItsSemicolon() {
    SqlSyntaxException error = parseFails("SELECT a FROM t WHERE a >  ; SHOW TABLES");

    assertEquals(28, error.column());
    assertTrue(
        error.getMessage().startsWith("Unexpected ';' at line 1, column 28"), error.getMessage());
  }

  @Test
  void calcitePointsAtTheTokenThatBrokeAMultiTokenLookahead() {
    SqlSyntaxException error = parseFails("SELECT a FROM t WHERE x = = 1");

    assertEquals(27, error.column());
  }

  @Test
  void reservedWordAfterADotSuggestsBackticks() {
    SqlSyntaxException error = parseFails("SELECT t.value FROM t");

    assertEquals(10, error.column());
    assertEquals(
        "Unexpected 'value' at line 1, column 10: expected one of an identifier, '*' ('value'"
            + " is a reserved word; write `value` to use it as a name)",
        error.getMessage());
  }

  @Test
  void unknownStatementListsWhatAStatementStartsWith() {
    SqlSyntaxException error = parseFails("SELCT 1");

    assertEquals(
        "Unexpected 'SELCT' at line 1, column 1: expected one of CREATE, DESC, DESCRIBE, DROP,"
            + " EXPLAIN, INSERT, RESET, SELECT, SET, SHOW, STOP, VALUES, WITH, '('",
        error.getMessage());
  }

  @Test
  void tokenAfterAColumnTypeListsEverythingThatCouldFollowIt() {
    SqlSyntaxException error = parseFails("CREATE TABLE t (a INT UNSIGNED)");

    assertEquals(
        "Unexpected 'UNSIGNED' at line 1, column 23: expected one of COMMENT, METADATA, NOT,"
            + " NULL, PRECISION, WITH, WITHOUT, '(', ')', ','",
        error.getMessage());
  }

  @Test
  void missingClosingParenthesisOfColumnListIsReportedAtEndOfInput() {
    SqlSyntaxException error = parseFails("CREATE TABLE t (a INT, b AS a + 1\n\n");

    assertEquals(1, error.line());
    assertEquals(34, error.column());
    assertEquals(
        "Unexpected end of input at line 1, column 34: expected one of ')', ','",
        error.getMessage());
  }

  @Test
  void strayClosingParenthesisInAQuerySaysSo() {
    SqlSyntaxException error = parseFails("SELECT a) FROM t");

    assertEquals(
        "Unexpected ')' at line 1, column 9: there is no '(' for it to close", error.getMessage());
  }

  @Test
  void extraTokenAfterAStatementExpectsItsEnd() {
    SqlSyntaxException error = parseFails("SHOW TABLES LIKE 'x'");

    assertEquals("Unexpected 'LIKE' at line 1, column 13: expected ';'", error.getMessage());
  }

  @Test
  void unknownTypeIsNamedWithTheKnownOnes() {
    SqlSyntaxException error = parseFails("CREATE TABLE t (\n  a INT,\n  b VARCHAR2(10)\n)");

    assertEquals(3, error.line());
    assertEquals(5, error.column());
    assertTrue(
        error
            .getMessage()
            .startsWith("Unknown type 'VARCHAR2' at line 3, column 5: expected one of BOOLEAN,"),
        error.getMessage());
    assertTrue(error.getMessage().endsWith("ROW<name type, ...>"), error.getMessage());
  }

  @Test
  void typeParametersAreChecked() {
    assertEquals(
        "VARCHAR takes at most 1 parameter at line 1, column 19: write VARCHAR(length)",
        parseFails("CREATE TABLE t (a VARCHAR(1, 2))").getMessage());
    assertEquals(
        "TIMESTAMP precision 12 is out of range at line 1, column 19: it must be between 0 and 9",
        parseFails("CREATE TABLE t (a TIMESTAMP(12))").getMessage());
    assertEquals(
        "DECIMAL scale 5 is out of range at line 1, column 19: it must be between 0 and 2",
        parseFails("CREATE TABLE t (a DECIMAL(2, 5))").getMessage());
    assertEquals(
        "BIGINT takes no parameters at line 1, column 19: write BIGINT",
        parseFails("CREATE TABLE t (a BIGINT(20))").getMessage());
    assertEquals(
        "WITH LOCAL TIME ZONE cannot follow DATE at line 1, column 24: only TIMESTAMP WITH"
            + " LOCAL TIME ZONE is a type",
        parseFails("CREATE TABLE t (a DATE WITH LOCAL TIME ZONE)").getMessage());
  }

  @Test
  void secondWatermarkAndRepeatedOptionAreRefused() {
    assertEquals(
        "Second WATERMARK clause at line 1, column 50: a table has at most one",
        parseFails("CREATE TABLE t (a INT, WATERMARK FOR a AS a - 1, WATERMARK FOR a AS a)")
            .getMessage());
    assertEquals(
        "Duplicate option 'k' at line 1, column 41: each option may be given once",
        parseFails("CREATE TABLE t (a INT) WITH ('k' = '1', 'k' = '2')").getMessage());
  }

  @Test
  void unterminatedStringIsReportedWhereItOpens() {
    SqlSyntaxException error = parseFails("SHOW TABLES;\nSELECT 'abc FROM t;\nSHOW VIEWS");

    assertEquals(
        "Unterminated string literal at line 2, column 8: add the closing '", error.getMessage());
  }

  @Test
  void unterminatedCommentAndQuotedIdentifierAreReported() {
    assertEquals(
        "Unterminated comment at line 1, column 17: add the closing */",
        parseFails("SELECT * FROM t /* oops").getMessage());
    assertEquals(
        "Unterminated quoted identifier at line 1, column 15: add the closing `",
        parseFails("SELECT * FROM `t").getMessage());
  }

  @Test
  void firstErrorOfTheScriptWinsEvenWhenItIsCalcites() {
    SqlSyntaxException error = parseFails("SELECT FROM;\nCREATE FOO");

    assertEquals(1, error.line());
  }

  @Test
  void caretFollowsTabsInTheSourceLine() {
    SqlSyntaxException error = parseFails("\tSELECT\ta, FROM t");

    assertEquals(12, error.column());
    assertEquals(
        "  \tSELECT\ta, FROM t\n  \t      \t   ^",
        error.formatted().substring(error.getMessage().length() + 1));
  }

  @Test
  void unexpectedCharacterInABodyIsNamed() {
    SqlSyntaxException error = parseFails("SELECT a FROM t WHERE x # 1");

    assertEquals("Unexpected '#' at line 1, column 25", error.getMessage());
  }

  @Test
  void syntaxErrorsPrintNothing() {
    PrintStream standardError = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      parseFails("CREATE TABLE (");
      parseFails("SELECT FROM WHERE");
    } finally {
      System.setErr(standardError);
    }

    assertEquals("", printed.toString(StandardCharsets.UTF_8));
  }

  private static SqlSyntaxException parseFails(String script) {
    return assertThrows(SqlSyntaxException.class, () -> StatementParser.parseScript(script));
  }
}
