package dev.sluice.shell.render;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A block of lines at the bottom of a terminal, redrawn in place: the cursor moves up over the
 * previous drawing and every line is rewritten and cleared to its end, then the rows of the
 * previous drawing below the new one are cleared. Only those rows: "erase below" would also erase
 * a status bar pinned to the bottom of the terminal. It stays on the normal screen, not the
 * alternate one, so the last drawing remains in the scrollback when the query ends.
 *
 * <p>Lines are cut to one column less than the screen is wide, so none wraps and the cursor
 * always knows how far up the previous drawing starts; when the terminal was narrowed in between,
 * the lines it rewrapped are counted with the new width.
 */
public final class InPlaceFrame {
  /** ANSI control sequences (ECMA-48), understood by every terminal emulator in use. */
  private static final String ESC = "\033[";

  private static final String CLEAR_TO_END_OF_LINE = ESC + "K";
  private static final String BOLD = ESC + "1m";
  private static final String DIM = ESC + "2m";
  private static final String RESET = ESC + "0m";

  /** How a line is shown. */
  public enum Style {
    PLAIN,
    /** A row that changed in the last batch. */
    CHANGED,
    /** The status line. */
    STATUS
  }

  /** One line of a drawing. */
  public record Line(String text, Style style) {
    public static Line plain(String text) {
      return new Line(text, Style.PLAIN);
    }
  }

  private final PrintStream out;
  private final Screen screen;
  private final List<Integer> drawnWidths = new ArrayList<>();

  public InPlaceFrame(PrintStream out, Screen screen) {
    this.out = out;
    this.screen = screen;
  }

  /** Replaces the previous drawing with {@code lines}, leaving the cursor on the line below. */
  public void draw(List<Line> lines) {
    int width = Math.max(2, screen.width());
    StringBuilder text = new StringBuilder();
    int previousRows = rowsTaken(width);
    if (previousRows > 0) text.append('\r').append(ESC).append(previousRows).append('A');
    drawnWidths.clear();
    for (Line line : lines) {
      String shown = Text.cut(line.text(), width - 1);
      switch (line.style()) {
        case CHANGED -> text.append(BOLD).append(shown).append(RESET);
        case STATUS -> text.append(DIM).append(shown).append(RESET);
        default -> text.append(shown);
      }
      text.append(CLEAR_TO_END_OF_LINE).append('\n');
      drawnWidths.add(Text.width(shown));
    }
    // The cursor is on the row below the new drawing; rows the previous one took below that are
    // cleared, and the cursor comes back.
    int leftover = previousRows - lines.size();
    if (leftover > 0) {
      for (int i = 0; i < leftover; i++) text.append(CLEAR_TO_END_OF_LINE).append('\n');
      text.append(ESC).append(leftover).append('A');
    }
    text.append(CLEAR_TO_END_OF_LINE);
    out.print(text);
    out.flush();
  }

  /** Leaves the current drawing on screen for good: the next drawing starts below it. */
  public void keep() {
    drawnWidths.clear();
  }

  private int rowsTaken(int width) {
    int rows = 0;
    for (int drawn : drawnWidths) rows += Math.max(1, (drawn + width - 1) / width);
    return rows;
  }
}
