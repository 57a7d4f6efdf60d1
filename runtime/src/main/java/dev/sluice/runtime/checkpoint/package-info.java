/**
 * Checkpoint files: the write-ahead log of planned offsets, per-batch state deltas and the
 * snapshots background compaction folds them into, commit records and the query's metadata, each
 * written atomically with a checksum and stamped with the checkpoint's identity, behind a small
 * file-system interface that tests use to inject failures.
 */
package dev.sluice.runtime.checkpoint;
