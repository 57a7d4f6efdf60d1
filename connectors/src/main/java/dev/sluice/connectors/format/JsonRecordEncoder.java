package dev.sluice.connectors.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * Encodes the rows of one {@link JsonFormat} table as JSON objects, writing each value to one
 * Jackson generator for the encoder's life rather than building a tree per row. The generator
 * writes into a buffer the encoder empties after each row, with nothing between rows.
 */
final class JsonRecordEncoder implements RecordEncoder {
  private final Shape table;
  private final boolean isoTimestamps;
  private final RecordBuffer records;
  /** The generator of {@link #records}, for the record being written. */
  private JsonGenerator generator;

  /**
   * @param mapper writes JSON as the format does (decimals as plain numbers)
   * @param isoTimestamps write {@code T} rather than a space before the time of a timestamp
   */
  JsonRecordEncoder(ObjectMapper mapper, Schema schema, boolean isoTimestamps) {
    table = new Shape(null, schema.fields());
    this.isoTimestamps = isoTimestamps;
    this.records = new RecordBuffer("JSON", out -> mapper.createGenerator(out).setRootValueSeparator(null));
  }

  @Override
  public String encode(Object[] row) {
    try {
      generator = records.generator();
      object(row, table);
      return records.take();
    } catch (IOException e) {
      throw records.failed(e);
    }
  }

  private void object(Object[] row, Shape shape) throws IOException {
    generator.writeStartObject();
    for (int i = 0; i < shape.names.length; i++) {
      generator.writeFieldName(shape.names[i]);
      value(row[i], shape.fields[i]);
    }
    generator.writeEndObject();
  }

  private void value(Object value, Shape shape) throws IOException {
    if (value == null) {
      generator.writeNull();
      return;
    }
    switch (shape.type.kind()) {
      case ROW -> object((Object[]) value, shape);
      case ARRAY -> {
        generator.writeStartArray();
        for (Object element : (List<?>) value) value(element, shape.element);
        generator.writeEndArray();
      }
      case BOOLEAN -> generator.writeBoolean((Boolean) value);
      case TINYINT, SMALLINT, INTEGER, BIGINT ->
          generator.writeNumber(((Number) value).longValue());
      case FLOAT -> generator.writeNumber((Float) value);
      case DOUBLE -> generator.writeNumber((Double) value);
      case DECIMAL -> generator.writeNumber((BigDecimal) value);
      default -> generator.writeString(TextValues.format(value, shape.type, isoTimestamps));
    }
  }

  /** A column's type with what writing its values needs: a ROW's field names, escaped once. */
  private static final class Shape {
    final DataType type;
    final SerializableString[] names;
    final Shape[] fields;
    final Shape element;

    /** The shape of a ROW of {@code fields}, such as the table's row. */
    Shape(DataType type, List<Field> fields) {
      this.type = type;
      names = new SerializableString[fields.size()];
      this.fields = new Shape[fields.size()];
      for (int i = 0; i < names.length; i++) {
        names[i] = new SerializedString(fields.get(i).name());
        this.fields[i] = of(fields.get(i).type());
      }
      element = null;
    }

    private Shape(DataType type, Shape element) {
      this.type = type;
      names = null;
      fields = null;
      this.element = element;
    }

    static Shape of(DataType type) {
      return switch (type.kind()) {
        case ROW -> new Shape(type, type.fields());
        case ARRAY -> new Shape(type, of(type.element()));
        default -> new Shape(type, (Shape) null);
      };
    }
  }
}
