package dev.sluice.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.ResultBuffer;
import dev.sluice.engine.ResultRow;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A memory table written by an update-mode (or complete-mode) query holds its current result, kept
 * by the result key, and a query over that table reads those rows as they stand when it starts.
 */
class UpdatingMemorySinkReadTest {
  private SluiceEngine engine;

  @BeforeEach
  void openEngine() {
    engine = SluiceEngine.open();
    engine.executeScript("""
        CREATE TABLE words (word VARCHAR) WITH ('connector' = 'memory');
        CREATE TABLE totals (word VARCHAR, cnt BIGINT) WITH ('connector' = 'memory');
        """);
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  private static Set<String> rowsOf(StreamingQuery query) throws InterruptedException {
    assertTrue(query.awaitTermination(20, TimeUnit.SECONDS), "a query over a result table reads its rows and ends");
    List<ResultRow> rows = new ArrayList<>();
    ResultBuffer.Batch batch;
    while ((batch = query.results().poll(0, TimeUnit.MILLISECONDS)) != null) rows.addAll(batch.rows());
    Set<String> text = new TreeSet<>();
    for (ResultRow row : rows) text.add(row.values()[0] + "=" + row.values()[1]);
    assertEquals(rows.size(), text.size(), "each key once: " + rows);
    return text;
  }

  @Test
  void selectFromATableAnUpdateModeQueryWritesReadsItsCurrentRowsUpsertedByKey() throws Exception {
    engine.execute("SET 'output.mode' = 'update'");
    StreamingQuery writer = engine.execute("INSERT INTO totals SELECT word, COUNT(*) FROM words GROUP BY word").query();
    engine.memoryTables().append("words", List.<Object[]>of(new Object[] {"cat"}, new Object[] {"dog"}));
    writer.processAllAvailable();
    engine.memoryTables().append("words", List.<Object[]>of(new Object[] {"cat"}));
    writer.processAllAvailable();

    engine.execute("SET 'output.mode' = 'append'");
    assertEquals(Set.of("cat=2", "dog=1"), rowsOf(engine.execute("SELECT * FROM totals").query()));

    engine.memoryTables().append("words", List.<Object[]>of(new Object[] {"cat"}, new Object[] {"emu"}));
    writer.processAllAvailable();
    assertEquals(Set.of("cat=3", "dog=1", "emu=1"), rowsOf(engine.execute("SELECT word, cnt FROM totals").query()),
        "a later query reads the result as it stands then");
  }

  @Test
  void aResultTableWithNothingWrittenYetReadsAsEmptyAndEnds() throws Exception {
    engine.execute("SET 'output.mode' = 'complete'");
    engine.execute("INSERT INTO totals SELECT word, COUNT(*) FROM words GROUP BY word");
    engine.execute("SET 'output.mode' = 'append'");
    assertEquals(Set.of(), rowsOf(engine.execute("SELECT * FROM totals").query()));
  }
}
