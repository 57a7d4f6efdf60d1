package dev.sluice.connectors.format;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code json} format: one JSON object per record (per line in a file), a column per field by
 * name; fields the table does not declare are ignored, a field it declares but the record lacks is
 * NULL. ROW columns are nested objects and ARRAY columns arrays, to any depth. Numbers must fit
 * their column (a TINYINT is not 300, an INT not 1.5); a number in a string is read too, as Flink
 * does; temporal values are strings as {@link TextValues} reads them; BINARY is base64. Options,
 * with Flink's names:
 *
 * <ul>
 *   <li>{@code 'json.fail-on-missing-field'}: a missing field makes the record malformed (default
 *       false).
 *   <li>{@code 'json.timestamp-format.standard'}: how TIMESTAMP values are written, {@code SQL}
 *       ({@code 2024-05-01 12:00:00.123}, the default) or {@code ISO-8601} ({@code
 *       2024-05-01T12:00:00.123}); both are read either way.
 *   <li>{@code 'json.ignore-parse-errors'}: Flink's switch, the same as {@code 'on-error'} {@code
 *       skip} (true) or {@code fail} (false); see {@link MalformedRecords}.
 * </ul>
 *
 * MAP columns are refused, for want of a key type in the table's schema.
 */
public final class JsonFormat implements RecordFormat {
  public static final String FAIL_ON_MISSING_FIELD = "json.fail-on-missing-field";
  public static final String TIMESTAMP_FORMAT = "json.timestamp-format.standard";
  public static final String IGNORE_PARSE_ERRORS = "json.ignore-parse-errors";

  static final Set<String> OPTIONS =
      Set.of(FAIL_ON_MISSING_FIELD, TIMESTAMP_FORMAT, IGNORE_PARSE_ERRORS);

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();

  private final Schema schema;
  private final boolean failOnMissingField;
  private final boolean isoTimestamps;

  private JsonFormat(String table, Schema schema, ConnectorOptions options) {
    this.schema = schema;
    for (Field field : schema.fields()) checkType(table, field.name(), field.type());
    failOnMissingField = options.getBoolean(FAIL_ON_MISSING_FIELD, false);
    String standard = options.get(TIMESTAMP_FORMAT, "SQL").trim().toUpperCase(Locale.ROOT);
    if (!standard.equals("SQL") && !standard.equals("ISO-8601")) {
      throw new IllegalArgumentException(
          "Option '"
              + TIMESTAMP_FORMAT
              + "' of table '"
              + table
              + "' must be 'SQL' or 'ISO-8601', not '"
              + options.get(TIMESTAMP_FORMAT)
              + "'");
    }
    isoTimestamps = standard.equals("ISO-8601");
  }

  static JsonFormat of(String table, Schema schema, ConnectorOptions options) {
    return new JsonFormat(table, schema, options);
  }

  private static void checkType(String table, String column, DataType type) {
    switch (type.kind()) {
      case ROW -> type.fields().forEach(f -> checkType(table, column + "." + f.name(), f.type()));
      case ARRAY -> {
        if (type.element() == null) throw unsupported(table, column, type);
        checkType(table, column + "[]", type.element());
      }
      default -> {
        if (!TextValues.isScalar(type)) throw unsupported(table, column, type);
      }
    }
  }

  private static IllegalArgumentException unsupported(String table, String column, DataType type) {
    return new IllegalArgumentException(
        "Format 'json' of table '"
            + table
            + "' cannot hold column '"
            + column
            + "' of type "
            + type
            + "; it reads scalars, ARRAY and ROW");
  }

  @Override
  public String name() {
    return JSON;
  }

  @Override
  public String fileExtension() {
    return "json";
  }

  @Override
  public RecordDecoder decoder() {
    JsonTreeDecoder tree = new JsonTreeDecoder(MAPPER.reader(), schema, failOnMissingField);
    return new JsonRecordDecoder(MAPPER, tree, schema, failOnMissingField);
  }

  @Override
  public RecordEncoder encoder() {
    return new JsonRecordEncoder(MAPPER, schema, isoTimestamps);
  }

  @Override
  public void readRecords(BufferedReader text, RecordConsumer consumer) throws IOException {
    long lineNumber = 0;
    for (String line = text.readLine(); line != null; line = text.readLine()) {
      lineNumber++;
      if (!line.isBlank()) consumer.accept(lineNumber, line);
    }
  }
}
