package dev.sluice.connectors.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    ObjectReader reader = MAPPER.reader();
    return record -> decode(reader, record);
  }

  private Object[] decode(ObjectReader reader, String record) {
    JsonNode node;
    try {
      node = reader.readTree(record);
    } catch (JsonProcessingException e) {
      throw new MalformedRecordException("not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new MalformedRecordException("not valid JSON: " + e.getMessage());
    }
    if (node == null || node.isMissingNode()) throw new MalformedRecordException("empty record");
    if (!node.isObject()) {
      throw new MalformedRecordException(
          "expected a JSON object but found " + node.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    return fields(node, schema.fields(), "");
  }

  private Object[] fields(JsonNode object, List<Field> fields, String path) {
    Object[] row = new Object[fields.size()];
    for (int i = 0; i < row.length; i++) {
      Field field = fields.get(i);
      String column = path + field.name();
      JsonNode value = field(object, field.name());
      if (value == null && failOnMissingField) {
        throw new MalformedRecordException("field '" + column + "' is missing");
      }
      row[i] = value(value, field.type(), column);
    }
    return row;
  }

  /** The field named {@code name}, matched exactly or else ignoring case, as SQL names are. */
  private static JsonNode field(JsonNode object, String name) {
    JsonNode exact = object.get(name);
    if (exact != null) return exact;
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (entry.getKey().equalsIgnoreCase(name)) return entry.getValue();
    }
    return null;
  }

  private Object value(JsonNode node, DataType type, String column) {
    if (node == null || node.isNull()) {
      if (!type.nullable()) {
        throw new MalformedRecordException("column '" + column + "' is NOT NULL but has no value");
      }
      return null;
    }
    return switch (type.kind()) {
      case ROW -> {
        if (!node.isObject()) throw mismatch(node, type, column);
        yield fields(node, type.fields(), column + ".");
      }
      case ARRAY -> {
        if (!node.isArray()) throw mismatch(node, type, column);
        List<Object> elements = new ArrayList<>(node.size());
        for (JsonNode element : node) elements.add(value(element, type.element(), column + "[]"));
        yield elements;
      }
      case VARCHAR -> node.isContainerNode() ? node.toString() : node.asText();
      case BOOLEAN -> {
        if (node.isBoolean()) yield node.booleanValue();
        if (!node.isTextual()) throw mismatch(node, type, column);
        yield TextValues.parse(node.textValue(), type, column);
      }
      case TINYINT, SMALLINT, INTEGER, BIGINT -> {
        if (node.isNumber()) yield TextValues.wholeNumber(node.decimalValue(), type, column);
        if (!node.isTextual()) throw mismatch(node, type, column);
        yield TextValues.parse(node.textValue(), type, column);
      }
      case FLOAT -> {
        if (!node.isNumber()) yield text(node, type, column);
        float f = node.floatValue();
        if (Float.isInfinite(f)) throw mismatch(node, type, column);
        yield f;
      }
      case DOUBLE -> {
        if (!node.isNumber()) yield text(node, type, column);
        double d = node.doubleValue();
        if (Double.isInfinite(d)) throw mismatch(node, type, column);
        yield d;
      }
      case DECIMAL ->
          node.isNumber()
              ? TextValues.fitDecimal(node.decimalValue(), type, column)
              : text(node, type, column);
      default -> text(node, type, column);
    };
  }

  private static Object text(JsonNode node, DataType type, String column) {
    if (!node.isTextual()) throw mismatch(node, type, column);
    return TextValues.parse(node.textValue(), type, column);
  }

  private static MalformedRecordException mismatch(JsonNode node, DataType type, String column) {
    String shown = node.toString();
    if (shown.length() > 60) shown = shown.substring(0, 57) + "...";
    return new MalformedRecordException(
        "column '" + column + "': " + shown + " is not a valid " + type.withNullable(true));
  }

  @Override
  public RecordEncoder encoder() {
    return row -> {
      try {
        return MAPPER.writeValueAsString(object(row, schema.fields()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Cannot write a JSON record: " + e.getOriginalMessage(), e);
      }
    };
  }

  private ObjectNode object(Object[] row, List<Field> fields) {
    ObjectNode object = MAPPER.createObjectNode();
    for (int i = 0; i < fields.size(); i++) {
      object.set(fields.get(i).name(), node(row[i], fields.get(i).type()));
    }
    return object;
  }

  private JsonNode node(Object value, DataType type) {
    JsonNodeFactory nodes = MAPPER.getNodeFactory();
    if (value == null) return nodes.nullNode();
    return switch (type.kind()) {
      case ROW -> object((Object[]) value, type.fields());
      case ARRAY -> {
        ArrayNode array = nodes.arrayNode();
        for (Object element : (List<?>) value) array.add(node(element, type.element()));
        yield array;
      }
      case BOOLEAN -> nodes.booleanNode((Boolean) value);
      case TINYINT, SMALLINT, INTEGER, BIGINT -> nodes.numberNode(((Number) value).longValue());
      case FLOAT -> nodes.numberNode((Float) value);
      case DOUBLE -> nodes.numberNode((Double) value);
      case DECIMAL -> nodes.numberNode((BigDecimal) value);
      default -> nodes.textNode(TextValues.format(value, type, isoTimestamps));
    };
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
