package dev.sluice.shell.interactive;

import dev.sluice.shell.render.Screen;
import java.io.IOException;
import java.io.PrintStream;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The JLine terminal the shell runs on, seen as the renderers' {@link Screen}: its size, a stream
 * to print on, keys kept from echoing while a query runs, and Ctrl-C.
 */
public final class ShellTerminal implements Screen, AutoCloseable {
  private final Terminal terminal;
  private final PrintStream out;

  private ShellTerminal(Terminal terminal) {
    this.terminal = terminal;
    this.out = new PrintStream(terminal.output(), true, terminal.encoding());
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

  @Override
  public void close() throws IOException {
    out.flush();
    terminal.close();
  }
}
