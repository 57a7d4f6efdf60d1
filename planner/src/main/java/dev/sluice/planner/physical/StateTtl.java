package dev.sluice.planner.physical;

/**
 * The {@code 'state.ttl'} of state that no time bound limits (a join side without one, a Top-N
 * partition, a deduplication key, a group without a window): it leaves once the watermark passes
 * the event time of its newest row, read from input column {@code timeColumn}, plus {@code
 * millis}. Asked for over an input without an event-time column, it has nothing to count by and
 * the state stays ({@link #applies()} is false).
 */
public record StateTtl(int timeColumn, long millis) {
  /** The setting unset: state stays. */
  public static final StateTtl NONE = new StateTtl(-1, 0);

  /** The TTL of {@code millis} (0: none) over {@code input}, counted by its first event-time column. */
  public static StateTtl of(PhysicalNode input, long millis) {
    return millis <= 0 ? NONE : new StateTtl(timeColumn(input), millis);
  }

  /** The first column of {@code input} that carries event time itself (not a window start), or -1. */
  public static int timeColumn(PhysicalNode input) {
    for (int c = 0; c < input.rowType().getFieldCount(); c++) {
      if (input.closingOffset(c) == 0) return c;
    }
    return -1;
  }

  /** Whether state leaves by it. */
  public boolean applies() {
    return timeColumn >= 0;
  }

  /**
   * The TTL as an operator's EXPLAIN line shows it ({@code ", stateTtl=3600000 ms"}), empty when it
   * does not apply: a checkpoint records that line, so a query restarted with another TTL, whose
   * state holds other times, is refused as changed.
   */
  public String explain() {
    return applies() ? ", stateTtl=" + millis + " ms" : "";
  }

  /** How long a piece of state over {@code input}, aged by its newest row, stays, for EXPLAIN. */
  public String retention(PhysicalNode input) {
    return retention(input, "its newest ");
  }

  /** How long one buffered row of {@code input} stays, for EXPLAIN. */
  public String rowRetention(PhysicalNode input) {
    return retention(input, "its ");
  }

  private String retention(PhysicalNode input, String whose) {
    if (millis <= 0) return "kept forever";
    if (!applies()) return "kept forever ('state.ttl' needs an event-time column with a watermark in its input)";
    return "kept until " + whose + input.rowType().getFieldList().get(timeColumn).getName() + " + " + millis
        + " ms <= watermark ('state.ttl')";
  }
}
