package dev.sluice.connectors.filesystem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A position in a watched directory, as offset text {@code {"files":["a.csv","b.csv"]}}: the names
 * of the files taken so far, in the order they were read. It holds every name, so a query resumed
 * from its checkpoint knows which files are new and a batch redone after a crash reads exactly the
 * files it read before; its length grows with the number of files taken (about the length of a name
 * per file).
 *
 * <p>{@link FileSource#latestOffset()} uses the same form for the files present now, in reading
 * order; only the files it has beyond a start offset matter.
 *
 * @param files file names relative to the directory
 */
record FileOffset(List<String> files) {
  static final FileOffset EMPTY = new FileOffset(List.of());
  private static final ObjectMapper JSON = new ObjectMapper();

  FileOffset {
    files = List.copyOf(files);
  }

  String text() {
    ObjectNode node = JSON.createObjectNode();
    ArrayNode names = node.putArray("files");
    files.forEach(names::add);
    return node.toString();
  }

  static FileOffset parse(String text, String table) {
    try {
      JsonNode node = JSON.readTree(text);
      if (node != null && node.path("files").isArray()) {
        List<String> files = new ArrayList<>(node.get("files").size());
        boolean valid = true;
        for (JsonNode name : node.get("files")) {
          valid &= name.isTextual();
          files.add(name.asText());
        }
        if (valid) return new FileOffset(files);
      }
    } catch (IOException e) {
      // reported below, with the table
    }
    throw new IllegalArgumentException(
        "'"
            + (text.length() > 100 ? text.substring(0, 100) + "..." : text)
            + "' is not an offset of filesystem table '"
            + table
            + "': expected {\"files\": [<file names>]}");
  }

  @Override
  public String toString() {
    return text();
  }
}
