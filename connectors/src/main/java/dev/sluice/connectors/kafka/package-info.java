/**
 * The {@code kafka} connector: {@link dev.sluice.connectors.kafka.KafkaSource} reads topics by
 * offset range, with the offsets kept in the query's checkpoint rather than a consumer group, so a
 * batch reads the same records after a restart; {@link dev.sluice.connectors.kafka.KafkaSink}
 * writes each batch as one Kafka transaction that also records the batch id, so a batch the engine
 * repeats after a crash is not written twice. Records are decoded and encoded by small JSON, CSV
 * and raw codecs of this package.
 */
package dev.sluice.connectors.kafka;
