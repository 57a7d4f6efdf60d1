package dev.sluice.connectors.datagen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * A position in a datagen table, as offset text. The usual form {@code {"base":B,"rows":N}} names
 * the wall-clock time {@code B} when the query first started, which places every row's event time,
 * and the number of rows before the position.
 *
 * <p>A source that has not yet seen a checkpointed offset after a restart does not know {@code B};
 * it then reports its latest offset as {@code {"until":T}}, "the rows due by wall-clock time T",
 * which {@code limitOffset} and {@code read} turn into a row count with the base of their start
 * offset.
 *
 * @param base the base, or {@link #UNKNOWN} in the provisional form
 * @param rows the rows before this position, or -1 in the provisional form
 * @param until the wall-clock time of the provisional form
 */
record DatagenOffset(long base, long rows, long until) {
  static final long UNKNOWN = Long.MIN_VALUE;
  private static final ObjectMapper JSON = new ObjectMapper();

  static DatagenOffset of(long base, long rows) {
    return new DatagenOffset(base, rows, UNKNOWN);
  }

  static DatagenOffset dueBy(long wallClockMillis) {
    return new DatagenOffset(UNKNOWN, -1, wallClockMillis);
  }

  boolean isProvisional() {
    return base == UNKNOWN;
  }

  String text() {
    return isProvisional()
        ? "{\"until\":" + until + "}"
        : "{\"base\":" + base + ",\"rows\":" + rows + "}";
  }

  static DatagenOffset parse(String text, String table) {
    try {
      JsonNode node = JSON.readTree(text);
      if (node != null
          && node.path("base").isIntegralNumber()
          && node.path("rows").canConvertToLong()) {
        long rows = node.get("rows").asLong();
        if (rows >= 0) return of(node.get("base").asLong(), rows);
      }
      if (node != null && node.path("until").isIntegralNumber()) {
        return dueBy(node.get("until").asLong());
      }
    } catch (IOException e) {
      // reported below, with the table
    }
    throw new IllegalArgumentException(
        "'"
            + text
            + "' is not an offset of datagen table '"
            + table
            + "': expected {\"base\": <epoch millis>, \"rows\": <count>}");
  }

  @Override
  public String toString() {
    return text();
  }
}
