package dev.sluice.runtime.checkpoint;

/**
 * Which query wrote a checkpoint: its id, its SQL and the fingerprint of its state layout, so
 * an incompatible query is refused instead of reading state it does not understand.
 */
public record QueryMetadata(String queryId, String sql, String fingerprint) {}
