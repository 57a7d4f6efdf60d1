/**
 * The {@code filesystem} connector: a source that watches a directory and reads each new file once,
 * replayably, and a sink that writes a file per batch (one result file in complete mode) and
 * commits it through a compacted log of manifests keyed by batch id. Records are in a {@link dev.sluice.connectors.format.RecordFormat}; see {@link
 * dev.sluice.connectors.filesystem.FileSystemConnectorFactory} for the options.
 */
package dev.sluice.connectors.filesystem;
