package dev.sluice.planner.physical;

/** What kind of changes a plan node emits. */
public enum Changelog {
  /** Only inserts: every row is final once emitted. */
  INSERT_ONLY("insert-only"),
  /** Inserts, updates and deletes of earlier rows. */
  UPDATING("updating");

  private final String text;

  Changelog(String text) {
    this.text = text;
  }

  @Override
  public String toString() {
    return text;
  }
}
