package dev.sluice.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.exec.Trigger;
import dev.sluice.sql.NestingLimit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Statements too deep for the parser, the validator or the planner are refused through every entry
 * of the API as "Statement too deeply nested" with a position; those within the limit plan whatever
 * stack the calling thread has.
 */
class DeepStatementsTest {
  private static final int TOO_DEEP = 5_000;
  private static final int TOO_LONG_CHAIN = NestingLimit.MAX_DEPTH * NestingLimit.CHAIN_LINKS_PER_LEVEL + 100;
  private SluiceEngine engine;

  @BeforeEach
  void openEngine() {
    engine = SluiceEngine.open();
    engine.execute("CREATE TABLE t (x INT, s VARCHAR) WITH ('connector' = 'memory')");
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  private static void assertTooDeep(SluiceException e) {
    assertTrue(e.getMessage().startsWith("Statement too deeply nested at line "), e.getMessage());
    assertTrue(e.line() >= 1 && e.column() >= 1, "a position: " + e.formatted());
  }

  private static String unionAll(int branches) {
    StringBuilder sql = new StringBuilder("SELECT x FROM t");
    for (int i = 1; i < branches; i++) sql.append(" UNION ALL SELECT x FROM t");
    return sql.toString();
  }

  @Test
  void deepAndWideStatementsAreRefusedThroughEveryEntry() {
    String parentheses = "SELECT " + "(".repeat(TOO_DEEP) + "x" + ")".repeat(TOO_DEEP) + " FROM t";
    SluiceException e = assertThrows(SluiceException.class, () -> engine.execute(parentheses));
    assertTooDeep(e);
    assertEquals(1, e.line());
    assertEquals("SELECT ".length() + NestingLimit.MAX_DEPTH + 1, e.column());
    assertTooDeep(assertThrows(SluiceException.class, () -> engine.execute(unionAll(1_000))));
    assertTooDeep(assertThrows(SluiceException.class, () -> engine.executeScript("SET 'verbose' = 'false';\n" + unionAll(1_000))));
    assertTooDeep(assertThrows(SluiceException.class, () -> engine.explain("SELECT x" + " + x".repeat(TOO_LONG_CHAIN) + " FROM t")));
    assertTooDeep(assertThrows(SluiceException.class,
        () -> engine.query("SELECT x FROM t WHERE x = 0" + " OR x = 1".repeat(TOO_LONG_CHAIN)).onBatch((id, rows) -> {}).start()));
    assertTooDeep(assertThrows(SluiceException.class,
        () -> engine.execute("CREATE VIEW v AS SELECT " + "ABS(".repeat(TOO_DEEP) + "x" + ")".repeat(TOO_DEEP) + " FROM t")));
  }

  @Test
  void aStatementWithinTheLimitRunsFromAThreadWithASmallStack() throws Exception {
    int deep = NestingLimit.MAX_DEPTH - 10;
    List<ResultRow> rows = new CopyOnWriteArrayList<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    // A thread pool's 256 KiB stack overflowed in Calcite's validator at a depth of about 100.
    Thread caller = new Thread(null, () -> {
      try {
        StreamingQuery query = engine.query("SELECT x" + " + x".repeat(deep) + " AS total FROM t")
            .trigger(new Trigger.Manual()).onBatch((id, batch) -> rows.addAll(batch)).start();
        engine.memoryTables().append("t", List.<Object[]>of(new Object[] {1, "a"}));
        query.processAllAvailable();
        query.stop();
        engine.execute("CREATE VIEW deep AS " + unionAll(deep / 2));
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "small-stack", 256 * 1024);
    caller.start();
    caller.join();
    if (failure.get() != null) throw new AssertionError("planning a statement within the limit failed", failure.get());
    assertEquals(1, rows.size());
    assertEquals(deep + 1, ((Number) rows.get(0).values()[0]).intValue());
  }
}
