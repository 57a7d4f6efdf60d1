package dev.sluice.runtime.checkpoint;

import java.util.Map;

/**
 * The write-ahead record of a planned batch: each source's range, and the source watermarks in
 * force while it runs. A batch redone after a crash reads exactly these ranges.
 */
public record OffsetEntry(long batchId, Map<String, String> startOffsets, Map<String, String> endOffsets, Map<String, Long> watermarks) {}
