package dev.sluice.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.connectors.memory.MemorySinkTables;
import dev.sluice.runtime.data.Values;
import dev.sluice.runtime.exec.Trigger;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.type.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries whose plan Calcite rewrites (filters over UNNEST, conditions folded to constants, long
 * IN lists, named columns, INSERT INTO a table of other types) run through the embedded API with
 * the rows, names and types SQL gives.
 */
class PlannedSemanticsTest {
  private SluiceEngine engine;

  @BeforeEach
  void openEngine() {
    engine = SluiceEngine.open();
    engine.execute("CREATE TABLE lines (line VARCHAR, n INT, d DOUBLE, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) "
        + "WITH ('connector' = 'memory')");
    engine.memoryTables().append("lines", LINES);
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  private static Object[] line(String line, int n, double d, int second) {
    return new Object[] {line, n, d, Values.parseTimestamp("2024-01-01 00:00:0" + second)};
  }

  private static final List<Object[]> LINES = List.of(
      line("the cat sat", 1, 1.5, 1), line("a dog", 2, 2.5, 2), line("the dog ran", 3, 3.5, 3), line("owl", 4, 0.5, 4));

  /** The rows every batch delivered, as text in arrival order, with the query's column names. */
  private record Run(List<String> columns, List<String> rows) {}

  private Run run(String sql, OutputMode mode) {
    List<String> rows = new CopyOnWriteArrayList<>();
    StreamingQuery query = engine.query(sql).outputMode(mode).trigger(new Trigger.Manual())
        .onBatch((id, batch) -> batch.forEach(r -> rows.add(Arrays.toString(r.values())))).start();
    query.processAllAvailable();
    query.stop();
    return new Run(query.schema().fields().stream().map(Field::name).toList(), new ArrayList<>(rows));
  }

  private static List<String> sorted(List<String> rows) {
    return rows.stream().sorted().toList();
  }

  @Test
  void aFilterOnAnUnnestedColumnKeepsTheMatchingElements() {
    Run run = run("SELECT l.n, w.word FROM lines AS l CROSS JOIN UNNEST(SPLIT(l.line, ' ')) AS w(word) WHERE w.word <> 'the'",
        OutputMode.APPEND);
    assertEquals(List.of("n", "word"), run.columns());
    assertEquals(List.of("[1, cat]", "[1, sat]", "[2, a]", "[2, dog]", "[3, dog]", "[3, ran]", "[4, owl]"), sorted(run.rows()));
  }

  @Test
  void filtersOnBothSidesOfAnUnnestAndOnesComparingThemPlanAndRun() {
    Run both = run("SELECT l.n, w.word FROM lines AS l CROSS JOIN UNNEST(SPLIT(l.line, ' ')) AS w(word) "
        + "WHERE w.word LIKE 'd%' AND l.n > 2", OutputMode.APPEND);
    assertEquals(List.of("[3, dog]"), both.rows());
    Run across = run("SELECT UPPER(w.word) AS up, CHAR_LENGTH(w.word) + l.n AS score FROM lines AS l "
        + "CROSS JOIN UNNEST(SPLIT(l.line, ' ')) AS w(word) WHERE CHAR_LENGTH(w.word) > l.n", OutputMode.APPEND);
    assertEquals(List.of("up", "score"), across.columns());
    assertEquals(List.of("[CAT, 4]", "[DOG, 5]", "[SAT, 4]", "[THE, 4]"), sorted(across.rows()));
  }

  @Test
  void aConditionThatIsAlwaysFalseIsAQueryWithoutRows() throws InterruptedException {
    assertEquals(List.of(), run("SELECT line FROM lines WHERE 1 > 2", OutputMode.APPEND).rows());
    assertEquals(List.of(), run("SELECT line FROM lines WHERE line NOT LIKE '%'", OutputMode.APPEND).rows());
    Run union = run("SELECT n FROM lines WHERE 1 > 2 UNION ALL SELECT n FROM lines WHERE n > 2", OutputMode.APPEND);
    assertEquals(List.of("[3]", "[4]"), sorted(union.rows()));
    StreamingQuery availableNow = engine.query("SELECT line FROM lines WHERE 1 > 2").trigger(new Trigger.AvailableNow()).onBatch((id, rows) -> {})
        .start();
    assertTrue(availableNow.awaitTermination(10, TimeUnit.SECONDS), "a query that reads nothing has nothing left to read");
    assertEquals(null, availableNow.exception());
  }

  @Test
  void comparisonsOfADoubleWithExactAndApproximateLiteralsFilterAsSqlSays() {
    assertEquals(List.of("[a dog]"), run("SELECT line FROM lines WHERE NOT (d > 2.5E0) AND d > 1 AND n > 1", OutputMode.APPEND).rows());
    assertEquals(List.of("[a dog]", "[the dog ran]"), sorted(run("SELECT line FROM lines WHERE d > 2 AND d < 4.0E0", OutputMode.APPEND).rows()));
  }

  @Test
  void anInListOfManyLiteralsFilters() {
    String values = IntStream.rangeClosed(3, 40).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    assertEquals(List.of("[3]", "[4]"), sorted(run("SELECT n FROM lines WHERE n IN (" + values + ")", OutputMode.APPEND).rows()));
    assertEquals(List.of("[1]", "[2]"), sorted(run("SELECT n FROM lines WHERE n NOT IN (" + values + ")", OutputMode.APPEND).rows()));
  }

  @Test
  void anInsertOfAStringIntoAnIntegerColumnOfACsvFileIsRefusedWithTheCast(@TempDir Path out) {
    engine.execute("CREATE TABLE counts (word VARCHAR, n INT) WITH ('connector' = 'filesystem', 'path' = '"
        + out.toString().replace("'", "''") + "', 'format' = 'csv')");
    SluiceException e = assertThrows(SluiceException.class, () -> engine.execute("INSERT INTO counts SELECT line, line FROM lines"));
    assertTrue(e.getMessage().contains("column 'n' (INT)") && e.getMessage().contains("VARCHAR") && e.getMessage().contains("CAST(... AS INT)"),
        e.getMessage());
    SluiceException explained = assertThrows(SluiceException.class, () -> engine.execute("EXPLAIN INSERT INTO counts SELECT line, line FROM lines"));
    assertEquals(e.getMessage(), explained.getMessage(), "EXPLAIN checks the INSERT as running it does");
  }

  @Test
  void anInsertWidensNumbersToTheTableTypes() {
    engine.execute("CREATE TABLE wide (line VARCHAR, n BIGINT, d DOUBLE) WITH ('connector' = 'memory')");
    StatementResult result = engine.execute("INSERT INTO wide SELECT line, n, n FROM lines");
    result.query().processAllAvailable();
    result.query().stop();
    List<Object[]> contents = engine.connectorServices().get(MemorySinkTables.class, MemorySinkTables::new).contents("wide");
    assertEquals(4, contents.size());
    for (Object[] row : contents) {
      assertEquals(Long.class, row[1].getClass(), "an INT written into a BIGINT column is a BIGINT");
      assertEquals(Double.class, row[2].getClass());
      assertEquals(((Long) row[1]).doubleValue(), (Double) row[2]);
    }
  }

  @Test
  void aGroupedColumnOverUnnestKeepsItsName() {
    Run counts = run("SELECT w.word, COUNT(*) FROM lines AS l CROSS JOIN UNNEST(SPLIT(l.line, ' ')) AS w(word) GROUP BY w.word",
        OutputMode.UPDATE);
    assertEquals(List.of("word", "EXPR$1"), counts.columns());
    assertTrue(counts.rows().contains("[dog, 2]"), counts.rows().toString());
  }

  @Test
  void aLegacyWindowStartKeepsItsAlias() {
    Run windows = run("SELECT TUMBLE_START(ts, INTERVAL '2' SECOND) AS ws, COUNT(*) AS c FROM lines GROUP BY TUMBLE(ts, INTERVAL '2' SECOND)",
        OutputMode.UPDATE);
    assertEquals(List.of("ws", "c"), windows.columns());
  }
}
