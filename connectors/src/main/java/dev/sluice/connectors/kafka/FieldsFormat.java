package dev.sluice.connectors.kafka;

import dev.sluice.connectors.format.MalformedRecordException;
import dev.sluice.runtime.type.Field;
import java.util.List;

/**
 * How some columns of a row are laid out in the bytes of a record key or value: {@code json} (an
 * object with a field per column), {@code csv} (one line, a field per column in order) or {@code
 * raw} (one column, the bytes as they are).
 *
 * <p>These small codecs of bytes into some columns of a row stay apart from the shared {@code
 * format} package, whose formats decode whole rows of a table from text; what a source does with
 * a record that does not decode is that package's {@link
 * dev.sluice.connectors.format.MalformedRecords}, as for every source.
 */
interface FieldsFormat {

  /**
   * Decodes {@code bytes} into {@code row} at the positions this format was made for.
   *
   * @throws MalformedRecordException when the bytes are not of this format or a value does not fit
   *     its column
   */
  void decode(byte[] bytes, Object[] row) throws MalformedRecordException;

  /** The columns of {@code row} at this format's positions, as bytes. */
  byte[] encode(Object[] row);

  /**
   * A format for the columns {@code fields} found at {@code positions} of a row.
   *
   * @param failOnMissingField whether a JSON object without a field of a column is malformed
   *     (Flink's {@code 'json.fail-on-missing-field'}); other formats have every field
   * @throws IllegalArgumentException when the format cannot hold these columns
   */
  static FieldsFormat of(
      String format, List<Field> fields, int[] positions, char csvDelimiter, boolean failOnMissingField, String table,
      String role) {
    return switch (format) {
      case "json" -> new JsonFieldsFormat(fields, positions, failOnMissingField);
      case "csv" -> new CsvFieldsFormat(fields, positions, csvDelimiter);
      case "raw" -> RawFieldFormat.of(fields, positions, table, role);
      default -> throw new IllegalArgumentException("Unknown format '" + format + "' of Kafka table '" + table + "'");
    };
  }
}
