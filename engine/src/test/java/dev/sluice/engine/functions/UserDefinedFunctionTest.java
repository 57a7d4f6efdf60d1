package dev.sluice.engine.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.ResultRow;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.runtime.exec.Trigger;
import dev.sluice.runtime.type.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** User-defined scalar functions through SQL: declared, called in continuous queries, listed, dropped. */
class UserDefinedFunctionTest {
  static final String COUNT_CHAR = "com.github.nexmark.flink.udf.CountChar";

  private SluiceEngine engine;

  @BeforeEach
  void openEngine() {
    engine = SluiceEngine.open();
    engine.execute("CREATE TABLE words (word VARCHAR, n BIGINT, m BIGINT NOT NULL) WITH ('connector' = 'memory')");
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  /** A query's rows, as lists of values, in arrival order. */
  static final class Rows {
    final StreamingQuery query;
    final List<List<Object>> values = new CopyOnWriteArrayList<>();

    Rows(SluiceEngine engine, String sql) {
      query = engine.query(sql).trigger(new Trigger.Manual()).onBatch((batch, rows) -> {
        for (ResultRow row : rows) values.add(Arrays.asList(row.values()));
      }).start();
    }

    List<List<Object>> after(SluiceEngine engine, Object[]... words) {
      int before = values.size();
      engine.memoryTables().append("words", List.of(words));
      query.processAllAvailable();
      return new ArrayList<>(values.subList(before, values.size()));
    }
  }

  private static Object[] word(String word, Long n, long m) {
    return new Object[] {word, n, m};
  }

  @Test
  void aDeclaredFunctionRunsInAContinuousQueryWhateverTheCaseOfItsName() {
    String created = engine.execute("CREATE FUNCTION count_char AS '" + COUNT_CHAR + "'").message();
    assertEquals("Function 'count_char' created (class '" + COUNT_CHAR + "')", created);

    Rows rows = new Rows(engine, "SELECT word, COUNT_CHAR(word, 'c') AS cs FROM words WHERE Count_Char(word, 'c') > 0");
    assertEquals(TypeKind.BIGINT, rows.query.schema().fields().get(1).type().kind(), "eval returns long: BIGINT");

    assertEquals(List.of(List.of("cocoa", 2L), List.of("circus", 2L)),
        rows.after(engine, word("cocoa", 1L, 1), word("dog", 2L, 2), word("circus", 3L, 3), word(null, 4L, 4)));
    assertEquals(List.of(List.of("cc", 2L)), rows.after(engine, word("cc", 5L, 5)), "and it keeps running");
  }

  @Test
  void anOverloadIsChosenByTheTypesAndNumberOfTheArguments() {
    engine.execute("CREATE FUNCTION describe_it AS '" + TestFunctions.Describe.class.getName() + "'");
    Rows rows = new Rows(engine,
        "SELECT describe_it(n) AS a, describe_it(word) AS b, describe_it(word, 2) AS c, describe_it(m > 1) AS d, describe_it() AS e FROM words");

    assertEquals(List.of(List.of("number 7", "text ab", "abab", "flag true", "nothing"),
            Arrays.asList("no number", "text null", null, "flag false", "nothing")),
        rows.after(engine, word("ab", 7L, 7), word(null, null, 1)),
        "NULL reaches an object parameter (Long, String) as null; eval decides what it means");
  }

  @Test
  void anArgumentForAPrimitiveParameterMustNeverBeNullAsInFlink() {
    engine.execute("CREATE FUNCTION doubler AS '" + TestFunctions.Doubler.class.getName() + "'");

    SluiceException error = assertThrows(SluiceException.class, () -> engine.execute("SELECT word,\n  doubler(n) AS d FROM words"));
    assertEquals(2, error.line());
    assertEquals(11, error.column(), "at the argument");
    assertEquals("Argument 1 of doubler may be NULL, but Doubler.eval(long) takes it as a primitive long, which cannot hold NULL. Pass a "
        + "value that is never NULL (wrap the argument in COALESCE, say), or declare the parameter as Long to receive NULLs.",
        error.getMessage());

    Rows rows = new Rows(engine, "SELECT doubler(m) AS a, doubler(COALESCE(n, 0)) AS b FROM words");
    assertEquals(List.of(List.of(6L, 0L)), rows.after(engine, word("x", null, 3)));
  }

  @Test
  void aClassWithStaticEvalMethodsOnlyNeedsNoConstructor() {
    engine.execute("CREATE FUNCTION shout AS '" + TestFunctions.Shout.class.getName() + "'");
    Rows rows = new Rows(engine, "SELECT shout(word) AS s FROM words");
    assertEquals(List.of(List.of("HEY!"), Arrays.asList((Object) null)), rows.after(engine, word("hey", 1L, 1), word(null, 1L, 1)));
  }

  @Test
  void aViewMayCallAFunction() {
    engine.execute("CREATE FUNCTION count_char AS '" + COUNT_CHAR + "'");
    engine.execute("CREATE VIEW vowels AS SELECT word, count_char(word, 'o') AS os FROM words");
    Rows rows = new Rows(engine, "SELECT word FROM vowels WHERE os >= 2");
    assertEquals(List.of(List.of("mongoose")), rows.after(engine, word("mongoose", 1L, 1), word("cat", 2L, 2)));
  }

  @Test
  void showFunctionsListsTheDeclaredOnesFirstThenTheBuiltInOnes() {
    engine.execute("CREATE TEMPORARY FUNCTION count_char AS '" + COUNT_CHAR + "' LANGUAGE JAVA");
    engine.execute("CREATE TEMPORARY SYSTEM FUNCTION shout AS '" + TestFunctions.Shout.class.getName() + "'");

    var all = engine.execute("SHOW FUNCTIONS");
    assertEquals(List.of("function", "kind", "class"), all.columns());
    assertEquals(List.of(List.of("count_char", "user", COUNT_CHAR), List.of("shout", "user", TestFunctions.Shout.class.getName())),
        all.rows().subList(0, 2));
    assertTrue(all.rows().contains(List.of("UPPER", "built-in", "")), "built-in functions follow");

    var user = engine.execute("SHOW USER FUNCTIONS");
    assertEquals(List.of("function", "class"), user.columns());
    assertEquals(List.of(List.of("count_char", COUNT_CHAR), List.of("shout", TestFunctions.Shout.class.getName())), user.rows());
    assertEquals(2, engine.functions().size());
  }

  @Test
  void aRunningQueryKeepsItsFunctionAfterDropFunctionWhileNewQueriesCannotCallIt() {
    engine.execute("CREATE FUNCTION count_char AS '" + COUNT_CHAR + "'");
    Rows rows = new Rows(engine, "SELECT word, count_char(word, 'a') AS a FROM words");
    assertEquals(List.of(List.of("banana", 3L)), rows.after(engine, word("banana", 1L, 1)));

    assertEquals("Function 'COUNT_CHAR' dropped", engine.execute("DROP FUNCTION COUNT_CHAR").message());
    assertEquals(List.of(List.of("papaya", 3L)), rows.after(engine, word("papaya", 2L, 2)), "compiled already, it runs on");
    assertTrue(rows.query.isActive());
    assertNull(rows.query.exception());

    SluiceException gone = assertThrows(SluiceException.class, () -> engine.execute("SELECT count_char(word, 'a') FROM words"));
    assertEquals("No match found for function signature count_char(<CHARACTER>, <CHARACTER>). There is no function named 'count_char'. "
        + "A user-defined function is declared first, with CREATE FUNCTION count_char AS 'com.example.ItsClass'.", gone.getMessage());
    assertEquals(List.of(), engine.execute("SHOW USER FUNCTIONS").rows());
  }

  @Test
  void aFunctionDeclaredAgainWithAnotherClassServesNewQueries() {
    engine.execute("CREATE FUNCTION f AS '" + COUNT_CHAR + "'");
    Rows counting = new Rows(engine, "SELECT f(word, 'o') AS r FROM words");
    engine.execute("DROP FUNCTION f");
    engine.execute("CREATE FUNCTION f AS '" + TestFunctions.Describe.class.getName() + "'");
    Rows describing = new Rows(engine, "SELECT f(word, 2) AS r FROM words");

    engine.memoryTables().append("words", List.<Object[]>of(word("zoo", 1L, 1)));
    counting.query.processAllAvailable();
    describing.query.processAllAvailable();
    assertEquals(List.of(List.of(2L)), counting.values);
    assertEquals(List.of(List.of("zoozoo")), describing.values);
  }
}
