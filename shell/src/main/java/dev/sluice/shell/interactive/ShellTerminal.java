package dev.sluice.shell.interactive;

import dev.sluice.shell.render.Screen;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp;
import org.jline.utils.Status;

/**
 * The JLine terminal the shell runs on, seen as the renderers' {@link Screen}: its size, a stream
 * to print on, JLine's status line as the status bar, keys kept from echoing while a query runs,
 * and Ctrl-C.
 */
public final class ShellTerminal implements Screen, AutoCloseable {
  private final Terminal terminal;
  private final PrintStream out;
  private final StatusBar statusBar;

  private ShellTerminal(Terminal terminal) {
    this.terminal = terminal;
    this.out = new PrintStream(terminal.output(), true, terminal.encoding());
    this.statusBar = canPinALine(terminal) ? new JLineStatusBar() : null;
  }

  /** What JLine's {@link Status} needs of a terminal; a dumb terminal has none of it. */
  private static boolean canPinALine(Terminal terminal) {
    return terminal.getStringCapability(InfoCmp.Capability.change_scroll_region) != null
        && terminal.getStringCapability(InfoCmp.Capability.save_cursor) != null
        && terminal.getStringCapability(InfoCmp.Capability.restore_cursor) != null
        && terminal.getStringCapability(InfoCmp.Capability.cursor_address) != null;
  }

  /** The system terminal; standard input and output must both be terminals. */
  public static ShellTerminal open() throws IOException {
    return new ShellTerminal(TerminalBuilder.builder().name("sluice").system(true).nativeSignals(true).build());
  }

  Terminal jline() {
    return terminal;
  }

  /** Prints on the terminal; used only while no prompt is shown. */
  public PrintStream out() {
    return out;
  }

  /** Runs {@code handler} on Ctrl-C, except while the prompt reads a line (JLine clears the line then). */
  public void onInterrupt(Runnable handler) {
    terminal.handle(Terminal.Signal.INT, signal -> handler.run());
  }

  @Override
  public boolean isTerminal() {
    return true;
  }

  @Override
  public int width() {
    int width = terminal.getWidth();
    return width > 0 ? width : ASSUMED_WIDTH;
  }

  @Override
  public int height() {
    int height = terminal.getHeight();
    return height > 0 ? height : ASSUMED_HEIGHT;
  }

  /**
   * Keys are neither echoed nor held for a line while a query runs, so they cannot scribble over
   * its drawing; Ctrl-C still interrupts (ISIG stays on), and the terminal discards what was typed
   * before it. Keys typed while a query ends by itself are what the prompt reads first.
   */
  @Override
  public KeyCapture captureKeys() {
    Attributes saved = terminal.getAttributes();
    Attributes quiet = new Attributes(saved);
    quiet.setLocalFlag(Attributes.LocalFlag.ECHO, false);
    quiet.setLocalFlag(Attributes.LocalFlag.ICANON, false);
    terminal.setAttributes(quiet);
    return () -> terminal.setAttributes(saved);
  }

  /** JLine's status line, which exists only where the terminal can keep a line out of scrolling. */
  @Override
  public StatusBar statusBar() {
    return statusBar;
  }

  /**
   * JLine's {@link Status}: the terminal scrolls every row but the last, which holds the bar. The
   * size is asked again at each update, since the window may have changed while a query ran (the
   * prompt tells the status itself while it reads a line).
   */
  private final class JLineStatusBar implements StatusBar {
    private Status status;
    private int rows;
    private int columns;

    @Override
    public void show(String text) {
      // What the views printed must reach the terminal before the bar moves the cursor about.
      out.flush();
      if (status == null) status = Status.getStatus(terminal);
      if (terminal.getHeight() != rows || terminal.getWidth() != columns) {
        rows = terminal.getHeight();
        columns = terminal.getWidth();
        status.resize(terminal.getSize());
      }
      status.update(List.of(new AttributedString(text, AttributedStyle.DEFAULT.inverse())));
      // JLine leaves its last move, back to where the cursor was, in the writer's buffer.
      terminal.flush();
    }

    @Override
    public void hide() {
      out.flush();
      if (status != null) status.hide();
      terminal.flush();
    }
  }

  @Override
  public void close() throws IOException {
    out.flush();
    terminal.close();
  }
}
