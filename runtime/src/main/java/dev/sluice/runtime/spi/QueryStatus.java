package dev.sluice.runtime.spi;

/**
 * Where a query stands while a sink writes one of its batches.
 *
 * @param watermark the query watermark in force for the batch, as {@code yyyy-MM-dd HH:mm:ss[.SSS]},
 *     or null while the query has none
 * @param droppedLateRows input rows dropped as late so far, cumulative
 * @param inputDigest a digest of the batch's planned input ranges, the same every time the batch
 *     is redone; null outside a query. A sink that skips a batch id it already committed compares
 *     it with the digest it stored for that id, so a batch id repeated over other input (a query
 *     restarted from an older copy of its checkpoint) is refused instead of skipped
 */
public record QueryStatus(String watermark, long droppedLateRows, String inputDigest) {
  public static final QueryStatus NONE = new QueryStatus(null, 0, null);

  /** A status without an input digest. */
  public QueryStatus(String watermark, long droppedLateRows) {
    this(watermark, droppedLateRows, null);
  }
}
