package dev.sluice.connectors.kafka;

import dev.sluice.connectors.format.MalformedRecordException;
import dev.sluice.connectors.format.TextValues;
import dev.sluice.runtime.data.Values;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.TypeKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Columns as the fields of one CSV line, in column order, RFC 4180 quoting with {@code "}. An empty
 * unquoted field is NULL (an empty string for VARCHAR). A line with another number of fields, or
 * a field that does not parse as its column type, is malformed. Fields are read by the file
 * formats' {@link TextValues}, so a value means the same here as in a CSV file.
 */
final class CsvFieldsFormat implements FieldsFormat {
  private final List<Field> fields;
  private final int[] positions;
  private final char delimiter;

  CsvFieldsFormat(List<Field> fields, int[] positions, char delimiter) {
    this.fields = List.copyOf(fields);
    this.positions = positions.clone();
    this.delimiter = delimiter;
  }

  @Override
  public void decode(byte[] bytes, Object[] row) throws MalformedRecordException {
    String line = FieldsFormat.utf8(bytes);
    if (line.endsWith("\r\n")) line = line.substring(0, line.length() - 2);
    else if (line.endsWith("\n")) line = line.substring(0, line.length() - 1);
    List<String> values = split(line);
    if (values.size() != positions.length) {
      throw new MalformedRecordException("expected " + positions.length + " CSV fields, found " + values.size());
    }
    for (int i = 0; i < positions.length; i++) {
      Field field = fields.get(i);
      String text = values.get(i);
      if (text == null) {
        row[positions[i]] = field.type().kind() == TypeKind.VARCHAR ? "" : null;
        continue;
      }
      row[positions[i]] = TextValues.parse(text, field.type(), field.name());
    }
  }

  /** The fields of {@code line}; null for an empty unquoted field. */
  private List<String> split(String line) throws MalformedRecordException {
    List<String> values = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            current.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          current.append(c);
        }
      } else if (c == '"' && current.length() == 0 && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else if (c == delimiter) {
        values.add(current.length() == 0 && !wasQuoted ? null : current.toString());
        current.setLength(0);
        wasQuoted = false;
      } else {
        current.append(c);
      }
    }
    if (quoted) throw new MalformedRecordException("a quoted CSV field is not closed");
    values.add(current.length() == 0 && !wasQuoted ? null : current.toString());
    return values;
  }

  @Override
  public byte[] encode(Object[] row) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < positions.length; i++) {
      if (i > 0) sb.append(delimiter);
      Object value = row[positions[i]];
      if (value == null) continue;
      DataType type = fields.get(i).type();
      // The text decode reads back: BINARY as base64 (a display string would be "[B@1b6d3586").
      String text = TextValues.isScalar(type) ? TextValues.format(value, type, false) : Values.toDisplayString(value, type);
      boolean quote = text.isEmpty() || text.indexOf(delimiter) >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
      if (quote) sb.append('"').append(text.replace("\"", "\"\"")).append('"');
      else sb.append(text);
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
