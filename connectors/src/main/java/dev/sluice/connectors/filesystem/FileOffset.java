package dev.sluice.connectors.filesystem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A position in a watched directory: which files are taken, and how far into the one being read in
 * pieces. As offset text:
 *
 * <pre>{@code
 * {"files":[["a.csv",1700000001000],["b.csv",1700000002000]],
 *  "through":["old.csv",1699999999000],
 *  "reading":{"file":"c.csv","modified":1700000003000,"length":90000000,"position":8388608}}
 * }</pre>
 *
 * <ul>
 *   <li>{@code files}: the files taken whole, in the order they were taken, each with its
 *       modification time;
 *   <li>{@code through} (compaction): every file at or before this one in reading order (by
 *       modification time, then name) counts as taken without being named, so the offset stays
 *       bounded however many files the directory held ({@link FileSource#KEPT_NAMES} are named at
 *       most, plus those taken since the last batch);
 *   <li>{@code reading}: a file taken in part: the records that start before byte {@code position}
 *       are taken, and the file is read up to {@code length}, its size when it was taken.
 * </ul>
 *
 * A batch redone after a restart reads exactly what it read before. The first version's {@code
 * {"files":["a.csv"]}} (names alone) is still read; {@link FileSource#latestOffset()} uses that
 * form for the files present now.
 *
 * @param files the files taken whole and named
 * @param through the newest file compacted into the bound, or null when none is
 * @param reading the file read in part, or null
 */
record FileOffset(List<TakenFile> files, TakenFile through, Reading reading) {
  static final FileOffset EMPTY = new FileOffset(List.of(), null, null);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A file as the offset knows it; {@code modified} is unknown (-1) in first-version offsets. */
  record TakenFile(String name, long modified) {
    /** Reading order, oldest first. */
    static final Comparator<TakenFile> ORDER =
        Comparator.comparingLong(TakenFile::modified).thenComparing(TakenFile::name);
  }

  /** A file taken up to the first record that starts at or after {@code position}. */
  record Reading(String name, long modified, long length, long position) {
    TakenFile file() {
      return new TakenFile(name, modified);
    }
  }

  FileOffset {
    files = List.copyOf(files);
  }

  /** Whether compaction counts {@code file} as taken: it is at or before {@link #through}. */
  boolean coveredByCompaction(TakenFile file) {
    return through != null && TakenFile.ORDER.compare(file, through) <= 0;
  }

  String text() {
    ObjectNode node = JSON.createObjectNode();
    ArrayNode names = node.putArray("files");
    for (TakenFile file : files) names.addArray().add(file.name()).add(file.modified());
    if (through != null) node.putArray("through").add(through.name()).add(through.modified());
    if (reading != null) {
      node.putObject("reading")
          .put("file", reading.name())
          .put("modified", reading.modified())
          .put("length", reading.length())
          .put("position", reading.position());
    }
    return node.toString();
  }

  /** The names alone, in order, as {@link FileSource#latestOffset()} lists the files present. */
  static String namesText(List<String> names) {
    ObjectNode node = JSON.createObjectNode();
    ArrayNode array = node.putArray("files");
    names.forEach(array::add);
    return node.toString();
  }

  static FileOffset parse(String text, String table) {
    try {
      JsonNode node = JSON.readTree(text);
      if (node != null && node.path("files").isArray()) {
        List<TakenFile> files = new ArrayList<>(node.get("files").size());
        for (JsonNode file : node.get("files")) files.add(takenFile(file));
        TakenFile through = node.has("through") ? takenFile(node.get("through")) : null;
        Reading reading = node.has("reading") ? reading(node.get("reading")) : null;
        return new FileOffset(files, through, reading);
      }
    } catch (IOException | IllegalArgumentException e) {
      // reported below, with the table
    }
    throw new IllegalArgumentException(
        "'"
            + (text.length() > 100 ? text.substring(0, 100) + "..." : text)
            + "' is not an offset of filesystem table '"
            + table
            + "': expected {\"files\": [[<file name>, <modification time>], ...]} with optional"
            + " \"through\" and \"reading\"");
  }

  private static TakenFile takenFile(JsonNode node) {
    if (node.isTextual()) return new TakenFile(node.asText(), -1);
    if (node.isArray()
        && node.size() == 2
        && node.get(0).isTextual()
        && node.get(1).canConvertToLong()) {
      return new TakenFile(node.get(0).asText(), node.get(1).asLong());
    }
    throw new IllegalArgumentException("not a file: " + node);
  }

  private static Reading reading(JsonNode node) {
    if (node.path("file").isTextual()
        && node.path("modified").canConvertToLong()
        && node.path("length").canConvertToLong()
        && node.path("position").canConvertToLong()) {
      long length = node.get("length").asLong();
      long position = node.get("position").asLong();
      if (position > 0 && position < length) {
        return new Reading(
            node.get("file").asText(), node.get("modified").asLong(), length, position);
      }
    }
    throw new IllegalArgumentException("not a reading position: " + node);
  }

  @Override
  public String toString() {
    return text();
  }
}
