package dev.sluice.connectors.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the records of one {@link JsonFormat} table straight from Jackson's tokens into the row,
 * without building a tree. Fields usually come in column order, so the parser is asked first
 * whether the next field is the column after the last one matched, which it answers by comparing
 * the text; any other name is looked up in a table made once per decoder.
 *
 * <p>{@link JsonTreeDecoder} defines what a record means; this class gives the same rows faster for
 * the records it can. A JSON value of a column that it does not convert itself (a string for a ROW,
 * a number beyond BIGINT, a float for an INT...) is read into a tree and converted by {@link
 * JsonTreeDecoder#value}. A record it cannot take (not valid JSON, not an object, a value that does
 * not fit, a missing field the table requires) is decoded again by the tree decoder, which refuses
 * it for the same reason, and in the same order of reasons, as ever. Tables with two column names
 * that differ only in case (where one JSON field can feed two columns) are always decoded by the
 * tree decoder.
 */
final class JsonRecordDecoder implements RecordDecoder {
  private final ObjectMapper mapper;
  private final ObjectReader valueReader;
  private final JsonTreeDecoder tree;
  private final Columns columns;
  private final boolean failOnMissingField;

  /**
   * @param mapper reads JSON as {@code tree}'s reader does, refusing trailing tokens
   */
  JsonRecordDecoder(
      ObjectMapper mapper, JsonTreeDecoder tree, Schema schema, boolean failOnMissingField) {
    this.mapper = mapper;
    // A value inside a record is followed by the rest of the record.
    valueReader = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.tree = tree;
    columns = Columns.of(schema.fields(), "");
    this.failOnMissingField = failOnMissingField;
  }

  @Override
  public Object[] decode(String record) {
    Object[] row = columns.streamable ? stream(record) : null;
    return row != null ? row : tree.decode(record);
  }

  /** The row of {@code record}, or null for the tree decoder to decode it or say what is wrong. */
  private Object[] stream(String record) {
    try (JsonParser parser = mapper.createParser(record)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) return null;
      Object[] row = object(parser, columns);
      return parser.nextToken() == null ? row : null;
    } catch (IOException | MalformedRecordException | NumberFormatException e) {
      // Jackson throws NumberFormatException for a number whose exponent overflows an int.
      return null;
    }
  }

  /**
   * The fields of the object whose start is the current token, up to and including its end. A
   * column takes the field of its name, or if there is none, the first field whose name differs
   * only in case; a name given twice takes its last value, as in a tree.
   */
  private Object[] object(JsonParser parser, Columns columns) throws IOException {
    Object[] row = new Object[columns.size()];
    byte[] matched = columns.matched;
    Arrays.fill(matched, Columns.UNMATCHED);
    int next = 0;
    while (true) {
      int i;
      String name = null;
      // Jackson matches the expected name against the raw text, without decoding the name.
      if (next < row.length && parser.nextFieldName(columns.quotedName(next))) {
        i = next;
      } else {
        if (next == row.length) parser.nextToken();
        if (parser.currentToken() != JsonToken.FIELD_NAME) break;
        name = parser.currentName();
        i = columns.exactly(name);
      }
      JsonToken token = parser.nextToken();
      if (i >= 0) {
        row[i] = value(parser, token, columns.column(i));
        matched[i] = Columns.EXACTLY;
        next = i + 1;
      } else if ((i = columns.ignoringCase(name)) >= 0
          && (matched[i] == Columns.UNMATCHED
              || matched[i] == Columns.IGNORING_CASE && columns.matchedName[i].equals(name))) {
        row[i] = value(parser, token, columns.column(i));
        matched[i] = Columns.IGNORING_CASE;
        columns.matchedName[i] = name;
      } else {
        parser.skipChildren();
      }
    }
    for (int i = 0; i < row.length; i++) {
      if (matched[i] != Columns.UNMATCHED) continue;
      Column column = columns.column(i);
      if (failOnMissingField) {
        throw new MalformedRecordException("field '" + column.name + "' is missing");
      }
      if (!column.nullable) {
        throw new MalformedRecordException("column '" + column.name + "' is NOT NULL");
      }
    }
    return row;
  }

  /** The value of {@code column} that starts at {@code token}, up to and including its end. */
  private Object value(JsonParser parser, JsonToken token, Column column) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      if (!column.nullable) throw new MalformedRecordException(column.name + " is NOT NULL");
      return null;
    }
    DataType type = column.type;
    switch (column.kind) {
      case VARCHAR -> {
        if (token == JsonToken.VALUE_STRING) return parser.getText();
      }
      case BOOLEAN -> {
        if (token == JsonToken.VALUE_TRUE) return Boolean.TRUE;
        if (token == JsonToken.VALUE_FALSE) return Boolean.FALSE;
      }
      case TINYINT, SMALLINT, INTEGER, BIGINT -> {
        if (isLong(parser, token)) {
          return TextValues.wholeNumber(parser.getLongValue(), type, column.name);
        }
      }
      case DOUBLE -> {
        if (isLong(parser, token)) return (double) parser.getLongValue();
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
          // Double.parseDouble rounds as BigDecimal.doubleValue does, but keeps the sign of zero.
          double d = parser.getDoubleValue();
          if (d != 0 && !Double.isInfinite(d)) return d;
        }
      }
      case DECIMAL -> {
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
          return TextValues.fitDecimal(parser.getDecimalValue(), type, column.name);
        }
        if (isLong(parser, token)) {
          return TextValues.fitDecimal(
              BigDecimal.valueOf(parser.getLongValue()), type, column.name);
        }
      }
      case ROW -> {
        if (token == JsonToken.START_OBJECT) return object(parser, column.fields);
      }
      case ARRAY -> {
        if (token == JsonToken.START_ARRAY) return array(parser, column.element);
      }
      default -> {
        // FLOAT, and the types that are text in JSON
      }
    }
    if (token == JsonToken.VALUE_STRING
        && column.kind != TypeKind.ROW
        && column.kind != TypeKind.ARRAY) {
      return TextValues.parse(parser.getText(), type, column.name);
    }
    return tree.value(valueReader.readTree(parser), type, column.name);
  }

  private List<Object> array(JsonParser parser, Column element) throws IOException {
    List<Object> elements = new ArrayList<>();
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_ARRAY;
        token = parser.nextToken()) {
      if (token == null) throw new MalformedRecordException("the array does not end");
      elements.add(value(parser, token, element));
    }
    return elements;
  }

  /** Whether the current token is a whole number that fits a long. */
  private static boolean isLong(JsonParser parser, JsonToken token) throws IOException {
    return token == JsonToken.VALUE_NUMBER_INT
        && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
  }

  /** A column of the table or of a ROW, with its name in messages and what its values hold. */
  private static final class Column {
    final String name;
    final DataType type;
    final TypeKind kind;
    final boolean nullable;
    final Columns fields;
    final Column element;

    Column(String name, DataType type) {
      this.name = name;
      this.type = type;
      kind = type.kind();
      nullable = type.nullable();
      fields = kind == TypeKind.ROW ? Columns.of(type.fields(), name + ".") : null;
      element = kind == TypeKind.ARRAY ? new Column(name + "[]", type.element()) : null;
    }

    boolean streamable() {
      return fields != null ? fields.streamable : element == null || element.streamable();
    }
  }

  /**
   * The columns of the table or of a ROW, looked up by field name, and how each was matched in the
   * object being read (kept here so that reading an object allocates only its row).
   */
  private static final class Columns {
    static final byte UNMATCHED = 0;
    static final byte EXACTLY = 1;
    static final byte IGNORING_CASE = 2;

    private final String[] names;
    private final SerializableString[] quotedNames;
    private final Column[] columns;
    private final Map<String, Integer> byName = new HashMap<>();
    final byte[] matched;
    final String[] matchedName;

    /** Whether no two names differ only in case, here or in a ROW within. */
    final boolean streamable;

    private Columns(List<Field> fields, String path) {
      names = new String[fields.size()];
      quotedNames = new SerializableString[fields.size()];
      columns = new Column[fields.size()];
      boolean caseClash = false;
      for (int i = 0; i < names.length; i++) {
        names[i] = fields.get(i).name();
        quotedNames[i] = new SerializedString(names[i]);
        columns[i] = new Column(path + names[i], fields.get(i).type());
        byName.put(names[i], i);
        for (int j = 0; j < i; j++) caseClash |= names[j].equalsIgnoreCase(names[i]);
      }
      matched = new byte[names.length];
      matchedName = new String[names.length];
      boolean nestedStreamable = true;
      for (Column column : columns) nestedStreamable &= column.streamable();
      streamable = !caseClash && nestedStreamable;
    }

    static Columns of(List<Field> fields, String path) {
      return new Columns(fields, path);
    }

    int size() {
      return names.length;
    }

    Column column(int i) {
      return columns[i];
    }

    /** The name of column {@code i} as JSON writes it, for {@link JsonParser#nextFieldName}. */
    SerializableString quotedName(int i) {
      return quotedNames[i];
    }

    /** The column named {@code name}, or -1. */
    int exactly(String name) {
      Integer i = byName.get(name);
      return i == null ? -1 : i;
    }

    /** The one column whose name differs from {@code name} only in case, or -1. */
    int ignoringCase(String name) {
      int found = -1;
      for (int i = 0; i < names.length; i++) {
        if (names[i].equalsIgnoreCase(name)) {
          if (found >= 0) throw new MalformedRecordException("'" + name + "' names two columns");
          found = i;
        }
      }
      return found;
    }
  }
}
