package dev.sluice.shell.render;

import java.io.PrintStream;
import java.util.List;

/**
 * The status line of a query a script waits for (an INSERT under {@code once} or {@code
 * available-now}, or the continuous ones at its end), so a long job shows that it moves: in the
 * terminal's status bar, or when it has none, one line redrawn in place and erased when the wait
 * is over. Nothing on plain output, whose lines stay stable text. Used from the shell's thread.
 */
public final class WaitingStatusLine {
  /** As often as the views refresh theirs: the elapsed time moves by the second. */
  private static final long REFRESH_NANOS = 1_000_000_000L;

  private final Screen screen;
  private final Screen.StatusBar statusBar;
  private final InPlaceFrame frame;
  private QueryStatus shownStatus;
  private long shownNanos;
  private boolean shown;

  public WaitingStatusLine(Screen screen, PrintStream out) {
    this.screen = screen;
    this.statusBar = screen.isTerminal() ? screen.statusBar() : null;
    this.frame = screen.isTerminal() && statusBar == null ? new InPlaceFrame(out, screen) : null;
  }

  /** Shows {@code status}'s line at once when it is another query's, else when a refresh is due. */
  public void show(QueryStatus status) {
    if (!screen.isTerminal()) return;
    long now = status.nanoTime();
    if (status == shownStatus && now - shownNanos < REFRESH_NANOS) return;
    shownStatus = status;
    shownNanos = now;
    shown = true;
    String line = status.line(screen.width());
    if (statusBar != null) {
      statusBar.show(line);
    } else {
      frame.draw(List.of(new InPlaceFrame.Line(line, InPlaceFrame.Style.STATUS)));
    }
  }

  /** Takes the line away, so what follows is printed where it was. */
  public void clear() {
    if (!shown) return;
    shown = false;
    shownStatus = null;
    if (statusBar != null) {
      statusBar.hide();
    } else {
      frame.draw(List.of());
    }
  }
}
