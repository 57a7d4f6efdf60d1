package dev.sluice.runtime.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A row held for long in one {@code byte[]}, for state that buffers many rows it rarely reads
 * (a join side): a row of boxed values costs an object per value, and a string two, each with
 * its header, and the collector traces them all on every full collection. Whole numbers are
 * variable-length (zigzag), strings UTF-8 as checkpoints store them. {@link #encode} takes rows of
 * {@code BIGINT}, {@code INTEGER}, {@code SMALLINT}, {@code TINYINT}, {@code BOOLEAN}, {@code
 * DOUBLE} and string values and NULLs; for a row with a value of another type it returns null,
 * and the caller keeps the row as it is.
 *
 * <p>One encoder per thread: it reuses its buffer.
 */
public final class RowBytes {
  private static final byte NULL = 0;
  private static final byte LONG = 1;
  private static final byte INT = 2;
  private static final byte SHORT = 3;
  private static final byte BYTE = 4;
  private static final byte FALSE = 5;
  private static final byte TRUE = 6;
  private static final byte DOUBLE = 7;
  private static final byte STRING = 8;

  private byte[] buffer = new byte[256];
  private int length;

  /** {@code row} as bytes, or null when it holds a value of a type this encoding leaves out. */
  public byte[] encode(Object[] row) {
    length = 0;
    for (Object value : row) {
      if (value == null) {
        put(NULL);
      } else if (value instanceof Long l) {
        put(LONG);
        putVarLong(l);
      } else if (value instanceof String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        put(STRING);
        putVarLong(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buffer, length, utf8.length);
        length += utf8.length;
      } else if (value instanceof Integer i) {
        put(INT);
        putVarLong(i);
      } else if (value instanceof Boolean b) {
        put(b ? TRUE : FALSE);
      } else if (value instanceof Double d) {
        put(DOUBLE);
        putVarLong(Double.doubleToRawLongBits(d));
      } else if (value instanceof Short s) {
        put(SHORT);
        putVarLong(s);
      } else if (value instanceof Byte b) {
        put(BYTE);
        putVarLong(b);
      } else {
        return null;
      }
    }
    return Arrays.copyOf(buffer, length);
  }

  private void put(byte b) {
    ensure(1);
    buffer[length++] = b;
  }

  /** Zigzag, then seven bits a byte, low first: small magnitudes of either sign take few bytes. */
  private void putVarLong(long value) {
    ensure(10);
    long v = (value << 1) ^ (value >> 63);
    while ((v & ~0x7FL) != 0) {
      buffer[length++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buffer[length++] = (byte) v;
  }

  private void ensure(int more) {
    if (length + more > buffer.length) buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
  }

  /** The row of {@code width} values that {@link #encode} made {@code bytes} of. */
  public static Object[] decode(byte[] bytes, int width) {
    Object[] row = new Object[width];
    int[] at = {0};
    for (int c = 0; c < width; c++) {
      byte tag = bytes[at[0]++];
      row[c] = switch (tag) {
        case NULL -> null;
        case LONG -> varLong(bytes, at);
        case INT -> (int) varLong(bytes, at);
        case SHORT -> (short) varLong(bytes, at);
        case BYTE -> (byte) varLong(bytes, at);
        case FALSE -> Boolean.FALSE;
        case TRUE -> Boolean.TRUE;
        case DOUBLE -> Double.longBitsToDouble(varLong(bytes, at));
        case STRING -> {
          int n = (int) varLong(bytes, at);
          String s = new String(bytes, at[0], n, StandardCharsets.UTF_8);
          at[0] += n;
          yield s;
        }
        default -> throw new IllegalArgumentException("not an encoded row: tag " + tag + " at byte " + (at[0] - 1));
      };
    }
    return row;
  }

  /**
   * The whole number in column {@code column} of the row {@code bytes} encodes, without decoding
   * the others; the column must hold a non-NULL {@code BIGINT}, {@code INTEGER}, {@code SMALLINT}
   * or {@code TINYINT}.
   */
  public static long longAt(byte[] bytes, int column) {
    int[] at = {0};
    for (int c = 0; c < column; c++) {
      byte tag = bytes[at[0]++];
      if (tag == STRING) {
        int length = (int) varLong(bytes, at);
        at[0] += length;
      } else if (tag != NULL && tag != FALSE && tag != TRUE) {
        varLong(bytes, at);
      }
    }
    byte tag = bytes[at[0]++];
    if (tag < LONG || tag > BYTE) throw new IllegalArgumentException("column " + column + " holds no whole number (tag " + tag + ")");
    return varLong(bytes, at);
  }

  private static long varLong(byte[] bytes, int[] at) {
    long v = 0;
    int shift = 0;
    byte b;
    do {
      b = bytes[at[0]++];
      v |= (long) (b & 0x7F) << shift;
      shift += 7;
    } while (b < 0);
    return (v >>> 1) ^ -(v & 1);
  }
}
