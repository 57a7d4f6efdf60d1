package dev.sluice.shell.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.ResultBuffer;
import dev.sluice.engine.ResultRow;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.runtime.data.RowKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** On a terminal with a status bar the views keep their status line there, out of the results. */
class StatusBarViewsTest {
  private final SluiceEngine engine = SluiceEngine.open();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicLong nanos = new AtomicLong();
  private final RecordingStatusBar bar = new RecordingStatusBar();
  private final Screen screen = new Screen() {
    @Override
    public boolean isTerminal() {
      return true;
    }

    @Override
    public int width() {
      return 120;
    }

    @Override
    public int height() {
      return 24;
    }

    @Override
    public StatusBar statusBar() {
      return bar;
    }
  };

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void theLiveTableDrawsItsStatusLineInTheBarAndTakesItAwayAtTheEnd() {
    StreamingQuery query = query("update");
    LiveTableView view = new LiveTableView(query.schema(), query.outputMode(), ResultViews.keyColumns(query), false, screen, out,
        status(query));
    view.started();
    assertTrue(take().contains("Waiting for data..."));
    assertTrue(bar.shown.startsWith("q1 | waiting for data"), bar.shown);

    view.batch(new ResultBuffer.Batch(0, List.of(new ResultRow(RowKind.INSERT, new Object[] {"cat", 1L}))));
    nanos.addAndGet(LiveTableView.MIN_REDRAW_NANOS);
    view.tick();
    String drawn = take();
    assertTrue(drawn.contains("| cat|  1| *"), drawn);
    assertFalse(drawn.contains("q1 |"), "the status line is not in the drawing: " + drawn);
    assertTrue(drawn.startsWith("\r\033[1A"), "up over the waiting line only: " + drawn);

    view.finished("Query q1 stopped: 1 batch, 1 row in 0.1s");
    assertTrue(take().contains("Query q1 stopped"));
    assertNull(bar.shown, "the bar is gone");
  }

  @Test
  void streamedRowsTakeThePlaceOfTheWaitingLineAndLeaveTheStatusToTheBar() {
    StreamingQuery query = query("append");
    RowStreamView view = new RowStreamView(query.schema(), query.outputMode(), ResultViews.keyColumns(query), false, screen, out,
        status(query));
    view.started();
    assertEquals("Query q1 (append mode) reads words (memory) from the beginning, its first row. Waiting for data...\n", take());
    assertTrue(bar.shown.startsWith("q1 | waiting for data"), bar.shown);

    view.batch(new ResultBuffer.Batch(0, List.of(new ResultRow(RowKind.INSERT, new Object[] {"cat"}))));
    String printed = take();
    assertTrue(printed.startsWith("\r\033[1A\033[K\n\033[1A+"), "the waiting line is erased, then the table starts there: " + printed);
    assertTrue(printed.contains("|                 cat|"), printed);
    view.finished("Query q1 stopped: 1 batch, 1 row in 0.1s");
    assertTrue(take().endsWith("+\nQuery q1 stopped: 1 batch, 1 row in 0.1s\n"));
    assertNull(bar.shown);
  }

  private StreamingQuery query(String mode) {
    engine.execute("CREATE TABLE IF NOT EXISTS words (word VARCHAR) WITH ('connector' = 'memory')");
    engine.execute("SET 'output.mode' = '" + mode + "'");
    String sql = mode.equals("append") ? "SELECT word FROM words" : "SELECT word, COUNT(*) AS cnt FROM words GROUP BY word";
    return engine.execute(sql).query();
  }

  private QueryStatus status(StreamingQuery query) {
    return new QueryStatus(query, "reads words (memory) from the beginning, its first row", nanos::get);
  }

  private String take() {
    String text = bytes.toString(StandardCharsets.UTF_8);
    bytes.reset();
    return text;
  }

  /** What the bar shows; null while hidden. */
  private static final class RecordingStatusBar implements Screen.StatusBar {
    String shown;

    @Override
    public void show(String text) {
      shown = text;
    }

    @Override
    public void hide() {
      shown = null;
    }
  }
}
