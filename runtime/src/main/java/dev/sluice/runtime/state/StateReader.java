package dev.sluice.runtime.state;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Reads what {@link StateWriter} wrote, in the same order. */
public final class StateReader {
  private final DataInputStream in;

  public StateReader(InputStream in) {
    this.in = new DataInputStream(in);
  }

  public int readInt() throws IOException {
    return in.readInt();
  }

  public long readLong() throws IOException {
    return in.readLong();
  }

  public double readDouble() throws IOException {
    return in.readDouble();
  }

  public boolean readBoolean() throws IOException {
    return in.readBoolean();
  }

  public String readString() throws IOException {
    return (String) readValue();
  }

  public Object[] readRow() throws IOException {
    int length = in.readInt();
    if (length < 0) return null;
    Object[] row = new Object[length];
    for (int i = 0; i < length; i++) row[i] = readValue();
    return row;
  }

  public Object readValue() throws IOException {
    byte tag = in.readByte();
    return switch (tag) {
      case StateWriter.NULL -> null;
      case StateWriter.LONG -> in.readLong();
      case StateWriter.INT -> in.readInt();
      case StateWriter.STRING -> {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        yield new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
      }
      case StateWriter.DOUBLE -> in.readDouble();
      case StateWriter.BOOLEAN -> in.readBoolean();
      case StateWriter.DECIMAL -> new BigDecimal(new BigInteger((String) readValue()), in.readInt());
      case StateWriter.FLOAT -> in.readFloat();
      case StateWriter.SHORT -> in.readShort();
      case StateWriter.BYTE -> in.readByte();
      case StateWriter.LIST -> {
        int n = in.readInt();
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) list.add(readValue());
        yield list;
      }
      case StateWriter.ROW -> readRow();
      case StateWriter.BYTES -> {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        yield bytes;
      }
      default -> throw new IOException("Corrupt operator state: unknown value tag " + tag);
    };
  }
}
