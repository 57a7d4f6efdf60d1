package dev.sluice.connectors.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.connectors.format.MalformedRecordException;
import dev.sluice.connectors.format.TextValues;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.TypeKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Columns as the fields of one JSON object, by column name (an exact match first, then one that
 * differs only in case). A missing field or JSON {@code null} is SQL NULL, and a missing field is
 * malformed with Flink's {@code 'json.fail-on-missing-field'}; timestamps, dates and times are
 * written as text ({@code 2024-05-01 12:07:00.5}) and read from text or, for timestamps, epoch
 * milliseconds; a nested object or array read into a VARCHAR column is kept as its JSON text.
 * Scalars are read by the file formats' {@link TextValues}, numbers by their exact value, so a
 * value that does not fit its column is malformed here as there.
 */
final class JsonFieldsFormat implements FieldsFormat {
  /** Numbers as exact decimals, read (and refused) by {@link TextValues#number}. */
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();

  /**
   * Flink's JSON format options of a Kafka key or value.
   *
   * @param failOnMissingField {@code 'json.fail-on-missing-field'}: an object without a field of a
   *     column is malformed
   * @param isoTimestamps {@code 'json.timestamp-format.standard' = 'ISO-8601'}: timestamps are
   *     written with a {@code T} before the time (either form is read)
   */
  record Options(boolean failOnMissingField, boolean isoTimestamps) {
    /** Flink's defaults. */
    static final Options DEFAULT = new Options(false, false);
  }

  private final List<Field> fields;
  private final int[] positions;
  private final boolean failOnMissingField;
  private final boolean isoTimestamps;

  JsonFieldsFormat(List<Field> fields, int[] positions, Options options) {
    this.fields = List.copyOf(fields);
    this.positions = positions.clone();
    this.failOnMissingField = options.failOnMissingField();
    this.isoTimestamps = options.isoTimestamps();
  }

  @Override
  public void decode(byte[] bytes, Object[] row) throws MalformedRecordException {
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new MalformedRecordException("not valid JSON (" + firstLine(e) + ")");
    } catch (NumberFormatException e) {
      // Jackson's refusal of a number whose exponent overflows an int, such as 1e2147483648
      throw new MalformedRecordException("a number cannot be read: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw new MalformedRecordException("expected a JSON object, found " + (node == null ? "nothing" : node.getNodeType()));
    }
    for (int i = 0; i < positions.length; i++) {
      Field field = fields.get(i);
      row[positions[i]] = value(field(node, field.name(), field.name()), field.type(), field.name());
    }
  }

  private static JsonNode find(JsonNode object, String name) {
    JsonNode exact = object.get(name);
    if (exact != null) return exact;
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
    }
    return null;
  }

  /** The field {@code name} of {@code object}, or null; missing, it is malformed with {@code 'json.fail-on-missing-field'}. */
  private JsonNode field(JsonNode object, String name, String path) throws MalformedRecordException {
    JsonNode value = find(object, name);
    if (value == null && failOnMissingField) throw new MalformedRecordException("field '" + path + "' is missing");
    return value;
  }

  private Object value(JsonNode node, DataType type, String path) throws MalformedRecordException {
    if (node == null || node.isNull()) return null;
    try {
      return switch (type.kind()) {
        case BOOLEAN -> node.isBoolean() ? node.booleanValue() : textual(node, type, path);
        case TINYINT, SMALLINT, INTEGER, BIGINT, FLOAT, DOUBLE, DECIMAL ->
            node.isNumber() ? TextValues.number(node.decimalValue(), type, path) : textual(node, type, path);
        case VARCHAR -> node.isValueNode() ? node.asText() : node.toString();
        case TIMESTAMP, TIMESTAMP_LTZ -> {
          if (!node.isIntegralNumber()) yield textual(node, type, path);
          if (!node.canConvertToLong()) throw mismatch(node, type, path);
          yield node.longValue();
        }
        // BINARY is base64 text, as Jackson writes a byte[]
        case DATE, TIME, BINARY -> textual(node, type, path);
        case ARRAY -> {
          if (!node.isArray()) throw mismatch(node, type, path);
          List<Object> list = new ArrayList<>(node.size());
          for (int i = 0; i < node.size(); i++) list.add(value(node.get(i), type.element(), path + "[" + i + "]"));
          yield list;
        }
        case ROW -> {
          if (!node.isObject()) throw mismatch(node, type, path);
          Object[] nested = new Object[type.fields().size()];
          for (int i = 0; i < nested.length; i++) {
            Field f = type.fields().get(i);
            nested[i] = value(field(node, f.name(), path + "." + f.name()), f.type(), path + "." + f.name());
          }
          yield nested;
        }
        default -> throw new MalformedRecordException("field '" + path + "': Sluice reads no " + type + " from JSON");
      };
    } catch (IllegalArgumentException e) {
      throw new MalformedRecordException("field '" + path + "': " + e.getMessage());
    }
  }

  private static Object textual(JsonNode node, DataType type, String path) throws MalformedRecordException {
    if (!node.isTextual()) throw mismatch(node, type, path);
    return TextValues.parse(node.textValue(), type, path);
  }

  private static MalformedRecordException mismatch(JsonNode node, DataType type, String path) {
    String shown = node.toString();
    if (shown.length() > 60) shown = shown.substring(0, 57) + "...";
    return new MalformedRecordException("field '" + path + "': " + shown + " is not a valid " + type);
  }

  private static String firstLine(IOException e) {
    String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    if (message == null) return e.getClass().getSimpleName();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  @Override
  public byte[] encode(Object[] row) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < positions.length; i++) {
      Field field = fields.get(i);
      object.set(field.name(), node(row[positions[i]], field.type()));
    }
    try {
      return JSON.writeValueAsBytes(object);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a row as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private JsonNode node(Object value, DataType type) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (value == null) return nodes.nullNode();
    return switch (type.kind()) {
      // As the file format writes them, and as Flink's SQL standard does: a TIMESTAMP_LTZ ends in Z.
      case TIMESTAMP, TIMESTAMP_LTZ, DATE, TIME -> nodes.textNode(TextValues.format(value, type, isoTimestamps));
      case ARRAY -> {
        ArrayNode array = nodes.arrayNode();
        for (Object element : (List<?>) value) {
          array.add(node(element, type.element() == null ? DataType.of(TypeKind.ANY) : type.element()));
        }
        yield array;
      }
      case ROW -> {
        ObjectNode object = nodes.objectNode();
        Object[] values = (Object[]) value;
        for (int i = 0; i < type.fields().size() && i < values.length; i++) {
          object.set(type.fields().get(i).name(), node(values[i], type.fields().get(i).type()));
        }
        yield object;
      }
      default -> JSON.valueToTree(value);
    };
  }
}
