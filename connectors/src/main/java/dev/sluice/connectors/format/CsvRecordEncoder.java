package dev.sluice.connectors.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.io.IOException;
import java.util.List;

/**
 * Encodes the rows of one {@link CsvFormat} table with one Jackson CSV generator for the encoder's
 * life, which writes each row into a buffer the encoder then empties. Rows go in as objects of the
 * schema's named columns, because Jackson drops the NULL elements of an array row.
 */
final class CsvRecordEncoder implements RecordEncoder {
  private final DataType[] types;
  private final SerializableString[] columns;
  private final String nullLiteral;
  private final String arrayDelimiter;
  private final RecordBuffer records;

  /**
   * @param writer writes a row with the table's Jackson CSV schema, whose columns are {@link
   *     #column}{@code (i)}
   */
  CsvRecordEncoder(Schema schema, ObjectWriter writer, String nullLiteral, String arrayDelimiter) {
    types = new DataType[schema.size()];
    columns = new SerializableString[schema.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = schema.field(i).type();
      columns[i] = new SerializedString(column(i));
    }
    this.nullLiteral = nullLiteral;
    this.arrayDelimiter = arrayDelimiter;
    this.records = new RecordBuffer("CSV", writer::createGenerator);
  }

  /** The name of the {@code i}th column in the Jackson schema. */
  static String column(int i) {
    return "c" + i;
  }

  @Override
  public String encode(Object[] row) {
    try {
      JsonGenerator generator = records.generator();
      generator.writeStartObject();
      for (int i = 0; i < types.length; i++) {
        generator.writeFieldName(columns[i]);
        String text = text(row[i], types[i]);
        if (text == null) {
          generator.writeNull();
        } else {
          generator.writeString(text);
        }
      }
      generator.writeEndObject();
      return records.take();
    } catch (IOException e) {
      throw records.failed(e);
    }
  }

  private String text(Object value, DataType type) {
    if (value == null) return null;
    if (type.kind() != TypeKind.ARRAY) return TextValues.format(value, type, false);
    StringBuilder joined = new StringBuilder();
    List<?> elements = (List<?>) value;
    for (int i = 0; i < elements.size(); i++) {
      if (i > 0) joined.append(arrayDelimiter);
      Object element = elements.get(i);
      joined.append(
          element == null
              ? nullLiteral == null ? "" : nullLiteral
              : TextValues.format(element, type.element(), false));
    }
    return joined.toString();
  }
}
