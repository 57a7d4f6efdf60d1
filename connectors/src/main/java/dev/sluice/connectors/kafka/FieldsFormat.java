package dev.sluice.connectors.kafka;

import dev.sluice.connectors.format.MalformedRecordException;
import dev.sluice.runtime.type.Field;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
   * {@code bytes} as UTF-8 text, refused where they are not UTF-8: a lenient decoding would put
   * U+FFFD into the value in their place.
   *
   * @throws MalformedRecordException when the bytes are not UTF-8
   */
  static String utf8(byte[] bytes) throws MalformedRecordException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedRecordException("not valid UTF-8 text");
    }
  }

  /**
   * A format for the columns {@code fields} found at {@code positions} of a row.
   *
   * @param json the options of the {@code json} format, which the others do not read
   * @throws IllegalArgumentException when the format cannot hold these columns
   */
  static FieldsFormat of(
      String format, List<Field> fields, int[] positions, char csvDelimiter, JsonFieldsFormat.Options json,
      String table, String role) {
    return switch (format) {
      case "json" -> new JsonFieldsFormat(fields, positions, json);
      case "csv" -> new CsvFieldsFormat(fields, positions, csvDelimiter);
      case "raw" -> RawFieldFormat.of(fields, positions, table, role);
      default -> throw new IllegalArgumentException("Unknown format '" + format + "' of Kafka table '" + table + "'");
    };
  }
}
