package dev.sluice.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.connectors.memory.MemorySinkTables;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An INSERT into a table with NOT NULL columns enforces them, as Flink's
 * 'table.exec.sink.not-null-enforcer': by default a NULL there fails the query, naming the table,
 * column and row; with 'sink.not-null-enforcer' = 'drop' the row is left out and counted in the
 * query's progress. A column the query makes certainly NULL is refused when planning.
 */
class InsertNotNullColumnsTest {
  private SluiceEngine engine;

  @BeforeEach
  void openEngine() {
    engine = SluiceEngine.open();
    engine.execute("CREATE TABLE orders (customer VARCHAR, amount INT) WITH ('connector' = 'memory')");
    engine.execute("CREATE TABLE paid (customer VARCHAR NOT NULL, amount INT NOT NULL) WITH ('connector' = 'memory')");
    engine.memoryTables().appendAll(java.util.Map.of("orders",
        List.of(new Object[] {"ann", 10}, new Object[] {"bob", null}, new Object[] {null, 5}, new Object[] {"cy", 7})));
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  private List<String> written() {
    MemorySinkTables sinks = engine.connectorServices().get(MemorySinkTables.class, MemorySinkTables::new);
    return sinks.contents("paid").stream().map(Arrays::toString).sorted().toList();
  }

  @Test
  void aNullInANotNullColumnFailsTheQueryNamingTheTableColumnAndRow() {
    StreamingQuery query = engine.execute("INSERT INTO paid SELECT customer, amount FROM orders").query();
    assertThrows(RuntimeException.class, query::processAllAvailable);
    assertNotNull(query.exception(), "the query failed");
    String message = query.exception().getMessage();
    assertTrue(message.contains("'paid'") && message.contains("'amount'") && message.contains("[bob, null]"), message);
    assertTrue(message.contains("'sink.not-null-enforcer' = 'drop'"), message);
  }

  @Test
  void withDropARowWithANullInANotNullColumnIsLeftOutAndCounted() {
    engine.execute("SET 'sink.not-null-enforcer' = 'drop'");
    StreamingQuery query = engine.execute("INSERT INTO paid SELECT customer, amount FROM orders").query();
    query.processAllAvailable();
    assertEquals(List.of("[ann, 10]", "[cy, 7]"), written());
    assertEquals(2, query.lastProgress().droppedNullRows(), query.lastProgress().toJson());
  }

  @Test
  void aQueryWhoseColumnsCannotBeNullIsNotChecked() {
    String plan = engine.execute("EXPLAIN INSERT INTO paid SELECT COALESCE(customer, '?'), COALESCE(amount, 0) FROM orders").message();
    assertTrue(!plan.contains("StreamNotNullEnforcer"), plan);
    plan = engine.execute("EXPLAIN INSERT INTO paid SELECT customer, amount + 1 FROM orders").message();
    assertTrue(plan.contains("StreamNotNullEnforcer(table=paid, notNull=[customer, amount], onNull=error)"), plan);
  }

  @Test
  void aColumnThatIsCertainlyNullIsRefusedWhenPlanning() {
    SluiceException e = assertThrows(SluiceException.class, () -> engine.execute("INSERT INTO paid SELECT customer, CAST(NULL AS INT) FROM orders"));
    assertTrue(e.getMessage().contains("'paid'") && e.getMessage().contains("'amount'") && e.getMessage().contains("NOT NULL"), e.getMessage());
  }

  @Test
  void theSettingTakesErrorOrDrop() {
    SluiceException e = assertThrows(SluiceException.class, () -> engine.execute("SET 'sink.not-null-enforcer' = 'skip'"));
    assertTrue(e.getMessage().contains("'error' or 'drop'"), e.getMessage());
  }
}
