package dev.sluice.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.connectors.memory.MemorySinkTables;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.exec.Trigger;
import dev.sluice.runtime.progress.QueryProgress;
import dev.sluice.runtime.spi.OutputMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded API end to end: tables, queries with listeners, triggers, progress, stop. */
class EmbeddedApiTest {
  private SluiceEngine engine;

  @BeforeEach
  void openEngine() {
    engine = SluiceEngine.open();
    engine.execute("CREATE TABLE words (word VARCHAR, n INT) WITH ('connector' = 'memory')");
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  private void append(Object[]... rows) {
    engine.memoryTables().append("words", List.of(rows));
  }

  private static Object[] row(String word, int n) {
    return new Object[] {word, n};
  }

  /** Every delivered batch, with the thread that delivered it. */
  private static final class Deliveries implements ResultListener {
    final List<Long> batchIds = new CopyOnWriteArrayList<>();
    final List<List<ResultRow>> batches = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void onBatch(long batchId, List<ResultRow> rows) {
      batchIds.add(batchId);
      batches.add(rows);
      threads.add(Thread.currentThread().getName());
    }

    List<Object[]> allValues() {
      List<Object[]> values = new ArrayList<>();
      for (List<ResultRow> batch : batches) for (ResultRow row : batch) values.add(row.values());
      return values;
    }
  }

  @Test
  void aListenerReceivesEachBatchAndTheProgressReportDescribesIt() {
    Deliveries deliveries = new Deliveries();
    StreamingQuery query = engine.query("SELECT word, COUNT(*) AS cnt, SUM(n) AS total FROM words GROUP BY word")
        .outputMode(OutputMode.UPDATE).trigger(new Trigger.Manual()).onBatch(deliveries).start();
    assertTrue(query.isActive());
    assertNull(query.lastProgress(), "no batch has run yet");
    assertEquals(OutputMode.UPDATE, query.outputMode());
    assertEquals(List.of("word", "cnt", "total"), query.schema().fields().stream().map(f -> f.name()).toList());

    append(row("cat", 1), row("dog", 2), row("cat", 3));
    query.processAllAvailable();
    QueryProgress first = query.lastProgress();
    assertNotNull(first);
    assertEquals(0, first.batchId());
    assertEquals(3, first.inputRows());
    assertEquals(2, first.stateRows(), "one state row per group");
    assertEquals(2, first.outputRows());
    assertEquals(query.id(), first.queryId());
    assertEquals(List.of(0L), deliveries.batchIds);
    assertEquals(2, deliveries.batches.get(0).size());

    append(row("owl", 5));
    query.processAllAvailable();
    QueryProgress second = query.lastProgress();
    assertEquals(1, second.batchId());
    assertEquals(1, second.inputRows());
    assertEquals(3, second.stateRows());
    assertEquals(List.of(new ResultRow(RowKind.INSERT, new Object[] {"owl", 1L, 5})), deliveries.batches.get(1));

    query.processAllAvailable();
    assertEquals(1, query.lastProgress().batchId(), "no new input, no batch");

    assertTrue(engine.queries().contains(query));
    query.stop();
    assertFalse(query.isActive());
    assertFalse(engine.queries().contains(query), "a stopped query is no longer listed");
    assertNull(engine.findQuery(query.id()));
  }

  @Test
  void updateModeSendsAChangedGroupAsAnUpdateWithItsLatestValueOnly() {
    Deliveries deliveries = new Deliveries();
    StreamingQuery query = engine.query("SELECT word, COUNT(*) AS cnt FROM words GROUP BY word")
        .outputMode("update").trigger(new Trigger.Manual()).onBatch(deliveries).start();
    append(row("cat", 1));
    query.processAllAvailable();
    append(row("cat", 1), row("cat", 1), row("dog", 1));
    query.processAllAvailable();
    assertEquals(List.of(new ResultRow(RowKind.INSERT, new Object[] {"cat", 1L})), deliveries.batches.get(0));
    List<ResultRow> second = deliveries.batches.get(1);
    assertEquals(2, second.size(), "cat once with its latest count, dog once: " + second);
    assertTrue(second.contains(new ResultRow(RowKind.UPDATE_AFTER, new Object[] {"cat", 3L})), second::toString);
    assertTrue(second.contains(new ResultRow(RowKind.INSERT, new Object[] {"dog", 1L})), second::toString);
  }

  @Test
  void theDefaultTriggerProcessesNewRowsOnItsOwnThreadBeforeProcessAllAvailableReturns() throws Exception {
    Deliveries deliveries = new Deliveries();
    StreamingQuery query = engine.query("SELECT word, n * 10 AS tens FROM words WHERE n > 0").onBatch(deliveries).start();
    assertEquals("default", query.trigger().sqlName());
    for (int round = 1; round <= 20; round++) {
      append(row("w" + round, round), row("skipped", -round));
      query.processAllAvailable();
      assertEquals(round, deliveries.allValues().size(), "after round " + round + ": " + deliveries.batches);
      assertArrayEquals(new Object[] {"w" + round, round * 10}, deliveries.allValues().get(round - 1));
    }
    assertTrue(deliveries.threads.stream().allMatch(name -> !name.equals(Thread.currentThread().getName())),
        "batches run on the query's thread, not the caller's: " + deliveries.threads);
    assertTrue(query.isActive());
    query.stop();
    assertFalse(query.isActive());
    assertTrue(query.awaitTermination(1, TimeUnit.SECONDS));
  }

  @Test
  void processAllAvailableReturnsAtOnceWhenThereIsNothingToDo() {
    StreamingQuery query = engine.query("SELECT word FROM words").onBatch((id, rows) -> {}).start();
    long started = System.nanoTime();
    query.processAllAvailable();
    assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) < 5);
    assertNull(query.lastProgress());
  }

  @Test
  void aOnceTriggerRunsOneBatchOverWhatIsThereAndEndsByItself() throws Exception {
    append(row("cat", 1), row("dog", 2));
    Deliveries deliveries = new Deliveries();
    StreamingQuery query = engine.query("SELECT word FROM words").trigger("once").onBatch(deliveries).start();
    assertTrue(query.awaitTermination(30, TimeUnit.SECONDS), "a once trigger ends by itself");
    assertFalse(query.isActive());
    assertNull(query.exception());
    assertEquals(List.of(0L), deliveries.batchIds);
    assertEquals(2, deliveries.allValues().size());
    assertEquals(0, query.lastProgress().batchId());
  }

  @Test
  void anAvailableNowTriggerProcessesEverythingPresentInBatchesBoundedBySourceLimitsAndEnds() throws Exception {
    engine.execute("CREATE TABLE limited (word VARCHAR) WITH ('connector' = 'memory', 'max-rows-per-trigger' = '2')");
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 5; i++) rows.add(new Object[] {"w" + i});
    engine.memoryTables().append("limited", rows);
    Deliveries deliveries = new Deliveries();
    StreamingQuery query = engine.query("SELECT word FROM limited").trigger("available-now").onBatch(deliveries).start();
    assertTrue(query.awaitTermination(30, TimeUnit.SECONDS), "an available-now trigger ends by itself");
    assertFalse(query.isActive());
    assertEquals(List.of(0L, 1L, 2L), deliveries.batchIds, "5 rows at most 2 a batch");
    assertEquals(List.of(2, 2, 1), deliveries.batches.stream().map(List::size).toList());
    assertEquals(5, deliveries.allValues().size());
  }

  @Test
  void anIntervalTriggerRunsBatchesOnItsTicks() throws Exception {
    Deliveries deliveries = new Deliveries();
    StreamingQuery query = engine.query("SELECT word FROM words").trigger("50 ms").onBatch(deliveries).start();
    append(row("cat", 1));
    query.processAllAvailable();
    assertEquals(1, deliveries.allValues().size());
    query.stop();
  }

  @Test
  void aSelectThroughExecuteDeliversIntoItsResultBuffer() throws Exception {
    StatementResult result = engine.execute("SELECT word, COUNT(*) AS cnt FROM words GROUP BY word");
    assertEquals(StatementResult.Kind.QUERY, result.kind());
    StreamingQuery query = result.query();
    assertNotNull(query.results());
    assertEquals(OutputMode.UPDATE, query.outputMode(), "the default for a non-windowed aggregation is update mode");
    append(row("cat", 1), row("cat", 2));
    query.processAllAvailable();
    var batch = query.results().poll(10, TimeUnit.SECONDS);
    assertNotNull(batch);
    assertEquals(List.of(new ResultRow(RowKind.INSERT, new Object[] {"cat", 2L})), batch.rows());
    query.stop();
    assertTrue(query.results().isClosed());
  }

  @Test
  void insertIntoAMemoryTableKeepsTheResultInItsSink() throws Exception {
    engine.execute("CREATE TABLE counts (word VARCHAR, cnt BIGINT) WITH ('connector' = 'memory')");
    engine.execute("SET 'output.mode' = 'complete'");
    StatementResult result = engine.execute("INSERT INTO counts SELECT word, COUNT(*) FROM words GROUP BY word");
    assertEquals(StatementResult.Kind.INSERT, result.kind());
    append(row("cat", 1), row("dog", 1), row("cat", 1));
    result.query().processAllAvailable();
    MemorySinkTables sinks = engine.connectorServices().get(MemorySinkTables.class, MemorySinkTables::new);
    List<Object[]> contents = sinks.contents("counts");
    assertEquals(2, contents.size());
    assertTrue(contents.stream().anyMatch(r -> r[0].equals("cat") && r[1].equals(2L)));
    assertTrue(contents.stream().anyMatch(r -> r[0].equals("dog") && r[1].equals(1L)));
  }

  @Test
  void explainShowsThePlanItsStateAndTheOutputModes() {
    String plan = engine.explain("SELECT word, COUNT(*) AS cnt FROM words GROUP BY word");
    assertTrue(plan.contains("StreamGroupAggregate"), plan);
    assertTrue(plan.contains("append: refused"), plan);
    assertTrue(plan.contains("update: allowed"), plan);
    assertTrue(plan.contains("complete: allowed"), plan);
    assertTrue(plan.contains("Result key (update mode): word"), plan);
  }

  @Test
  void closingTheEngineStopsItsQueries() {
    StreamingQuery query = engine.query("SELECT word FROM words").onBatch((id, rows) -> {}).start();
    engine.close();
    assertFalse(query.isActive());
    assertTrue(engine.queries().isEmpty());
  }

  @Test
  void keyColumnsOfAnAggregationAreWhereItsGroupKeysLandInTheResult() {
    StreamingQuery grouped = engine.query("SELECT COUNT(*) AS cnt, word FROM words GROUP BY word")
        .outputMode(OutputMode.UPDATE).trigger(new Trigger.Manual()).onBatch((id, rows) -> {}).start();
    assertArrayEquals(new int[] {1}, grouped.keyColumns());
    StreamingQuery global = engine.query("SELECT COUNT(*) AS cnt FROM words")
        .outputMode(OutputMode.UPDATE).trigger(new Trigger.Manual()).onBatch((id, rows) -> {}).start();
    assertArrayEquals(new int[0], global.keyColumns(), "a global aggregate is a single row: its key has no columns");
  }

  /**
   * When the whole row is the result key (a stateless query in update mode, or an aggregation
   * whose group key is projected away), a caller folding update-mode output must be able to tell
   * it from a single-row result, whose key is empty. (It threw a NullPointerException before.)
   */
  @Test
  void keyColumnsOfAResultKeyedByTheWholeRowIsUsableAndDistinctFromASingleRowKey() {
    StreamingQuery stateless = engine.query("SELECT word, n FROM words")
        .outputMode(OutputMode.UPDATE).trigger(new Trigger.Manual()).onBatch((id, rows) -> {}).start();
    int[] key = assertDoesNotThrow(stateless::keyColumns);
    assertTrue(key == null || key.length == 2, "the whole row is the key: null, or every column; got " + java.util.Arrays.toString(key));
    StreamingQuery projectedAway = engine.query("SELECT COUNT(*) AS cnt FROM words GROUP BY word")
        .outputMode(OutputMode.UPDATE).trigger(new Trigger.Manual()).onBatch((id, rows) -> {}).start();
    int[] countsOnly = assertDoesNotThrow(projectedAway::keyColumns);
    assertTrue(countsOnly == null || countsOnly.length == 1, java.util.Arrays.toString(countsOnly));
  }

  /** SEMANTICS.md: SELECT DISTINCT is deduplication, each row emitted once and final, so append mode needs no watermark. */
  @Test
  void selectDistinctRunsInAppendModeWithoutAWatermark() {
    Deliveries deliveries = new Deliveries();
    StreamingQuery query = engine.query("SELECT DISTINCT word FROM words")
        .outputMode(OutputMode.APPEND).trigger(new Trigger.Manual()).onBatch(deliveries).start();
    append(row("cat", 1), row("cat", 2), row("dog", 1));
    query.processAllAvailable();
    append(row("cat", 3), row("owl", 1));
    query.processAllAvailable();
    List<String> words = deliveries.allValues().stream().map(r -> (String) r[0]).sorted().toList();
    assertEquals(List.of("cat", "dog", "owl"), words);
  }
}
