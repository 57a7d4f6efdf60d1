package dev.sluice.shell.interactive;

import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * Asks whether the standard streams are terminals, each on its own: Java's {@code
 * System.console()} answers only for standard input and output together, and the shell redraws
 * results in place whenever standard output is a terminal, even when statements come from a pipe.
 */
public final class Terminals {
  /** JLine's native provider, then the one that runs {@code test -t}; the first that answers wins. */
  private static final String[] PROVIDERS = {"jni", "exec"};

  private Terminals() {}

  public static boolean isStandardInputTerminal() {
    return isTerminal(SystemStream.Input);
  }

  public static boolean isStandardOutputTerminal() {
    return isTerminal(SystemStream.Output);
  }

  /** Columns of the terminal on standard output, or 0 when unknown. */
  public static int standardOutputWidth() {
    for (String name : PROVIDERS) {
      try {
        int width = TerminalProvider.load(name).systemStreamWidth(SystemStream.Output);
        if (width > 0) return width;
      } catch (Throwable unavailable) {
        // try the next provider
      }
    }
    return 0;
  }

  /** Rows of the terminal on standard output as the environment tells ({@code LINES}), or 0. */
  public static int standardOutputHeight() {
    try {
      return Integer.parseInt(System.getenv().getOrDefault("LINES", "0").trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static boolean isTerminal(SystemStream stream) {
    for (String name : PROVIDERS) {
      try {
        return TerminalProvider.load(name).isSystemStream(stream);
      } catch (Throwable unavailable) {
        // try the next provider
      }
    }
    return System.console() != null;
  }
}
