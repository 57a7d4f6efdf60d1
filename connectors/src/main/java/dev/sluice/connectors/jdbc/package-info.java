/**
 * The {@code jdbc} sink: {@link dev.sluice.connectors.jdbc.JdbcSink} writes each batch of a
 * query's result into an existing database table in one transaction that also records the batch
 * id in {@code sluice_batches}, so a batch repeated after a crash changes nothing. Update mode
 * upserts by primary key with PostgreSQL's {@code ON CONFLICT}.
 */
package dev.sluice.connectors.jdbc;
