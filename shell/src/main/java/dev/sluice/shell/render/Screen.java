package dev.sluice.shell.render;

/**
 * Where results are shown: a terminal, on which a result can be redrawn in place, or plain output
 * (a file or a pipe), which only ever receives whole lines.
 */
public interface Screen {

  /** A terminal's size is unknown when it reports 0; this many columns are assumed then. */
  int ASSUMED_WIDTH = 80;

  /** As {@link #ASSUMED_WIDTH}, for rows; the classic 24-row terminal. */
  int ASSUMED_HEIGHT = 24;

  /** Whether the cursor can be moved and lines erased, so results can be redrawn in place. */
  boolean isTerminal();

  /** Columns; meaningful only on a terminal. */
  int width();

  /** Rows; meaningful only on a terminal. */
  int height();

  /**
   * Keeps keys typed while a query runs from echoing into its drawing; closing the result
   * restores the terminal and discards what was typed. A no-op for plain output.
   */
  default KeyCapture captureKeys() {
    return () -> {};
  }

  /**
   * The terminal's status bar: a line pinned to its bottom row while everything above scrolls
   * (JLine's status line), or null when this screen has none and views draw their status line
   * under their results instead.
   */
  default StatusBar statusBar() {
    return null;
  }

  /** A line pinned to the bottom of the terminal; used from the shell's thread only. */
  interface StatusBar {
    /** Shows {@code text} in the bar, replacing what it showed; the bar appears on first use. */
    void show(String text);

    /** Takes the bar away: the terminal scrolls its whole height again. */
    void hide();
  }

  /** Undoes {@link #captureKeys()}. */
  @FunctionalInterface
  interface KeyCapture extends AutoCloseable {
    @Override
    void close();
  }

  /** Plain output: files, pipes, captured test output. */
  static Screen plain() {
    return new Screen() {
      @Override
      public boolean isTerminal() {
        return false;
      }

      @Override
      public int width() {
        return 0;
      }

      @Override
      public int height() {
        return 0;
      }
    };
  }

  /** A terminal of a fixed size: for tests, or a terminal whose size cannot be asked. */
  static Screen terminal(int width, int height) {
    int columns = width > 0 ? width : ASSUMED_WIDTH;
    int rows = height > 0 ? height : ASSUMED_HEIGHT;
    return new Screen() {
      @Override
      public boolean isTerminal() {
        return true;
      }

      @Override
      public int width() {
        return columns;
      }

      @Override
      public int height() {
        return rows;
      }
    };
  }
}
