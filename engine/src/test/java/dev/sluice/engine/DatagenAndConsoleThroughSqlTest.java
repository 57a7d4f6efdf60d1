package dev.sluice.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.connectors.memory.MemorySinkTables;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole scripts through SQL: a datagen source, INSERT INTO a memory or console sink, an
 * available-now or once trigger, and what the sink holds afterwards.
 */
class DatagenAndConsoleThroughSqlTest {
  private static final int ROWS = 100;

  @TempDir Path checkpoint;
  private SluiceEngine engine;
  private MemorySinkTables sinks;

  @BeforeEach
  void openEngine() {
    engine = SluiceEngine.open();
    sinks = engine.connectorServices().get(MemorySinkTables.class, MemorySinkTables::new);
    engine.executeScript("""
        CREATE TABLE gen (id BIGINT, word VARCHAR, score INT) WITH (
          'connector' = 'datagen',
          'number-of-rows' = '100',
          'rows-per-second' = '1000000',
          'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '100',
          'fields.word.length' = '1',
          'fields.score.min' = '0', 'fields.score.max' = '9'
        );
        SET 'trigger' = 'available-now';
        SET 'checkpoint.location' = '%s';
        """.formatted(checkpoint.toString().replace("'", "''")));
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  /**
   * Runs {@code insert} with the available-now trigger until {@code table} holds {@code ROWS} rows
   * by {@code rowsIn}. Datagen rows fall due by the clock from the query's first start, and an
   * available-now run takes the rows due when it starts, so a run right after the first start may
   * see only some of them; each further run resumes from the checkpoint, so none is read twice.
   */
  private void runUntilAllRowsAreIn(String insert, String table, java.util.function.ToLongFunction<List<Object[]>> rowsIn) throws Exception {
    for (int run = 0; run < 50; run++) {
      StreamingQuery query = engine.execute(insert).query();
      assertTrue(query.awaitTermination(30, TimeUnit.SECONDS), "an available-now query ends by itself");
      assertFalse(query.isActive());
      if (rowsIn.applyAsLong(sinks.contents(table)) >= ROWS) return;
      Thread.sleep(5);
    }
  }

  @Test
  void datagenRowsFilteredAndProjectedArriveInTheMemorySinkExactlyOnce() throws Exception {
    engine.execute("CREATE TABLE picked (id BIGINT, word VARCHAR, doubled INT) WITH ('connector' = 'memory')");
    String insert = "INSERT INTO picked SELECT id, UPPER(word), score * 2 FROM gen WHERE score >= 0";
    runUntilAllRowsAreIn(insert, "picked", List::size);
    List<Object[]> rows = sinks.contents("picked");
    assertEquals(ROWS, rows.size(), "every generated row once, across the runs");
    Set<Long> ids = new TreeSet<>();
    for (Object[] row : rows) {
      ids.add((Long) row[0]);
      assertTrue(((String) row[1]).matches("[0-9A-F]"), "a one-character upper-case hex word: " + row[1]);
      int doubled = (Integer) row[2];
      assertTrue(doubled % 2 == 0 && doubled >= 0 && doubled <= 18, "score * 2 with score in [0, 9]: " + doubled);
    }
    assertEquals(ROWS, ids.size());
    assertEquals(1L, ((TreeSet<Long>) ids).first());
    assertEquals((long) ROWS, ((TreeSet<Long>) ids).last());
  }

  @Test
  void datagenRowsCountedByWordInCompleteModeAddUpToEveryRow() throws Exception {
    engine.execute("CREATE TABLE counts (word VARCHAR, cnt BIGINT) WITH ('connector' = 'memory')");
    engine.execute("SET 'output.mode' = 'complete'");
    String insert = "INSERT INTO counts SELECT word, COUNT(*) FROM gen GROUP BY word";
    runUntilAllRowsAreIn(insert, "counts", rows -> rows.stream().mapToLong(r -> (Long) r[1]).sum());
    List<Object[]> counts = sinks.contents("counts");
    assertEquals(ROWS, counts.stream().mapToLong(r -> (Long) r[1]).sum());
    assertTrue(counts.size() <= 16, "at most 16 one-character hex words: " + counts.size());
    assertEquals(counts.size(), counts.stream().map(r -> r[0]).distinct().count(), "one row per word");
  }

  @Test
  void theConsoleSinkPrintsEachBatchAsSparkDoes() throws Exception {
    engine.executeScript("""
        CREATE TABLE words (word VARCHAR) WITH ('connector' = 'memory');
        CREATE TABLE shown (word VARCHAR, cnt BIGINT) WITH ('connector' = 'console');
        SET 'output.mode' = 'complete';
        SET 'trigger' = 'once';
        RESET 'checkpoint.location';
        """);
    engine.memoryTables().append("words", List.of(new Object[] {"cat"}, new Object[] {"dog"}, new Object[] {"cat"}));
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      StreamingQuery query = engine.execute("INSERT INTO shown SELECT word, COUNT(*) AS cnt FROM words GROUP BY word").query();
      assertTrue(query.awaitTermination(30, TimeUnit.SECONDS));
    } finally {
      System.setOut(original);
    }
    String printed = captured.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("Batch: 0"), printed);
    assertTrue(printed.contains("|word|cnt|"), printed);
    assertTrue(printed.contains("| cat|  2|"), printed);
    assertTrue(printed.contains("| dog|  1|"), printed);
  }
}
