package dev.sluice.connectors.format;

import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.type.Schema;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the records of a text source or sink map to the rows of its table, chosen by the table's
 * {@code 'format'} option with Flink's names: {@code csv} ({@link CsvFormat}), {@code json} ({@link
 * JsonFormat}) and {@code raw} ({@link RawFormat}). A connector lists {@link #FORMAT} and {@link
 * #optionKeys()} among its options and calls {@link #of} when it builds its source or sink; options
 * of a format the table does not use are refused there.
 */
public sealed interface RecordFormat permits CsvFormat, JsonFormat, RawFormat {
  String FORMAT = "format";
  String CSV = "csv";
  String JSON = "json";
  String RAW = "raw";

  /** The value of {@code 'format'} that selects this format. */
  String name();

  /** The extension of files written in this format, without the dot. */
  String fileExtension();

  /** A decoder for records of the table. Not thread-safe: one per thread. */
  RecordDecoder decoder();

  /** An encoder for rows of the table. Not thread-safe: one per thread. */
  RecordEncoder encoder();

  /**
   * Splits a text into records and hands each to {@code consumer} with its first line number: one
   * per line for {@code json} (blank lines skipped) and {@code raw}; for {@code csv} one per line
   * unless a quoted field spans lines (at most {@link CsvFormat#MAX_RECORD_LINES}; an unclosed
   * quote ends its record there, and the decoder refuses it), with blank lines, comments ({@code
   * 'csv.allow-comments'}) and the header ({@code 'csv.ignore-first-line'}) left out.
   */
  void readRecords(BufferedReader text, RecordConsumer consumer) throws IOException;

  /**
   * As {@link #readRecords}, for a text that starts at a record inside a file (a file read in
   * pieces) rather than at the file's start: no line is taken for a header there.
   */
  default void readRecordsAfterStart(BufferedReader text, RecordConsumer consumer)
      throws IOException {
    readRecords(text, consumer);
  }

  /** Every format option, for a connector's {@link dev.sluice.runtime.spi.ConnectorFactory}. */
  static Set<String> optionKeys() {
    Set<String> keys = new TreeSet<>(CsvFormat.OPTIONS);
    keys.addAll(JsonFormat.OPTIONS);
    return keys;
  }

  /**
   * The format named by {@code prefix + "format"}, with its options also under {@code prefix}, as
   * Flink's Kafka connector spells {@code 'value.format'} and {@code 'value.json.*'}.
   */
  static RecordFormat of(
      String table, Schema schema, ConnectorOptions options, String prefix, String defaultFormat) {
    Map<String, String> unprefixed = new LinkedHashMap<>();
    options
        .asMap()
        .forEach(
            (key, value) -> {
              if (key.startsWith(prefix)) unprefixed.put(key.substring(prefix.length()), value);
            });
    return of(table, schema, new ConnectorOptions(table, unprefixed), defaultFormat);
  }

  /**
   * The format of a table, checked against its columns and options.
   *
   * @param defaultFormat the format when {@code 'format'} is not set, or null when it must be
   * @throws IllegalArgumentException naming the table and the valid choices
   */
  static RecordFormat of(
      String table, Schema schema, ConnectorOptions options, String defaultFormat) {
    String name =
        defaultFormat == null ? options.require(FORMAT) : options.get(FORMAT, defaultFormat);
    String format = name.trim().toLowerCase(Locale.ROOT);
    for (String key : options.asMap().keySet()) {
      int dot = key.indexOf('.');
      String family = dot < 0 ? "" : key.substring(0, dot);
      if ((family.equals(CSV) || family.equals(JSON)) && !family.equals(format)) {
        throw new IllegalArgumentException(
            "Option '"
                + key
                + "' of table '"
                + table
                + "' belongs to format '"
                + family
                + "', but the table's format is '"
                + format
                + "'");
      }
    }
    return switch (format) {
      case CSV -> CsvFormat.of(table, schema, options);
      case JSON -> JsonFormat.of(table, schema, options);
      case RAW -> RawFormat.of(table, schema);
      default ->
          throw new IllegalArgumentException(
              "Unknown format '"
                  + name
                  + "' for table '"
                  + table
                  + "': valid formats are 'csv', 'json' and 'raw'");
    };
  }
}
