package dev.sluice.connectors.kafka;

import dev.sluice.connectors.format.MalformedRecordException;
import dev.sluice.runtime.data.Values;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.TypeKind;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One column as the bytes of the key or value: UTF-8 text for VARCHAR (bytes that are not UTF-8
 * are a malformed record), as they are for BINARY.
 */
final class RawFieldFormat implements FieldsFormat {
  private final Field field;
  private final int position;

  private RawFieldFormat(Field field, int position) {
    this.field = field;
    this.position = position;
  }

  static RawFieldFormat of(List<Field> fields, int[] positions, String table, String role) {
    if (fields.size() != 1 || (fields.get(0).type().kind() != TypeKind.VARCHAR && fields.get(0).type().kind() != TypeKind.BINARY)) {
      throw new IllegalArgumentException(
          "Kafka table '" + table + "' reads its " + role + " with format 'raw', which holds exactly one VARCHAR or BINARY column, but the "
              + role + " has " + fields.size() + " column" + (fields.size() == 1 ? " of type " + fields.get(0).type() : "s")
              + "; use 'json' or 'csv' for several columns");
    }
    return new RawFieldFormat(fields.get(0), positions[0]);
  }

  @Override
  public void decode(byte[] bytes, Object[] row) throws MalformedRecordException {
    row[position] = field.type().kind() == TypeKind.BINARY ? bytes.clone() : FieldsFormat.utf8(bytes);
  }

  @Override
  public byte[] encode(Object[] row) {
    Object value = row[position];
    if (value == null) return null;
    if (value instanceof byte[] bytes) return bytes.clone();
    return Values.toDisplayString(value, field.type()).getBytes(StandardCharsets.UTF_8);
  }
}
