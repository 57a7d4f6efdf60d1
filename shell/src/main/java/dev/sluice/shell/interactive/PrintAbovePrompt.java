package dev.sluice.shell.interactive;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.jline.reader.LineReader;

/**
 * What the JVM's standard output and error become while the prompt runs: whole lines handed to
 * {@link LineReader#printAbove}, which prints them above the prompt and redraws the prompt with
 * what was typed so far. A background query's console sink ({@code 'connector' = 'console'} or
 * {@code 'print'}) prints on {@code System.out} from the query's thread; written straight to the
 * terminal, its batches landed on the prompt's line and scrolled the prompt away.
 *
 * <p>Text is held until its line ends, so a line is never cut by a redraw of the prompt; what is
 * left when the prompt goes is printed then. While no prompt is shown, {@code printAbove} simply
 * prints.
 */
final class PrintAbovePrompt extends OutputStream {
  private final LineReader reader;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  private PrintAbovePrompt(LineReader reader) {
    this.reader = reader;
  }

  /**
   * Sends {@code System.out} and {@code System.err} above {@code reader}'s prompt until the
   * returned handle is closed, which puts the previous streams back.
   */
  static Installed install(LineReader reader) {
    PrintStream previousOut = System.out;
    PrintStream previousErr = System.err;
    PrintStream out = new PrintStream(new PrintAbovePrompt(reader), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new PrintAbovePrompt(reader), true, StandardCharsets.UTF_8);
    System.setOut(out);
    System.setErr(err);
    return () -> {
      System.setOut(previousOut);
      System.setErr(previousErr);
      // Prints what is left of an unfinished line.
      out.close();
      err.close();
    };
  }

  /** The streams sent above the prompt; closing puts the previous ones back. */
  @FunctionalInterface
  interface Installed extends AutoCloseable {
    @Override
    void close();
  }

  @Override
  public synchronized void write(int b) {
    pending.write(b);
    if (b == '\n') printCompleteLines();
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    pending.write(bytes, offset, length);
    printCompleteLines();
  }

  @Override
  public synchronized void flush() {
    // A console sink flushes after each whole batch; what is left is a line still being written.
    printCompleteLines();
  }

  @Override
  public synchronized void close() {
    if (pending.size() > 0) {
      reader.printAbove(pending.toString(StandardCharsets.UTF_8));
      pending.reset();
    }
  }

  /** Prints every complete line held, in one redraw of the prompt, and keeps the rest. */
  private void printCompleteLines() {
    byte[] held = pending.toByteArray();
    int end = held.length;
    while (end > 0 && held[end - 1] != '\n') end--;
    if (end == 0) return;
    // printAbove adds the line break itself.
    reader.printAbove(new String(held, 0, end - 1, StandardCharsets.UTF_8));
    pending.reset();
    pending.write(held, end, held.length - end);
  }
}
