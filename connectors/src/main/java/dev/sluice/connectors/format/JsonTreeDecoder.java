package dev.sluice.connectors.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes a {@link JsonFormat} record by reading it whole into a Jackson tree and then taking each
 * column from it. This is the reading that defines the format: which field a column takes, how a
 * JSON value becomes a value of its column, and which problem a malformed record is refused for
 * (text that is not JSON, before any column; then the columns in their order). {@link
 * JsonRecordDecoder} reads well-formed records faster without a tree and leaves the others, and the
 * values it does not read itself, to this class.
 */
final class JsonTreeDecoder implements RecordDecoder {
  private final ObjectReader reader;
  private final List<Field> columns;
  private final boolean failOnMissingField;

  /**
   * @param reader reads a record into a tree of exact numbers and refuses trailing tokens
   */
  JsonTreeDecoder(ObjectReader reader, Schema schema, boolean failOnMissingField) {
    this.reader = reader;
    this.columns = schema.fields();
    this.failOnMissingField = failOnMissingField;
  }

  @Override
  public Object[] decode(String record) {
    JsonNode node;
    try {
      node = reader.readTree(record);
    } catch (JsonProcessingException e) {
      throw new MalformedRecordException("not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new MalformedRecordException("not valid JSON: " + e.getMessage());
    } catch (NumberFormatException e) {
      // Jackson's refusal of a number whose exponent overflows an int, such as 1e2147483648
      throw new MalformedRecordException("a number cannot be read: " + e.getMessage());
    }
    if (node == null || node.isMissingNode()) throw new MalformedRecordException("empty record");
    if (!node.isObject()) {
      throw new MalformedRecordException(
          "expected a JSON object but found " + node.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    return fields(node, columns, "");
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

  /**
   * The value of a JSON value, or of a missing one (null), in a column of {@code type}.
   *
   * @param column the column's name in messages, with the path to it in nested values
   */
  Object value(JsonNode node, DataType type, String column) {
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
      case TINYINT, SMALLINT, INTEGER, BIGINT, FLOAT, DOUBLE, DECIMAL ->
          node.isNumber()
              ? TextValues.number(node.decimalValue(), type, column)
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
}
