package dev.sluice.engine.nexmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StatementResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * EXPLAIN of each listed Nexmark query, run from the suite's files after its DDL, must equal the
 * golden file {@code src/test/resources/nexmark/explain/<query>.plan}, so a change to a plan (its
 * operators, state, watermarks, or the output mode chosen) shows up in review. A missing golden
 * file is written; run with {@code -Dsluice.golden.update=true} to rewrite them all after an
 * intended change.
 */
class NexmarkExplainGoldenTest {
  private static final Path DIRECTORY = Path.of("src/test/resources/nexmark/explain");

  /** The suite's placeholders; they fill only connector options, which EXPLAIN does not show. */
  private static final Map<String, String> VARIABLES =
      Map.of(
          "TPS", "10000",
          "EVENTS_NUM", "10000",
          "PERSON_PROPORTION", "1",
          "AUCTION_PROPORTION", "3",
          "BID_PROPORTION", "46",
          "NEXMARK_TABLE", "datagen");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"q0", "q1", "q2", "q3", "q4", "q5", "q7", "q8", "q11", "q12", "q14", "q15", "q16", "q17", "q18", "q19", "q20", "q22"})
  void planMatchesItsGoldenFile(String name) throws Exception {
    String file = SuiteFiles.read(name + ".sql", VARIABLES);
    int insert = file.lastIndexOf("INSERT INTO");
    assertTrue(insert > 0, name + " declares its sink, then inserts into it");
    String plan;
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.executeScript(SuiteFiles.read("ddl_gen.sql", VARIABLES) + ";\n" + SuiteFiles.read("ddl_views.sql", VARIABLES) + ";");
      engine.executeScript(file.substring(0, insert));
      StatementResult explained = engine.execute("EXPLAIN " + file.substring(insert));
      assertEquals(StatementResult.Kind.EXPLAIN, explained.kind());
      plan = explained.message();
    }
    Path golden = DIRECTORY.resolve(name + ".plan");
    if (Boolean.getBoolean("sluice.golden.update") || !Files.exists(golden)) {
      Files.createDirectories(DIRECTORY);
      Files.writeString(golden, plan, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), plan, "plan of " + name);
  }
}
