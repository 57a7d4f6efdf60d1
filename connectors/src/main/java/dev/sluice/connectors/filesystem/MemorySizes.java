package dev.sluice.connectors.filesystem;

import dev.sluice.runtime.spi.ConnectorOptions;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes in options, written as Flink writes a {@code MemorySize}: {@code 1048576}, {@code 512 kb},
 * {@code 64mb}, {@code 1 gb}; the units are powers of 1024, as in Flink.
 */
final class MemorySizes {
  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*(b|bytes|k|kb|kib|m|mb|mib|g|gb|gib)?");

  private MemorySizes() {}

  /** The option in bytes, at least 1; a bare number is bytes. */
  static long bytes(ConnectorOptions options, String key, long fallback) {
    String value = options.get(key);
    if (value == null) return fallback;
    Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
    long bytes = -1;
    if (m.matches()) {
      String unit = m.group(2) == null ? "b" : m.group(2);
      int shift =
          switch (unit.charAt(0)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
          };
      try {
        bytes = Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
      } catch (ArithmeticException | NumberFormatException e) {
        bytes = -1;
      }
    }
    if (bytes < 1) {
      throw new IllegalArgumentException(
          "Option '"
              + key
              + "' of table '"
              + options.tableName()
              + "' must be a size of at least 1 byte such as '512 kb', '64 mb' or '1 gb', not '"
              + value
              + "'");
    }
    return bytes;
  }
}
