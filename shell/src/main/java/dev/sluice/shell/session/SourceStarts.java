package dev.sluice.shell.session;

import dev.sluice.engine.Settings;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.planner.catalog.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says where a query's sources start reading, for the line a view shows before the first row:
 * {@code "reads clicks (datagen) from now on, users (memory, static) whole at the start"}.
 *
 * <p>The tables come from the scans of the query's plan ({@link StreamingQuery#explain()}), and
 * where each starts from its connector and options, as each connector documents it: a Kafka
 * table from its {@code 'scan.startup.mode'}, a directory from its first file, a generator or a
 * socket from now on. With a checkpoint location the query resumes from the checkpoint when it
 * holds one; a new query does not know which it did, so the line says both.
 */
final class SourceStarts {
  /** A scan as EXPLAIN prints it: {@code StreamScan(table=clicks, connector=datagen, static, watermark=...)}. */
  private static final Pattern SCAN = Pattern.compile("StreamScan\\(table=(.+?), connector=([^,)]+)(, static)?");

  private SourceStarts() {}

  /** The clause, starting with a verb ("reads ...", "resumes ..."), or null when the plan names no source. */
  static String describe(StreamingQuery query, SluiceEngine engine) {
    List<String> sources = new ArrayList<>();
    Matcher scan = SCAN.matcher(query.explain() == null ? "" : query.explain());
    while (scan.find()) {
      String table = scan.group(1);
      String connector = scan.group(2);
      boolean bounded = scan.group(3) != null;
      String source = bounded ? table + " (" + connector + ", static) whole at the start"
          : table + " (" + connector + ") " + start(connector, options(engine, table));
      if (!sources.contains(source)) sources.add(source);
    }
    if (sources.isEmpty()) return null;
    String reads = "reads " + String.join(", ", sources);
    String checkpoint = engine.settings().get(Settings.CHECKPOINT_LOCATION);
    return checkpoint == null ? reads : "resumes from its checkpoint in " + checkpoint + " if it holds one, else " + reads;
  }

  /** Where a new query starts reading a table of {@code connector}. */
  static String start(String connector, Map<String, String> options) {
    return switch (connector.toLowerCase(Locale.ROOT)) {
      case "kafka" -> {
        String topic = options.getOrDefault("topic", "?");
        yield switch (options.getOrDefault("scan.startup.mode", "earliest-offset").trim().toLowerCase(Locale.ROOT)) {
          case "latest-offset" -> "new data only, from the latest offset of topic " + topic;
          case "specific-offsets" -> "from the offsets in 'scan.startup.specific-offsets' of topic " + topic;
          default -> "from the beginning, the earliest offset of topic " + topic;
        };
      }
      case "filesystem" -> "from the beginning, the files in " + options.getOrDefault("path", "its directory") + " then new ones";
      case "memory" -> "from the beginning, its first row";
      case "datagen" -> "new data only, generated from now on";
      case "nexmark" -> "from its first event";
      case "socket" -> "new data only, from " + options.getOrDefault("hostname", "?") + ":" + options.getOrDefault("port", "?");
      default -> "where its connector starts";
    };
  }

  /**
   * The table's options. The engine's API hands out the planner's table definitions; this is the
   * only planner type the shell touches.
   */
  private static Map<String, String> options(SluiceEngine engine, String table) {
    for (TableDefinition definition : engine.tables()) {
      if (definition.name().equalsIgnoreCase(table)) return definition.options();
    }
    return Map.of();
  }
}
