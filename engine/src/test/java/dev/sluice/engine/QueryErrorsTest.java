package dev.sluice.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.exec.Trigger;
import dev.sluice.runtime.spi.OutputMode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input is refused with a message that says what is wrong, where, and what to do, never with a
 * stack trace; and the engine that refused it goes on working.
 */
class QueryErrorsTest {
  private SluiceEngine engine;

  @BeforeEach
  void openEngine() {
    engine = SluiceEngine.open();
    engine.execute("CREATE TABLE orders (customer VARCHAR, amount BIGINT, region VARCHAR) WITH ('connector' = 'memory')");
  }

  @AfterEach
  void closeEngineAfterCheckingItStillWorks() {
    // After whatever the test refused, the same engine still runs a good query.
    List<ResultRow> delivered = new CopyOnWriteArrayList<>();
    StreamingQuery query = engine.query("SELECT customer, SUM(amount) AS total FROM orders GROUP BY customer")
        .outputMode(OutputMode.COMPLETE).trigger(new Trigger.Manual()).onBatch((id, rows) -> {
          delivered.clear();
          delivered.addAll(rows);
        }).start();
    engine.memoryTables().append("orders", List.<Object[]>of(new Object[] {"ann", 5L, "eu"}));
    query.processAllAvailable();
    assertFalse(delivered.isEmpty(), "the engine still runs queries after the error");
    engine.close();
  }

  private SluiceException refusal(String sql) {
    return assertThrows(SluiceException.class, () -> {
      StatementResult result = engine.execute(sql);
      if (result.query() != null) result.query().stop();
    }, "should be refused: " + sql);
  }

  private static void assertNoStackTrace(SluiceException e) {
    String text = e.formatted();
    assertFalse(text.contains("\tat ") || text.matches("(?s).*\\bat [a-z]+\\.[a-z]+\\..*\\(.*\\.java:\\d+\\).*"), "no stack trace:\n" + text);
    assertFalse(text.contains("Exception"), "no exception class names:\n" + text);
  }

  @Test
  void aSyntaxErrorPointsAtItsLineAndColumnWithACaret() {
    SluiceException e = refusal("SELECT customer,\n  FROM orders");
    assertEquals(2, e.line());
    assertEquals(3, e.column());
    assertTrue(e.getMessage().contains("FROM"), e.getMessage());
    String[] lines = e.formatted().split("\n");
    assertTrue(lines[0].startsWith("Error at line 2, column 3"), e.formatted());
    assertEquals("    FROM orders", lines[1], "the offending line, indented by two");
    assertEquals(lines[1].indexOf("FROM"), lines[2].indexOf('^'), "the caret sits under the offending token:\n" + e.formatted());
    assertEquals("^", lines[2].strip());
    assertNoStackTrace(e);
  }

  @Test
  void anErrorFarAlongALongLineShowsThePartOfTheLineAroundItWithTheCaretUnderIt() {
    // 1,000 UNION ALL branches on one line: 'too deeply nested' at column 13,001 printed 26,000 characters.
    String sql = String.join(" UNION ALL ", java.util.Collections.nCopies(1_000, "SELECT customer FROM orders"));
    SluiceException e = refusal(sql);
    String[] lines = e.formatted().split("\n");
    assertTrue(lines[0].contains("too deeply nested"), e.formatted());
    assertTrue(lines[1].length() <= 110 && lines[2].length() <= 110, "an excerpt, not the whole line:\n" + e.formatted());
    assertTrue(lines[1].startsWith("  ...") && lines[1].endsWith("..."), e.formatted());
    int caret = lines[2].indexOf('^');
    assertEquals(sql.substring(e.column() - 1, e.column() + 5), lines[1].substring(caret, caret + 6),
        "the caret sits under column " + e.column() + ":\n" + e.formatted());
    assertNoStackTrace(e);
  }

  @Test
  void aMisspeltKeywordIsASyntaxErrorThatListsWhatCouldComeThere() {
    SluiceException e = refusal("SELEC customer FROM orders");
    assertEquals(1, e.line());
    assertEquals(1, e.column());
    assertTrue(e.getMessage().contains("SELECT"), e.getMessage());
    assertNoStackTrace(e);
  }

  @Test
  void anUnknownTableIsNamedWithTheNearestExistingOne() {
    SluiceException e = refusal("SELECT customer FROM ordres");
    assertTrue(e.getMessage().contains("'ordres'"), e.getMessage());
    assertTrue(e.getMessage().contains("Did you mean 'orders'"), e.getMessage());
    assertEquals(1, e.line());
    assertEquals(22, e.column());
    assertNoStackTrace(e);
  }

  @Test
  void anUnknownTableFarFromAnyNameSaysToDeclareIt() {
    SluiceException e = refusal("SELECT x FROM completely_unknown");
    assertTrue(e.getMessage().contains("CREATE TABLE"), e.getMessage());
  }

  @Test
  void anUnknownColumnIsNamedWithTheNearestExistingOne() {
    SluiceException e = refusal("SELECT customer, amout FROM orders");
    assertTrue(e.getMessage().contains("'amout'"), e.getMessage());
    assertTrue(e.getMessage().contains("Did you mean 'amount'"), e.getMessage());
    assertEquals(1, e.line());
    assertEquals(18, e.column());
    assertTrue(e.formatted().endsWith("\n  " + " ".repeat(17) + "^"), e.formatted());
    assertNoStackTrace(e);
  }

  /**
   * Reported bug: Calcite's implicit type coercion is on, so {@code SUM(customer)} is accepted
   * (the VARCHAR is cast to a number) and the query fails at run time on the first non-numeric
   * string with a NumberFormatException.
   */
  @Test
  void anAggregateOfAStringIsATypeError() {
    SluiceException e = assertThrows(SluiceException.class, () -> engine.query("SELECT SUM(customer) FROM orders")
        .outputMode(OutputMode.UPDATE).trigger(new Trigger.Manual()).onBatch((id, rows) -> {}).start(),
        "SUM of a VARCHAR column is refused when the query starts");
    assertTrue(e.getMessage().contains("SUM") && e.getMessage().contains("VARCHAR"), e.getMessage());
    assertNoStackTrace(e);
  }

  /**
   * Reported bug: as for SUM, {@code customer + 1} is accepted by implicit coercion; the query
   * starts and then dies with "For input string" when 'ann' arrives.
   */
  @Test
  void arithmeticOnAStringIsATypeError() {
    SluiceException e = assertThrows(SluiceException.class, () -> engine.query("SELECT customer FROM orders WHERE customer + 1 > 0")
        .trigger(new Trigger.Manual()).onBatch((id, rows) -> {}).start(),
        "VARCHAR + INTEGER is refused when the query starts, not when the first non-numeric string arrives");
    assertTrue(e.getMessage().contains("VARCHAR"), e.getMessage());
    assertNoStackTrace(e);
  }

  @Test
  void aBooleanConditionThatIsNotBooleanIsATypeError() {
    SluiceException e = refusal("SELECT customer FROM orders WHERE amount");
    assertTrue(e.getMessage().contains("WHERE") && e.getMessage().contains("condition"), e.getMessage());
    assertNoStackTrace(e);
  }

  @Test
  void offsetIsRefusedAsUnsupported() {
    SluiceException e = refusal("SELECT customer, COUNT(*) AS n FROM orders GROUP BY customer ORDER BY n LIMIT 2 OFFSET 1");
    assertTrue(e.getMessage().contains("OFFSET") && e.getMessage().contains("not supported"), e.getMessage());
    assertNoStackTrace(e);
  }

  @Test
  void groupingSetsAreRefusedAsUnsupported() {
    SluiceException e = refusal("SELECT customer, region, COUNT(*) FROM orders GROUP BY ROLLUP(customer, region)");
    assertTrue(e.getMessage().contains("ROLLUP") && e.getMessage().contains("not supported"), e.getMessage());
    assertNoStackTrace(e);
  }

  @Test
  void limitWithoutOrderByIsRefusedAsUnsupported() {
    SluiceException e = refusal("SELECT customer FROM orders LIMIT 3");
    assertTrue(e.getMessage().contains("LIMIT") && e.getMessage().contains("not supported"), e.getMessage());
  }

  @Test
  void aQueryWithoutATableIsRefused() {
    SluiceException e = refusal("SELECT 1");
    assertTrue(e.getMessage().contains("must read a table"), e.getMessage());
  }

  @Test
  void anOuterJoinOfStreamsWithoutWatermarksIsRefusedWithTheFix() {
    engine.execute("CREATE TABLE customers (name VARCHAR, tier INT) WITH ('connector' = 'memory')");
    SluiceException e = refusal("SELECT o.customer, c.tier FROM orders o LEFT JOIN customers c ON o.customer = c.name");
    assertTrue(e.getMessage().contains("watermark"), e.getMessage());
    assertTrue(e.getMessage().contains("inner join"), e.getMessage());
    assertNoStackTrace(e);
  }

  /** Only ROW_NUMBER() = 1 (deduplication) is a supported OVER window; anything else is refused by name. */
  @Test
  void aWindowFunctionOtherThanDeduplicationIsRefusedAsUnsupported() {
    for (String sql : List.of("SELECT customer, ROW_NUMBER() OVER (PARTITION BY region ORDER BY amount) AS rn FROM orders",
        "SELECT customer, SUM(amount) OVER (PARTITION BY region) AS regional FROM orders")) {
      SluiceException e = refusal(sql);
      assertTrue(e.getMessage().contains("supported") && e.getMessage().contains("ROW_NUMBER"),
          "names what is supported instead: " + e.getMessage());
      assertNoStackTrace(e);
    }
  }

  @Test
  void appendModeForAnAggregationWithoutEventTimeIsRefusedNamingModeReasonAndFix() {
    SluiceException e = assertThrows(SluiceException.class, () -> engine.query("SELECT customer, COUNT(*) AS n FROM orders GROUP BY customer")
        .outputMode(OutputMode.APPEND).trigger(new Trigger.Manual()).onBatch((id, rows) -> {}).start());
    String message = e.getMessage();
    assertTrue(message.contains("Append output mode"), "names the mode: " + message);
    assertTrue(message.contains("no event-time window"), "names the reason: " + message);
    assertTrue(message.contains("WATERMARK") && message.contains("update or complete output mode"), "names the fix: " + message);
    assertNoStackTrace(e);
  }

  @Test
  void appendModeSetBySqlIsRefusedTheSameWayWithThePosition() {
    engine.execute("SET 'output.mode' = 'append'");
    SluiceException e = refusal("SELECT customer, COUNT(*) AS n FROM orders GROUP BY customer");
    assertTrue(e.getMessage().contains("Append output mode"), e.getMessage());
    assertEquals(1, e.line());
    engine.execute("RESET 'output.mode'");
  }

  @Test
  void aLegacySessionOverANonTimestampColumnIsRefusedNamingTheCallAndTheType() {
    engine.execute("CREATE TABLE visits (who VARCHAR, visited DATE, n BIGINT, ts TIMESTAMP(3)) WITH ('connector' = 'memory')");
    SluiceException date = refusal("SELECT who, COUNT(*) FROM visits GROUP BY who, SESSION(visited, INTERVAL '1' DAY)");
    assertTrue(date.getMessage().contains("GROUP BY SESSION(visited, ") && date.getMessage().contains("TIMESTAMP")
        && date.getMessage().contains("DATE"), date.getMessage());
    assertEquals(1, date.line());
    assertNoStackTrace(date);
    SluiceException number = refusal("SELECT who, COUNT(*) FROM visits\nGROUP BY who, SESSION(n, INTERVAL '1' SECOND)");
    assertTrue(number.getMessage().contains("'SESSION(<BIGINT>, <INTERVAL SECOND>)'"), number.getMessage());
    assertEquals(2, number.line());
    assertEquals(15, number.column());
    assertNoStackTrace(number);
    SluiceException expression = refusal("SELECT COUNT(*) FROM visits GROUP BY SESSION(ts + INTERVAL '1' HOUR, INTERVAL '1' SECOND)");
    assertTrue(expression.getMessage().contains("must be a column"), expression.getMessage());
  }

  @Test
  void sessionEndWithoutGroupBySessionIsRefusedWhereItIsCalled() {
    engine.execute("CREATE TABLE visits (who VARCHAR, ts TIMESTAMP(3)) WITH ('connector' = 'memory')");
    SluiceException e = refusal("SELECT who, SESSION_END(ts, INTERVAL '1' MINUTE) FROM visits GROUP BY who");
    assertTrue(e.getMessage().contains("'SESSION_END'") && e.getMessage().contains("GROUP BY"), e.getMessage());
    assertEquals(1, e.line());
    assertEquals(13, e.column());
    assertNoStackTrace(e);
  }

  @Test
  void completeModeWithoutAnAggregationIsRefusedWithTheFix() {
    SluiceException e = assertThrows(SluiceException.class, () -> engine.query("SELECT customer FROM orders")
        .outputMode(OutputMode.COMPLETE).trigger(new Trigger.Manual()).onBatch((id, rows) -> {}).start());
    assertTrue(e.getMessage().contains("Complete output mode") && e.getMessage().contains("append or update"), e.getMessage());
  }

  @Test
  void anUnknownConnectorIsRefusedListingTheAvailableOnes() {
    SluiceException e = refusal("CREATE TABLE x (a INT) WITH ('connector' = 'memroy')");
    assertTrue(e.getMessage().contains("'memroy'") && e.getMessage().contains("memory") && e.getMessage().contains("datagen"), e.getMessage());
  }

  @Test
  void aSecondTableWithTheSameNameIsRefused() {
    SluiceException e = refusal("CREATE TABLE orders (a INT) WITH ('connector' = 'memory')");
    assertTrue(e.getMessage().toLowerCase().contains("orders"), e.getMessage());
  }

  @Test
  void insertIntoAnUnknownTableSuggestsTheNearest() {
    engine.execute("CREATE TABLE totals (customer VARCHAR, total BIGINT) WITH ('connector' = 'memory')");
    SluiceException e = refusal("INSERT INTO totalz SELECT customer, amount FROM orders");
    assertTrue(e.getMessage().contains("Did you mean 'totals'"), e.getMessage());
  }

  @Test
  void insertWithTheWrongNumberOfColumnsIsRefused() {
    engine.execute("CREATE TABLE totals (customer VARCHAR, total BIGINT) WITH ('connector' = 'memory')");
    SluiceException e = refusal("INSERT INTO totals SELECT customer FROM orders");
    assertTrue(e.getMessage().contains("1 columns") && e.getMessage().contains("2"), e.getMessage());
  }

  @Test
  void executeRefusesTwoStatementsAtOnceAndPointsToExecuteScript() {
    SluiceException e = refusal("SHOW TABLES; SHOW VIEWS");
    assertTrue(e.getMessage().contains("executeScript"), e.getMessage());
  }

  @Test
  void stoppingAnUnknownQueryIsRefusedPointingToShowQueries() {
    SluiceException e = refusal("STOP QUERY 'q999'");
    assertTrue(e.getMessage().contains("SHOW QUERIES"), e.getMessage());
  }
}
