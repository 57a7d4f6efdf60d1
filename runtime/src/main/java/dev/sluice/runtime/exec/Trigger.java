package dev.sluice.runtime.exec;

import java.time.Duration;
import java.util.Locale;

/** When a query starts its micro-batches; see SEMANTICS.md "Triggers and micro-batches". */
public sealed interface Trigger {

  /** As fast as possible: the next batch starts when the last ended and new data is there. */
  record Default() implements Trigger {}

  /** One batch per interval, started on the interval's ticks. */
  record Interval(Duration interval) implements Trigger {}

  /** One batch with everything available, then stop. */
  record Once() implements Trigger {}

  /** Everything available at start, in as many batches as the source limits need, then stop. */
  record AvailableNow() implements Trigger {}

  /**
   * No thread of its own: batches run only inside {@code processAllAvailable()}, on the caller's
   * thread. For applications and tests that drive a query step by step; the embedded API offers
   * it, SQL settings do not.
   */
  record Manual() implements Trigger {}

  /** Parses the {@code 'trigger'} setting: {@code default}, {@code once}, {@code available-now}, or an interval. */
  static Trigger parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "default", "":
        return new Default();
      case "once":
        return new Once();
      case "available-now", "availablenow", "available_now":
        return new AvailableNow();
      default:
        break;
    }
    Duration d = Intervals.parse(t);
    if (d != null) return d.isZero() ? new Default() : new Interval(d);
    throw new IllegalArgumentException(
        "Unknown trigger '" + text + "': valid triggers are 'default', 'once', 'available-now' or an interval such as '10 seconds'");
  }

  /** The setting's spelling of this trigger. */
  default String sqlName() {
    if (this instanceof Interval i) {
      long ms = i.interval().toMillis();
      return ms % 1000 == 0 ? (ms / 1000) + " seconds" : ms + " ms";
    }
    if (this instanceof Once) return "once";
    if (this instanceof AvailableNow) return "available-now";
    if (this instanceof Manual) return "manual";
    return "default";
  }
}
