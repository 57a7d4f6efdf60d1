/**
 * The {@code memory} connector: tables whose rows live in the engine's heap. {@link
 * dev.sluice.connectors.memory.MemoryTables} holds each table as an append-only log that
 * applications and tests add rows to and that memory sources read by row position, so any range can
 * be read again after a restart; {@link dev.sluice.connectors.memory.MemorySinkTables} holds what
 * memory sinks received, applied as the output mode says. Both are per engine, found through {@link
 * dev.sluice.runtime.spi.ConnectorServices}, so two engines in one JVM never share rows.
 */
package dev.sluice.connectors.memory;
