package dev.sluice.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.sql.ast.ColumnDefinition;
import dev.sluice.sql.ast.CreateFunction;
import dev.sluice.sql.ast.CreateTable;
import dev.sluice.sql.ast.CreateView;
import dev.sluice.sql.ast.Describe;
import dev.sluice.sql.ast.DropObject;
import dev.sluice.sql.ast.Explain;
import dev.sluice.sql.ast.Insert;
import dev.sluice.sql.ast.ObjectKind;
import dev.sluice.sql.ast.Query;
import dev.sluice.sql.ast.ResetOption;
import dev.sluice.sql.ast.SetOption;
import dev.sluice.sql.ast.Show;
import dev.sluice.sql.ast.ShowKind;
import dev.sluice.sql.ast.SourcePosition;
import dev.sluice.sql.ast.Statement;
import dev.sluice.sql.ast.StopQuery;
import java.util.List;
import org.apache.calcite.sql.SqlKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatementKindsParsingTest {

  @Test
  void createViewKeepsNameColumnsAndQuery() {
    CreateView view =
        parse(CreateView.class, "CREATE VIEW IF NOT EXISTS v (a, `b b`) AS SELECT x, y FROM t");

    assertEquals("v", view.name());
    assertTrue(view.ifNotExists());
    assertEquals(List.of("a", "b b"), view.columnNames());
    assertEquals("SELECT x, y FROM t", view.query().sql());
    assertEquals(new SourcePosition(1, 43), view.query().position());
    assertEquals(SqlKind.SELECT, view.query().node().getKind());
  }

  @Test
  void temporaryViewIsAnOrdinaryView() {
    CreateView view = parse(CreateView.class, "CREATE TEMPORARY VIEW v AS VALUES (1), (2)");

    assertEquals("v", view.name());
    assertFalse(view.ifNotExists());
    assertEquals(List.of(), view.columnNames());
    assertEquals(SqlKind.VALUES, view.query().node().getKind());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          DROP TABLE t                          | TABLE | t    | false
          DROP TABLE IF EXISTS db.t             | TABLE | db.t | true
          drop temporary table t                | TABLE | t    | false
          DROP VIEW v                           | VIEW  | v    | false
          DROP TEMPORARY VIEW IF EXISTS `v`     | VIEW  | v    | true
          """)
  void dropNamesKindObjectAndIfExists(String sql, ObjectKind kind, String name, boolean ifExists) {
    DropObject drop = parse(DropObject.class, sql);

    assertEquals(kind, drop.kind());
    assertEquals(name, drop.name());
    assertEquals(ifExists, drop.ifExists());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          CREATE FUNCTION count_char AS 'com.github.nexmark.flink.udf.CountChar'          | count_char | false
          create temporary function IF NOT EXISTS f AS 'a.B' LANGUAGE JAVA                | f          | true
          CREATE TEMPORARY SYSTEM FUNCTION `my f` AS 'a.B' language scala                 | my f       | false
          CREATE FUNCTION function AS 'a.B'                                               | function   | false
          """)
  void createFunctionNamesAFunctionAndItsClass(String sql, String name, boolean ifNotExists) {
    CreateFunction function = parse(CreateFunction.class, sql);

    assertEquals(name, function.name());
    assertEquals(ifNotExists, function.ifNotExists());
    assertEquals(sql, function.text());
  }

  @Test
  void createFunctionKeepsTheClassNameAndWhereItIs() {
    CreateFunction function =
        parse(CreateFunction.class, "CREATE FUNCTION f\n  AS 'it''s.a.Class'");

    assertEquals("it's.a.Class", function.className());
    assertEquals(new SourcePosition(2, 6), function.classNamePosition());
    assertEquals(new SourcePosition(1, 1), function.position());
  }

  @Test
  void aFunctionInALanguageThatDoesNotRunOnTheJvmIsRefusedWhereTheLanguageIsNamed() {
    SqlSyntaxException error =
        assertThrows(
            SqlSyntaxException.class,
            () -> StatementParser.parseStatement("CREATE FUNCTION f AS 'a.B' LANGUAGE PYTHON"));

    assertEquals(
        "Unsupported function language 'PYTHON' at line 1, column 37: Sluice runs function classes"
            + " on the JVM; write LANGUAGE JAVA (or SCALA), or leave the clause out",
        error.getMessage());
  }

  @Test
  void aFunctionsClassIsAStringAsFlinkWritesIt() {
    SqlSyntaxException error =
        assertThrows(
            SqlSyntaxException.class,
            () -> StatementParser.parseStatement("CREATE FUNCTION f AS a.B"));

    assertEquals("Unexpected 'a' at line 1, column 22: expected a string literal", error.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          DROP FUNCTION f                               | f    | false
          drop temporary function if exists F           | F    | true
          DROP TEMPORARY SYSTEM FUNCTION `count char`   | count char | false
          """)
  void dropFunctionNamesTheFunction(String sql, String name, boolean ifExists) {
    DropObject drop = parse(DropObject.class, sql);

    assertEquals(ObjectKind.FUNCTION, drop.kind());
    assertEquals(name, drop.name());
    assertEquals(ifExists, drop.ifExists());
  }

  @Test
  void theFunctionKeywordsStillNameTablesAndColumns() {
    CreateTable table =
        parse(CreateTable.class, "CREATE TABLE function (language INT, system INT, user INT)");

    assertEquals("function", table.name());
    assertEquals(
        List.of("language", "system", "user"),
        table.columns().stream().map(ColumnDefinition::name).toList());
    assertEquals("user", parse(DropObject.class, "DROP VIEW user").name());
  }

  @Test
  void insertWithColumnListSeparatesColumnsFromQuery() {
    Insert insert = parse(Insert.class, "INSERT INTO sink (a, b) SELECT a, b FROM src");

    assertEquals("sink", insert.table());
    assertEquals(List.of("a", "b"), insert.columns());
    assertEquals("SELECT a, b FROM src", insert.query().sql());
    assertEquals(new SourcePosition(1, 25), insert.query().position());
  }

  @Test
  void insertOfParenthesizedQueryHasNoColumnList() {
    Insert insert = parse(Insert.class, "INSERT INTO sink (SELECT * FROM src)");

    assertEquals(List.of(), insert.columns());
    assertEquals("(SELECT * FROM src)", insert.query().sql());
    assertEquals(SqlKind.SELECT, insert.query().node().getKind());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT * FROM t",
        "select a from t where b = 1",
        "WITH w AS (SELECT 1 AS x) SELECT x FROM w",
        "VALUES (1, 'a'), (2, 'b')",
        "(SELECT a FROM t) UNION ALL (SELECT a FROM u)",
        "((SELECT 1))",
        "SELECT a FROM t ORDER BY a LIMIT 10"
      })
  void queriesStartWithSelectWithValuesOrAParenthesis(String sql) {
    Query query = parse(Query.class, sql);

    assertEquals(sql, query.query().sql());
    assertEquals(sql, query.text());
    assertTrue(query.query().node().getKind().belongsTo(SqlKind.QUERY));
  }

  @Test
  void queryBodyMayHoldAnySqlToken() {
    String sql =
        "SELECT {fn UCASE(a)} || 'x', a <> b, a >= b, t.* FROM t WHERE c = ? AND d[1] = 2 AND"
            + " e IN (1, 2)";

    assertEquals(sql, parse(Query.class, sql).query().sql());
  }

  @Test
  void setWithKeyAndValueSetsOneOption() {
    SetOption set = parse(SetOption.class, "SET 'output.mode' = 'it''s update'");

    assertEquals("output.mode", set.key());
    assertEquals("it's update", set.value());
    assertFalse(set.listsAll());
  }

  @Test
  void bareSetListsAllOptions() {
    SetOption set = parse(SetOption.class, "set");

    assertNull(set.key());
    assertNull(set.value());
    assertTrue(set.listsAll());
  }

  @Test
  void resetWithKeyResetsOneOptionAndBareResetAll() {
    assertEquals("a.b", parse(ResetOption.class, "RESET 'a.b'").key());
    ResetOption all = parse(ResetOption.class, "RESET");
    assertNull(all.key());
    assertTrue(all.resetsAll());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "SHOW TABLES, TABLES",
    "show views, VIEWS",
    "Show Queries, QUERIES",
    "SHOW FUNCTIONS, FUNCTIONS",
    "show user functions, USER_FUNCTIONS"
  })
  void showListsItsKind(String sql, ShowKind kind) {
    assertEquals(kind, parse(Show.class, sql).kind());
  }

  @ParameterizedTest
  @ValueSource(strings = {"DESCRIBE db.t", "DESC db.t", "describe `db`.`t`"})
  void describeAndDescNameATable(String sql) {
    assertEquals("db.t", parse(Describe.class, sql).name());
  }

  @Test
  void explainWrapsAQueryWithItsOwnPositionAndText() {
    Explain explain = parse(Explain.class, "EXPLAIN SELECT a FROM t");

    Query target = assertInstanceOf(Query.class, explain.target());
    assertEquals("SELECT a FROM t", target.text());
    assertEquals(new SourcePosition(1, 9), target.position());
    assertEquals("EXPLAIN SELECT a FROM t", explain.text());
  }

  @Test
  void explainPlanForWrapsAnInsert() {
    Explain explain = parse(Explain.class, "EXPLAIN PLAN FOR INSERT INTO s SELECT a FROM t");

    Insert target = assertInstanceOf(Insert.class, explain.target());
    assertEquals("s", target.table());
    assertEquals("INSERT INTO s SELECT a FROM t", target.text());
    assertEquals(new SourcePosition(1, 18), target.position());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          STOP QUERY q1            | q1
          STOP QUERY `my query`    | my query
          STOP QUERY 42            | 42
          stop query 'a-b-c'       | a-b-c
          """)
  void stopQueryTakesAnIdentifierNumberOrString(String sql, String id) {
    assertEquals(id, parse(StopQuery.class, sql).queryId());
  }

  @Test
  void statementTextIsTrimmedAndWithoutSemicolon() {
    Statement statement = StatementParser.parseStatement("  \n  SHOW   TABLES  ; -- done\n");

    assertEquals("SHOW   TABLES", statement.text());
    assertEquals(new SourcePosition(2, 3), statement.position());
  }

  private static <T extends Statement> T parse(Class<T> kind, String sql) {
    return assertInstanceOf(kind, StatementParser.parseStatement(sql));
  }
}
