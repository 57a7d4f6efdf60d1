package dev.sluice.connectors.filesystem;

import dev.sluice.runtime.spi.ConnectorOptions;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in options, written as Flink writes them: {@code 500 ms}, {@code 10s}, {@code 1 min}.
 */
final class Durations {
  private static final Pattern DURATION =
      Pattern.compile(
          "(\\d+)\\s*(ms|milli|millis|millisecond|milliseconds|s|sec|secs|second|seconds"
              + "|m|min|mins|minute|minutes|h|hour|hours|d|day|days)?");

  private Durations() {}

  /** The option in milliseconds; a bare number is milliseconds, as in Flink. */
  static long millis(ConnectorOptions options, String key, long fallback) {
    String value = options.get(key);
    if (value == null) return fallback;
    Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "Option '"
              + key
              + "' of table '"
              + options.tableName()
              + "' must be a duration such as '500 ms', '10 s' or '1 min', not '"
              + value
              + "'");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2);
    long scale =
        switch (unit) {
          case "d", "day", "days" -> 86_400_000L;
          case "h", "hour", "hours" -> 3_600_000L;
          case "m", "min", "mins", "minute", "minutes" -> 60_000L;
          case "s", "sec", "secs", "second", "seconds" -> 1_000L;
          default -> 1L;
        };
    return amount * scale;
  }
}
