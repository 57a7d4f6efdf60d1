package dev.sluice.runtime.checkpoint;

import java.util.Map;

/** The record that a batch's output and state are done, with the source watermarks it moved to. */
public record CommitEntry(long batchId, Map<String, Long> watermarks) {}
