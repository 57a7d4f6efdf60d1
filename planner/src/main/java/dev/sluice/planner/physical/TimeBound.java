package dev.sluice.planner.physical;

/**
 * What a join condition says about time: per side, the event-time column its rows are judged late
 * by, and the moment past which a buffered row can match no future row of the other side (one of
 * its own columns plus an offset). Derived from conjuncts comparing one side's event time with a
 * column of the other, such as {@code l.ts BETWEEN r.ts - INTERVAL '10' SECOND AND r.ts + INTERVAL
 * '5' SECOND}, {@code b.dateTime BETWEEN a.dateTime AND a.expires}, or equal window ends. A side
 * that no conjunct bounds is still judged late by its own event-time column, if it has one.
 *
 * @param leftTime the left event-time column rows are judged late by, or -1
 * @param leftTimeOffset added to it before comparing with the watermark (a window start's size)
 * @param leftExpiry the left column whose value plus {@code leftExpiryOffset} is when a left row
 *     is done, or -1 when left rows never expire
 */
public record TimeBound(
    int leftTime, long leftTimeOffset, int leftExpiry, long leftExpiryOffset,
    int rightTime, long rightTimeOffset, int rightExpiry, long rightExpiryOffset) {

  public boolean leftExpires() {
    return leftExpiry >= 0;
  }

  public boolean rightExpires() {
    return rightExpiry >= 0;
  }

  /** Both sides expire by a fixed interval past their own event time: the classic interval join. */
  public boolean isConstantInterval() {
    return leftExpiry == leftTime && rightExpiry == rightTime && leftTime >= 0 && rightTime >= 0 && leftTimeOffset == 0
        && rightTimeOffset == 0;
  }
}
