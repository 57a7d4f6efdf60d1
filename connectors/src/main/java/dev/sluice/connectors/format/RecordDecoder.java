package dev.sluice.connectors.format;

/** Turns one record into a row of a table, in the row representation of its column types. */
@FunctionalInterface
public interface RecordDecoder {
  /**
   * The row {@code record} holds, as a new array the caller may keep.
   *
   * @throws MalformedRecordException with the reason when the record does not fit the schema
   */
  Object[] decode(String record);
}
