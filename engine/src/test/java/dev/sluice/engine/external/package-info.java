/**
 * End-to-end tests against real external systems that the tests start themselves on loopback: a
 * KRaft Kafka broker in the test JVM and a PostgreSQL server from Maven Central binaries (see the
 * connectors' test jar: {@code KafkaTestBroker}, {@code PostgresTestServer}). No mocks.
 */
package dev.sluice.engine.external;
