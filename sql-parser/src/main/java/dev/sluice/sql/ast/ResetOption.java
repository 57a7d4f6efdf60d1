package dev.sluice.sql.ast;

import java.util.Objects;

/**
 * {@code RESET 'key'} returns a session option to its default; a bare {@code RESET} resets all.
 *
 * @param key the option key, or {@code null} for a bare {@code RESET}
 * @param position where the statement starts
 * @param text the statement's source text
 */
public record ResetOption(String key, SourcePosition position, String text) implements Statement {

  public ResetOption {
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(text, "text");
  }

  /** Whether this is a bare {@code RESET}, which resets every option. */
  public boolean resetsAll() {
    return key == null;
  }
}
