package dev.sluice.connectors.nexmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * A position in a nexmark table, as offset text. The usual form {@code {"start":S,"events":N}}
 * names the wall-clock time {@code S} when the query first started, which paces a rate-limited
 * table and is the event-time base of one with {@code 'base-time' = 'now'}, and the number of
 * events before the position.
 *
 * <p>A source offers its latest offset without knowing {@code S}, which after a restart only the
 * checkpointed start offset tells, in one of two provisional forms that {@code limitOffset} and
 * {@code read} resolve with the start of their first argument: {@code {"events":N}}, all events up
 * to {@code N} (as fast as possible), or {@code {"due-by":T}}, the events due by wall-clock time
 * {@code T} (rate limited).
 *
 * @param start the wall-clock start, or {@link #UNKNOWN} in a provisional form
 * @param events the events before this position, or -1 in the {@code due-by} form
 * @param dueBy the wall-clock time of the {@code due-by} form, else {@link #UNKNOWN}
 */
record NexmarkOffset(long start, long events, long dueBy) {
  static final long UNKNOWN = Long.MIN_VALUE;
  private static final ObjectMapper JSON = new ObjectMapper();

  static NexmarkOffset of(long start, long events) {
    return new NexmarkOffset(start, events, UNKNOWN);
  }

  static NexmarkOffset allUpTo(long events) {
    return new NexmarkOffset(UNKNOWN, events, UNKNOWN);
  }

  static NexmarkOffset dueBy(long wallClockMillis) {
    return new NexmarkOffset(UNKNOWN, -1, wallClockMillis);
  }

  boolean isProvisional() {
    return start == UNKNOWN;
  }

  boolean isDueBy() {
    return dueBy != UNKNOWN;
  }

  String text() {
    if (isDueBy()) return "{\"due-by\":" + dueBy + "}";
    if (isProvisional()) return "{\"events\":" + events + "}";
    return "{\"start\":" + start + ",\"events\":" + events + "}";
  }

  static NexmarkOffset parse(String text, String table) {
    try {
      JsonNode node = JSON.readTree(text);
      if (node != null && node.isObject()) {
        JsonNode start = node.path("start");
        JsonNode events = node.path("events");
        JsonNode dueBy = node.path("due-by");
        boolean count =
            events.isIntegralNumber() && events.canConvertToLong() && events.asLong() >= 0;
        if (start.isIntegralNumber() && start.canConvertToLong() && count && node.size() == 2) {
          return of(start.asLong(), events.asLong());
        }
        if (count && node.size() == 1) return allUpTo(events.asLong());
        if (dueBy.isIntegralNumber() && dueBy.canConvertToLong() && node.size() == 1) {
          return dueBy(dueBy.asLong());
        }
      }
    } catch (IOException e) {
      // reported below, with the table
    }
    throw new IllegalArgumentException(
        "'"
            + text
            + "' is not an offset of nexmark table '"
            + table
            + "': expected {\"start\": <epoch millis>, \"events\": <count>}");
  }

  @Override
  public String toString() {
    return text();
  }
}
