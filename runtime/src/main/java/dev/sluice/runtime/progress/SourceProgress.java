package dev.sluice.runtime.progress;

/**
 * What one source contributed to a batch.
 *
 * @param watermark the source's watermark after this batch, as text, or null when it has none
 */
public record SourceProgress(String table, String startOffset, String endOffset, long inputRows, String watermark, long malformedRows) {}
