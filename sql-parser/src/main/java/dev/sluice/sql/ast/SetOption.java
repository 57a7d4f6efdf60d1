package dev.sluice.sql.ast;

import java.util.Objects;

/**
 * {@code SET 'key' = 'value'} sets a session option; a bare {@code SET} lists them all.
 *
 * @param key the option key, or {@code null} for a bare {@code SET}
 * @param value the option value, {@code null} exactly when {@code key} is
 * @param position where the statement starts
 * @param text the statement's source text
 */
public record SetOption(String key, String value, SourcePosition position, String text)
    implements Statement {

  public SetOption {
    if ((key == null) != (value == null)) {
      throw new IllegalArgumentException("SET needs both a key and a value, or neither");
    }
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(text, "text");
  }

  /** Whether this is a bare {@code SET}, which lists the options instead of setting one. */
  public boolean listsAll() {
    return key == null;
  }
}
