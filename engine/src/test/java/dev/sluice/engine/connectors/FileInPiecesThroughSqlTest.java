package dev.sluice.engine.connectors;

import static dev.sluice.engine.connectors.Files2.dataFiles;
import static dev.sluice.engine.connectors.Files2.moveIn;
import static dev.sluice.engine.connectors.Files2.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file larger than a batch, read in pieces through SQL with a checkpoint: a query restarted
 * after every batch, and after a batch whose commit was lost, resumes mid-file and writes exactly
 * the files an uninterrupted run writes.
 */
class FileInPiecesThroughSqlTest {
  private static final int ROWS = 120;

  @TempDir Path root;

  private static String ddl(Path in, Path out, Path checkpoint, String trigger) {
    return """
        CREATE TABLE orders (id BIGINT, user_name VARCHAR, amount DECIMAL(10, 2)) WITH (
          'connector' = 'filesystem', 'path' = '%s', 'format' = 'csv',
          'csv.ignore-first-line' = 'true', 'max-bytes-per-trigger' = '200');
        CREATE TABLE big_orders (id BIGINT, user_name VARCHAR, amount DECIMAL(10, 2)) WITH (
          'connector' = 'filesystem', 'path' = '%s', 'format' = 'json');
        SET 'trigger' = '%s';
        SET 'checkpoint.location' = '%s';
        """
        .formatted(sql(in), sql(out), trigger, sql(checkpoint));
  }

  private static void run(Path in, Path out, Path checkpoint, String trigger) throws InterruptedException {
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.executeScript(ddl(in, out, checkpoint, trigger));
      StreamingQuery query =
          engine.execute("INSERT INTO big_orders SELECT id, user_name, amount FROM orders WHERE amount >= 1").query();
      assertTrue(query.awaitTermination(60, TimeUnit.SECONDS), "the run ends");
      assertEquals(null, query.exception(), "the run does not fail");
    }
  }

  private static void writeInput(Path in) {
    List<String> lines = new ArrayList<>(List.of("id,user_name,amount"));
    for (int i = 1; i <= ROWS; i++) {
      lines.add(i % 17 == 0 ? i + ",bad," + "ten" : i + ",\"user\r\n" + i + "\"," + (i % 5) + ".50");
    }
    moveIn(in, "orders.csv", 1, lines.toArray(String[]::new));
  }

  @Test
  void aFileReadInPiecesIsResumedMidFileAndEachRowWrittenOnce() throws Exception {
    Path inA = Files.createDirectories(root.resolve("a/in"));
    Path outA = Files.createDirectories(root.resolve("a/out"));
    writeInput(inA);
    run(inA, outA, root.resolve("a/checkpoint"), "available-now");
    Map<String, String> uninterrupted = dataFiles(outA);
    assertTrue(uninterrupted.size() > 10, "the file took many batches: " + uninterrupted.size());

    Path inB = Files.createDirectories(root.resolve("b/in"));
    Path outB = Files.createDirectories(root.resolve("b/out"));
    Path checkpoint = root.resolve("b/checkpoint");
    writeInput(inB);
    for (int runs = 0; dataFiles(outB).size() < uninterrupted.size() && runs < 100; runs++) {
      run(inB, outB, checkpoint, "once"); // a new engine for every batch, as a restarted process
      if (runs == 3) loseLastCommit(checkpoint); // batch 3 is redone mid-file
    }
    assertEquals(uninterrupted, dataFiles(outB));

    List<String> ids = new ArrayList<>();
    for (String text : uninterrupted.values()) {
      for (String line : text.split("\n")) ids.add(line.substring(0, line.indexOf(',')));
    }
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= ROWS; i++) if (i % 17 != 0 && i % 5 != 0) expected.add("{\"id\":" + i);
    assertEquals(expected, ids, "every good row once, in order");
  }

  /** Forgets the last commit, as if the process died after the sink wrote the batch. */
  private static void loseLastCommit(Path checkpoint) throws IOException {
    try (Stream<Path> commits = Files.list(checkpoint.resolve("commits"))) {
      Path last =
          commits
              .filter(p -> p.getFileName().toString().matches("\\d+"))
              .max((a, b) -> Long.compare(Long.parseLong(a.getFileName().toString()), Long.parseLong(b.getFileName().toString())))
              .orElseThrow();
      Files.delete(last);
    }
  }
}
