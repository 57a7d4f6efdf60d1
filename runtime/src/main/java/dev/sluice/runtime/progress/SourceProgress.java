package dev.sluice.runtime.progress;

/**
 * What one source contributed to a batch.
 *
 * @param watermark the source's watermark after this batch, as text, or null when it has none
 * @param status a problem the source is riding out (retrying), or null when all is well
 */
public record SourceProgress(
    String table, String startOffset, String endOffset, long inputRows, String watermark, long malformedRows, String status) {}
