package dev.sluice.connectors.format;

/** Turns a row of a table into one record, without a line separator. */
@FunctionalInterface
public interface RecordEncoder {
  String encode(Object[] row);
}
