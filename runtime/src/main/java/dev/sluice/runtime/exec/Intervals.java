package dev.sluice.runtime.exec;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as settings spell them: {@code '500 ms'}, {@code '10 seconds'}, {@code '5 min'}, {@code '1 hour'}, {@code '7 days'}. */
public final class Intervals {
  private static final Pattern INTERVAL = Pattern.compile("(\\d+)\\s*(ms|milliseconds?|s|seconds?|m|min|minutes?|h|hours?|d|days?)");

  private Intervals() {}

  /** The duration {@code text} spells, or null when it spells none. */
  public static Duration parse(String text) {
    Matcher m = INTERVAL.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) return null;
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2);
    return unit.startsWith("ms") || unit.startsWith("milli") ? Duration.ofMillis(n)
        : unit.startsWith("d") ? Duration.ofDays(n)
        : unit.startsWith("h") ? Duration.ofHours(n)
        : unit.equals("m") || unit.startsWith("min") ? Duration.ofMinutes(n)
        : Duration.ofSeconds(n);
  }
}
