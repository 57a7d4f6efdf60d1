package dev.sluice.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The Nexmark suite's SQL files (github.com/nexmark/nexmark, unchanged; the build copies them
 * from {@code engine/src/test/resources/nexmark}, where the conformance tests read them) with their
 * {@code ${...}} placeholders filled as the suite's runner fills them.
 */
final class NexmarkSuite {
  /** The queries Sluice runs from the suite, in the suite's order. */
  static final List<String> QUERIES =
      List.of("q0", "q1", "q2", "q3", "q4", "q5", "q7", "q8", "q11", "q12", "q14", "q15", "q16", "q17", "q18", "q19", "q20", "q22");

  private NexmarkSuite() {}

  /** The generator table and the suite's three views, for {@code events} events at {@code rate} events per second of event time. */
  static String tables(long events, long rate) {
    Map<String, String> variables = Map.of(
        "TPS", Long.toString(rate),
        "EVENTS_NUM", Long.toString(events),
        "PERSON_PROPORTION", "1",
        "AUCTION_PROPORTION", "3",
        "BID_PROPORTION", "46",
        "NEXMARK_TABLE", "datagen");
    return fill(read("ddl_gen.sql"), variables) + ";\n" + fill(read("ddl_views.sql"), variables) + ";\n";
  }

  /** The statements of query {@code name} ({@code q5}), as the suite's file has them. */
  static String query(String name) {
    if (!QUERIES.contains(name)) {
      throw new IllegalArgumentException("Unknown Nexmark query '" + name + "'; Sluice runs " + String.join(", ", QUERIES));
    }
    return read(name + ".sql");
  }

  private static String read(String file) {
    try (InputStream in = NexmarkSuite.class.getResourceAsStream("/nexmark/" + file)) {
      if (in == null) throw new IllegalStateException("The benchmarks jar lacks the suite file nexmark/" + file);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String fill(String text, Map<String, String> variables) {
    for (Map.Entry<String, String> variable : variables.entrySet()) {
      text = text.replace("${" + variable.getKey() + "}", variable.getValue());
    }
    return text;
  }
}
