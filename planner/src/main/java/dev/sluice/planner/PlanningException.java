package dev.sluice.planner;

import dev.sluice.sql.ast.SourcePosition;

/**
 * A statement or query the planner refuses: an unknown name, a type mismatch, an unsupported
 * construct, a query that cannot run in the asked output mode. The message says what and how to
 * fix it; the position, when known, is where in the script the problem is.
 */
public class PlanningException extends RuntimeException {
  private final SourcePosition position;

  public PlanningException(String message) {
    this(message, null);
  }

  public PlanningException(String message, SourcePosition position) {
    super(message);
    this.position = position;
  }

  public PlanningException(String message, SourcePosition position, Throwable cause) {
    super(message, cause);
    this.position = position;
  }

  /** Where in the script, or null. */
  public SourcePosition position() {
    return position;
  }
}
