package dev.sluice.shell.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.ResultBuffer;
import dev.sluice.engine.ResultRow;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.runtime.data.RowKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The view is fed batches by hand; the query only gives it a schema, a key and an id. */
class LiveTableViewTest {
  private static final Pattern CURSOR_UP = Pattern.compile("\033\\[(\\d+)A");

  private final SluiceEngine engine = SluiceEngine.open();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  /** The views' clock: it moves only when a test moves it. */
  private final AtomicLong nanos = new AtomicLong();
  private StreamingQuery query;

  @BeforeEach
  void startQuery() {
    engine.execute("CREATE TABLE words (word VARCHAR) WITH ('connector' = 'memory')");
    engine.execute("SET 'output.mode' = 'update'");
    query = engine.execute("SELECT word, COUNT(*) AS cnt FROM words GROUP BY word").query();
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void updateModeTableIsRedrawnInPlaceWithChangedRowsMarked() {
    LiveTableView view = view(Screen.terminal(120, 24));
    view.started();
    assertTrue(take().contains("Query q1 (update mode) reads words (memory) from the beginning, its first row. Waiting for data..."));

    view.batch(new ResultBuffer.Batch(0, List.of(insert("cat", 1L), insert("dog", 1L))));
    view.tick();
    assertEquals("", take(), "drawings are at least 0.1 s apart");
    nanos.addAndGet(LiveTableView.MIN_REDRAW_NANOS);
    view.tick();
    String first = take();
    assertEquals(2, cursorUp(first), "moves up over the waiting line and the status line");
    assertTrue(first.contains("|word|cnt|"), first);
    assertTrue(first.contains("| cat|  1| *"), first);

    view.batch(new ResultBuffer.Batch(1, List.of(update("cat", 2L), new ResultRow(RowKind.DELETE, new Object[] {"dog", 1L}))));
    view.finished("Query q1 stopped: 2 batches, 4 rows in 1.0s");
    String second = take();
    // Three header lines, two rows, the rule and the status line were drawn before.
    assertEquals(7, cursorUp(second));
    assertTrue(second.contains("| cat|  2| *"), second);
    assertFalse(second.contains("dog"), second);
    assertTrue(second.contains("Query q1 stopped: 2 batches, 4 rows in 1.0s | 1 deleted"), second);
  }

  @Test
  void aTableTallerThanTheScreenShowsItsFirstRowsAndHowManyMore() {
    LiveTableView view = view(Screen.terminal(80, 10));
    List<ResultRow> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) rows.add(insert("w" + i, 1L));
    view.batch(new ResultBuffer.Batch(0, rows));
    view.finished("done");
    String drawn = take();
    assertTrue(drawn.contains("|  w2|  1|"), drawn);
    assertFalse(drawn.contains("|  w3|"), drawn);
    assertTrue(drawn.contains("... 17 more rows (20 in all)"), drawn);
  }

  private LiveTableView view(Screen screen) {
    QueryStatus status = new QueryStatus(query, "reads words (memory) from the beginning, its first row", nanos::get);
    return new LiveTableView(query.schema(), query.outputMode(), ResultViews.keyColumns(query), false, screen,
        new PrintStream(bytes, true, StandardCharsets.UTF_8), status);
  }

  private static int cursorUp(String drawn) {
    Matcher m = CURSOR_UP.matcher(drawn);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  private String take() {
    String text = bytes.toString(StandardCharsets.UTF_8);
    bytes.reset();
    return text;
  }

  private static ResultRow insert(Object... values) {
    return new ResultRow(RowKind.INSERT, values);
  }

  private static ResultRow update(Object... values) {
    return new ResultRow(RowKind.UPDATE_AFTER, values);
  }
}
