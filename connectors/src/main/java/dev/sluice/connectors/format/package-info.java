/**
 * Record formats shared by the connectors that read or write text: {@code csv}, {@code json} (one
 * object per line) and {@code raw} (the whole record is one VARCHAR column). A {@link
 * dev.sluice.connectors.format.RecordFormat} turns a record into a row of the table's schema and a
 * row back into a record; {@link dev.sluice.connectors.format.MalformedRecords} decides what a
 * source does with a record that does not decode (skip and count, fail, or route to a dead-letter
 * table), so every source treats bad input the same way.
 */
package dev.sluice.connectors.format;
