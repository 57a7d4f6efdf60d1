package dev.sluice.shell.session;

import dev.sluice.engine.ResultBuffer;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.shell.render.QueryStatus;
import dev.sluice.shell.render.ResultView;
import java.util.concurrent.TimeUnit;

/**
 * Runs a query started by a SELECT in the foreground: hands its batches to a view as they arrive
 * until the query ends by itself (a {@code once} or {@code available-now} trigger, or a failure)
 * or Ctrl-C cancels it. Cancelling closes the result buffer first, so a query waiting for the
 * reader in its sink can see the stop, then stops the query.
 */
final class ForegroundQuery {
  /** How it ended. */
  enum Outcome {
    /** The query ended by itself. */
    ENDED,
    /** Ctrl-C stopped it. */
    CANCELLED,
    /** It stopped on an error. */
    FAILED
  }

  /** How long to wait for a batch before looking at Ctrl-C and the clock again; Ctrl-C feels instant under 0.1 s. */
  private static final long POLL_MILLIS = 100;

  private final StreamingQuery query;
  private final ResultView view;
  private final QueryStatus status;
  private final CancelRequest cancel;

  ForegroundQuery(StreamingQuery query, ResultView view, QueryStatus status, CancelRequest cancel) {
    this.query = query;
    this.view = view;
    this.status = status;
    this.cancel = cancel;
  }

  /** Shows the query's results until it ends; the view's last line is the summary. */
  Outcome run() throws InterruptedException {
    ResultBuffer results = query.results();
    view.started();
    Outcome outcome;
    while (true) {
      if (cancel.isRequested()) {
        results.close();
        query.stop();
        outcome = Outcome.CANCELLED;
        break;
      }
      // Read before polling: once the query is over, every batch it delivered is in the buffer.
      boolean wasActive = query.isActive();
      ResultBuffer.Batch batch = results.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
      if (batch != null) {
        status.delivered(batch);
        view.batch(batch);
      } else if (!wasActive || results.isClosed()) {
        outcome = query.exception() == null ? Outcome.ENDED : Outcome.FAILED;
        break;
      }
      view.tick();
    }
    view.finished(status.summary(switch (outcome) {
      case ENDED -> "finished";
      case CANCELLED -> "stopped";
      case FAILED -> "failed";
    }));
    return outcome;
  }
}
