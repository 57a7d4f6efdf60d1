package dev.sluice.runtime.aggregate;

/** The aggregate functions the runtime computes incrementally. */
public enum AggregateKind {
  /** {@code COUNT(*)}: rows in the group. */
  COUNT_STAR,
  /** {@code COUNT(x)}: non-NULL values. */
  COUNT,
  /** {@code SUM(x)}: NULL when the group has no non-NULL value. */
  SUM,
  /** {@code $SUM0(x)}: as SUM, but 0 instead of NULL (Calcite's rewrite of SUM over COUNT). */
  SUM0,
  MIN,
  MAX,
  AVG,
  /** Calcite's SINGLE_VALUE and ANY_VALUE: the latest value. */
  ANY_VALUE
}
