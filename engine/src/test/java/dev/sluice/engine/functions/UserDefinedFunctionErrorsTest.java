package dev.sluice.engine.functions;

import static dev.sluice.engine.functions.UserDefinedFunctionTest.COUNT_CHAR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.SluiceException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What CREATE FUNCTION, DROP FUNCTION and calls refuse, where, and that a refusal changes nothing. */
class UserDefinedFunctionErrorsTest {
  private static final String FUNCTIONS = TestFunctions.class.getName();

  private SluiceEngine engine;

  @BeforeEach
  void openEngine() {
    engine = SluiceEngine.open();
    engine.execute("CREATE TABLE words (word VARCHAR, n BIGINT) WITH ('connector' = 'memory')");
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  private SluiceException refused(String sql) {
    return assertThrows(SluiceException.class, () -> engine.execute(sql));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          com.example.Missing        | class 'com.example.Missing' was not found. Put the jar or directory that holds it on the class path of the application running Sluice, and name the class in full, with its package.
          ' '                        | the class name is empty. Name the function's class in full, e.g. 'com.example.MyFunction'.
          $NoEval                    | class '$NoEval' has no public method named 'eval'. A function class declares one or more, such as: public long eval(String text).
          $PrivateEval               | class '$PrivateEval' has no public method named 'eval' (its eval methods are not public). A function class declares one or more, such as: public long eval(String text).
          $NoDefaultConstructor      | class '$NoDefaultConstructor' has no public constructor without arguments. Its eval methods are not static, so Sluice creates an instance of the class with that constructor: add one, or make the eval methods static.
          $NotPublic                 | class '$NotPublic' is not public; the query's compiled code calls it from another package, so make it public.
          $VoidEval                  | its method VoidEval.eval(String) returns void; an eval method returns the function's value.
          $FailingConstructor        | creating an instance of class '$FailingConstructor' failed: java.lang.IllegalStateException: no licence key configured
          $InheritedEval             | its method Doubler.eval(long) is inherited from '$Doubler'; declare the eval methods in '$InheritedEval' itself (an override may call super.eval).
          $AbstractFunction          | class '$AbstractFunction' is abstract; name a concrete class, or make its eval methods static.
          java.lang.Runnable         | class 'java.lang.Runnable' is not a class; name a public class with public eval methods.
          """)
  void aClassThatCannotBeAFunctionIsRefusedAtItsName(String className, String reason) {
    String name = className.replace("$", FUNCTIONS + "$").strip();
    SluiceException error = refused("CREATE FUNCTION f\n    AS '" + name + "'");

    assertEquals("Cannot create function 'f': " + reason.replace("$", FUNCTIONS + "$"), error.getMessage());
    assertEquals(2, error.line());
    assertEquals(8, error.column(), "at the class name");
  }

  @Test
  void aRefusedCreateFunctionLeavesTheCatalogAndRunningQueriesAsTheyWere() {
    engine.execute("CREATE FUNCTION count_char AS '" + COUNT_CHAR + "'");
    UserDefinedFunctionTest.Rows rows = new UserDefinedFunctionTest.Rows(engine, "SELECT count_char(word, 'e') AS es FROM words");
    for (String bad : List.of("com.example.Missing", FUNCTIONS + "$FailingConstructor", FUNCTIONS + "$NoEval")) {
      refused("CREATE FUNCTION g AS '" + bad + "'");
    }
    refused("CREATE FUNCTION count_char AS '" + FUNCTIONS + "$Shout'");

    assertEquals(List.of(List.of("count_char", COUNT_CHAR)), engine.execute("SHOW USER FUNCTIONS").rows());
    assertEquals(List.of(List.of(3L)), rows.after(engine, new Object[] {"eerie", 1L}));
    assertTrue(rows.query.isActive());
    assertNull(rows.query.exception());
  }

  @Test
  void aNameTakenIsRefusedUnlessIfNotExistsWhichKeepsTheFirstClass() {
    engine.execute("CREATE FUNCTION count_char AS '" + COUNT_CHAR + "'");

    SluiceException error = refused("\n   CREATE FUNCTION COUNT_CHAR AS '" + FUNCTIONS + "$Shout'");
    assertEquals("A function named 'count_char' already exists (class '" + COUNT_CHAR + "'). Drop it first, or use CREATE FUNCTION IF "
        + "NOT EXISTS.", error.getMessage());
    assertEquals(2, error.line());
    assertEquals(4, error.column(), "at the statement");

    assertEquals("Function 'count_char' already exists (class '" + COUNT_CHAR + "')",
        engine.execute("CREATE FUNCTION IF NOT EXISTS Count_Char AS '" + FUNCTIONS + "$Shout'").message());
    assertEquals(List.of(List.of("count_char", COUNT_CHAR)), engine.execute("SHOW USER FUNCTIONS").rows());
  }

  @Test
  void aBuiltInFunctionsNameIsTaken() {
    SluiceException error = refused("CREATE FUNCTION upper AS '" + COUNT_CHAR + "'");
    assertEquals("Cannot create function 'upper': a built-in function has that name. Give the function another name; SHOW FUNCTIONS "
        + "lists the names taken.", error.getMessage());
    assertEquals(1, error.column());
  }

  @Test
  void droppingAFunctionThatIsNotThereIsRefusedUnlessIfExists() {
    engine.execute("CREATE FUNCTION count_char AS '" + COUNT_CHAR + "'");

    SluiceException error = refused("DROP FUNCTION count_chars");
    assertEquals("There is no function named 'count_chars'. Did you mean 'count_char'? SHOW USER FUNCTIONS lists the functions there "
        + "are.", error.getMessage());
    assertEquals(1, error.line());
    assertEquals(1, error.column());
    assertEquals("Function 'nothing' did not exist", engine.execute("DROP TEMPORARY FUNCTION IF EXISTS nothing").message());

    SluiceException builtIn = refused("DROP FUNCTION upper");
    assertEquals("'upper' is a built-in function, which cannot be dropped; DROP FUNCTION drops functions declared with CREATE FUNCTION",
        builtIn.getMessage());
  }

  @Test
  void aCallWithArgumentsNoEvalMethodTakesIsRefusedByTheValidatorAtTheCall() {
    engine.execute("CREATE FUNCTION count_char AS '" + COUNT_CHAR + "'");

    SluiceException types = refused("SELECT word,\n  count_char(n, 'c') AS cs FROM words");
    assertEquals("No match found for function signature count_char(<NUMERIC>, <CHARACTER>). count_char is class '" + COUNT_CHAR
        + "', whose eval method takes (String, String).", types.getMessage());
    assertEquals(2, types.line());
    assertEquals(3, types.column());

    SluiceException count = refused("SELECT count_char(word) FROM words");
    assertTrue(count.getMessage().startsWith("No match found for function signature count_char(<CHARACTER>)."), count.getMessage());
    assertEquals(8, count.column());
  }

  @Test
  void aComputedColumnCannotCallAUserDefinedFunction() {
    engine.execute("CREATE FUNCTION count_char AS '" + COUNT_CHAR + "'");
    SluiceException error = refused("CREATE TABLE t (word VARCHAR, cs AS count_char(word, 'c')) WITH ('connector' = 'memory')");
    assertTrue(error.getMessage().endsWith("User-defined functions cannot be called in a computed column or a watermark; call count_char "
        + "in a view or a query instead."), error.getMessage());
  }

  @Test
  void aFunctionInANonJvmLanguageIsASyntaxError() {
    SluiceException error = refused("CREATE FUNCTION f AS 'a.B' LANGUAGE PYTHON");
    assertEquals(37, error.column());
    assertTrue(error.getMessage().startsWith("Unsupported function language 'PYTHON'"), error.getMessage());
  }
}
