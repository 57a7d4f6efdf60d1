package dev.sluice.runtime.state;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;

/**
 * Writes operator state in a compact tagged binary form: every value carries a one-byte tag for
 * its Java class, so rows of any schema round-trip through {@link StateReader}.
 */
public final class StateWriter implements AutoCloseable {
  static final byte NULL = 0, BOOLEAN = 1, BYTE = 2, SHORT = 3, INT = 4, LONG = 5, FLOAT = 6,
      DOUBLE = 7, DECIMAL = 8, STRING = 9, LIST = 10, ROW = 11, BYTES = 12;

  private final DataOutputStream out;

  public StateWriter(OutputStream out) {
    this.out = new DataOutputStream(out);
  }

  public void writeInt(int v) throws IOException {
    out.writeInt(v);
  }

  public void writeLong(long v) throws IOException {
    out.writeLong(v);
  }

  public void writeDouble(double v) throws IOException {
    out.writeDouble(v);
  }

  public void writeBoolean(boolean v) throws IOException {
    out.writeBoolean(v);
  }

  public void writeString(String v) throws IOException {
    writeValue(v);
  }

  public void writeRow(Object[] row) throws IOException {
    if (row == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(row.length);
    for (Object v : row) writeValue(v);
  }

  public void writeValue(Object v) throws IOException {
    if (v == null) {
      out.writeByte(NULL);
    } else if (v instanceof Long l) {
      out.writeByte(LONG);
      out.writeLong(l);
    } else if (v instanceof Integer i) {
      out.writeByte(INT);
      out.writeInt(i);
    } else if (v instanceof String s) {
      out.writeByte(STRING);
      byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      out.writeInt(bytes.length);
      out.write(bytes);
    } else if (v instanceof Double d) {
      out.writeByte(DOUBLE);
      out.writeDouble(d);
    } else if (v instanceof Boolean b) {
      out.writeByte(BOOLEAN);
      out.writeBoolean(b);
    } else if (v instanceof BigDecimal d) {
      out.writeByte(DECIMAL);
      writeValue(d.unscaledValue().toString());
      out.writeInt(d.scale());
    } else if (v instanceof Float f) {
      out.writeByte(FLOAT);
      out.writeFloat(f);
    } else if (v instanceof Short s) {
      out.writeByte(SHORT);
      out.writeShort(s);
    } else if (v instanceof Byte b) {
      out.writeByte(BYTE);
      out.writeByte(b);
    } else if (v instanceof List<?> list) {
      out.writeByte(LIST);
      out.writeInt(list.size());
      for (Object e : list) writeValue(e);
    } else if (v instanceof Object[] row) {
      out.writeByte(ROW);
      writeRow(row);
    } else if (v instanceof byte[] bytes) {
      out.writeByte(BYTES);
      out.writeInt(bytes.length);
      out.write(bytes);
    } else {
      throw new IOException("Cannot store a value of " + v.getClass().getName() + " in operator state");
    }
  }

  @Override
  public void close() throws IOException {
    out.flush();
  }
}
