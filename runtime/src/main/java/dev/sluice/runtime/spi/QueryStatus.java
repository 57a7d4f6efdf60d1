package dev.sluice.runtime.spi;

/**
 * Where a query stands while a sink writes one of its batches.
 *
 * @param watermark the query watermark in force for the batch, as {@code yyyy-MM-dd HH:mm:ss[.SSS]},
 *     or null while the query has none
 * @param droppedLateRows input rows dropped as late so far, cumulative
 */
public record QueryStatus(String watermark, long droppedLateRows) {
  public static final QueryStatus NONE = new QueryStatus(null, 0);
}
