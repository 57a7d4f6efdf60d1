package dev.sluice.shell.session;

/**
 * One statement of a {@link Script} and where it starts.
 *
 * @param text the statement, without its {@code ;}
 * @param script the script it belongs to
 * @param line the line of the source it starts on
 * @param column the column it starts at, from 1
 */
public record ScriptStatement(String text, Script script, int line, int column) {

  /**
   * The statement behind as many line breaks and spaces as put it at its place in the source, so
   * that the line and column of any error the engine reports, and any position quoted in its
   * message, are the source's.
   */
  public String positionedText() {
    return "\n".repeat(Math.max(0, line - 1)) + " ".repeat(Math.max(0, column - 1)) + text;
  }
}
