package dev.sluice.planner.physical;

/**
 * How far apart in event time two joined rows may be: {@code lower <= leftTime - rightTime <=
 * upper}, derived from conditions such as {@code l.ts BETWEEN r.ts - INTERVAL '10' SECOND AND
 * r.ts + INTERVAL '5' SECOND}.
 *
 * @param leftTime the left input's event-time column
 * @param rightTime the right input's event-time column
 */
public record TimeBound(int leftTime, int rightTime, long lower, long upper) {

  /** A left row at {@code t} can match right rows up to {@code t - lower}; past the watermark it is done. */
  public long leftRetention() {
    return -lower;
  }

  /** A right row at {@code t} can match left rows up to {@code t + upper}. */
  public long rightRetention() {
    return upper;
  }
}
