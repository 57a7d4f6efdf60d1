/**
 * The built-in file and socket connectors driven through SQL, end to end: {@code CREATE TABLE ...
 * WITH ('connector' = ...)}, {@code INSERT INTO}, checkpoints and restarts, bad input policies.
 */
package dev.sluice.engine.connectors;
