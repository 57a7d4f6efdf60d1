package dev.sluice.connectors.socket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * A position in the lines a socket source received, as offset text {@code
 * {"session":"<id>","lines":N}}: the first {@code N} lines of the run {@code id}. Each run of a
 * source has its own session, since lines live only in its memory; an offset of an earlier run
 * names lines that are gone.
 */
record SocketOffset(String session, long lines) {
  private static final ObjectMapper JSON = new ObjectMapper();

  String text() {
    return JSON.createObjectNode().put("session", session).put("lines", lines).toString();
  }

  static SocketOffset parse(String text, String table) {
    try {
      JsonNode node = JSON.readTree(text);
      if (node != null
          && node.path("session").isTextual()
          && node.path("lines").canConvertToLong()
          && node.get("lines").asLong() >= 0) {
        return new SocketOffset(node.get("session").asText(), node.get("lines").asLong());
      }
    } catch (IOException e) {
      // reported below, with the table
    }
    throw new IllegalArgumentException(
        "'"
            + text
            + "' is not an offset of socket table '"
            + table
            + "': expected {\"session\": <id>, \"lines\": <count>}");
  }

  @Override
  public String toString() {
    return text();
  }
}
