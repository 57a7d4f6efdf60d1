/**
 * Checkpoint files: the write-ahead log of planned offsets, state snapshots with checksums,
 * commit records and the query's metadata, each written atomically.
 */
package dev.sluice.runtime.checkpoint;
