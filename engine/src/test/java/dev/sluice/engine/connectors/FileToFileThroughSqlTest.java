package dev.sluice.engine.connectors;

import static dev.sluice.engine.connectors.Files2.dataFiles;
import static dev.sluice.engine.connectors.Files2.moveIn;
import static dev.sluice.engine.connectors.Files2.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.StreamingQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A filesystem source into a filesystem sink through SQL, with checkpoints: a query stopped,
 * crashed and restarted writes exactly the files an uninterrupted run writes.
 */
class FileToFileThroughSqlTest {
  private static final String[][] INPUT = {
    {"id,user_name,amount,ts", "1,ann,10.50,2024-05-01 12:00:00", "2,bob,3.25,2024-05-01 12:00:01"},
    {"id,user_name,amount,ts", "3,cy,\"1000.00\",2024-05-01 12:00:02", "4,\"d, e\",7,2024-05-01 12:00:03"},
    {"id,user_name,amount,ts", "5,ann,0.5,2024-05-01T12:00:04", "8,dan,9,2024-05-01T12:00:04.5"},
    {"id,user_name,amount,ts", "6,bob,2,2024-05-01 12:00:05", "7,cy,8,2024-05-01 12:00:06"},
  };

  @TempDir Path root;

  private Path dir(String name) throws IOException {
    return Files.createDirectories(root.resolve(name));
  }

  private static void addFile(Path in, int index) {
    moveIn(in, "orders-" + index + ".csv", index, INPUT[index]);
  }

  private static String ddl(Path in, Path out, Path checkpoint) {
    return """
        CREATE TABLE orders (id BIGINT, user_name VARCHAR, amount DECIMAL(10, 2), ts TIMESTAMP(3)) WITH (
          'connector' = 'filesystem', 'path' = '%s', 'format' = 'csv',
          'csv.ignore-first-line' = 'true', 'max-files-per-trigger' = '1');
        CREATE TABLE big_orders (id BIGINT, user_name VARCHAR, amount DECIMAL(10, 2), ts TIMESTAMP(3)) WITH (
          'connector' = 'filesystem', 'path' = '%s', 'format' = 'json');
        SET 'trigger' = 'available-now';
        SET 'checkpoint.location' = '%s';
        """
        .formatted(sql(in), sql(out), sql(checkpoint));
  }

  /** One run of the query, as a new process would: a new engine, the same checkpoint. */
  private static void run(Path in, Path out, Path checkpoint) throws InterruptedException {
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.executeScript(ddl(in, out, checkpoint));
      StreamingQuery query =
          engine
              .execute("INSERT INTO big_orders SELECT id, user_name, amount, ts FROM orders WHERE amount >= 1")
              .query();
      assertTrue(query.awaitTermination(60, TimeUnit.SECONDS), "an available-now run ends");
    }
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

  @Test
  void aQueryStoppedCrashedAndRestartedWritesTheFilesOfAnUninterruptedRun() throws Exception {
    Path inA = dir("a/in");
    Path outA = dir("a/out");
    for (int i = 0; i < INPUT.length; i++) addFile(inA, i);
    run(inA, outA, root.resolve("a/checkpoint"));
    Map<String, String> uninterrupted = dataFiles(outA);

    Path inB = dir("b/in");
    Path outB = dir("b/out");
    Path checkpoint = root.resolve("b/checkpoint");
    addFile(inB, 0);
    addFile(inB, 1);
    run(inB, outB, checkpoint);
    addFile(inB, 2);
    run(inB, outB, checkpoint);
    loseLastCommit(checkpoint); // batch 2 is redone on restart, and must not be written twice
    addFile(inB, 3);
    run(inB, outB, checkpoint);

    assertEquals(uninterrupted, dataFiles(outB));
    assertEquals(
        List.of("part-00000000.json", "part-00000001.json", "part-00000002.json", "part-00000003.json"),
        List.copyOf(uninterrupted.keySet()));
    assertEquals(
        "{\"id\":1,\"user_name\":\"ann\",\"amount\":10.50,\"ts\":\"2024-05-01 12:00:00\"}\n"
            + "{\"id\":2,\"user_name\":\"bob\",\"amount\":3.25,\"ts\":\"2024-05-01 12:00:01\"}\n",
        uninterrupted.get("part-00000000.json"));
    List<String> ids = new ArrayList<>();
    for (String text : uninterrupted.values()) {
      for (String line : text.split("\n")) ids.add(line.substring(0, line.indexOf(',')));
    }
    assertEquals(
        List.of("{\"id\":1", "{\"id\":2", "{\"id\":3", "{\"id\":4", "{\"id\":8", "{\"id\":6", "{\"id\":7"),
        ids,
        "every row once, none duplicated");
  }

  @Test
  void completeModeWritesTheWholeResultIntoOneFile() throws Exception {
    Path in = dir("in");
    Path out = dir("out");
    for (int i = 0; i < INPUT.length; i++) addFile(in, i);
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.executeScript(ddl(in, dir("unused"), root.resolve("checkpoint")));
      engine.executeScript("""
          CREATE TABLE totals (user_name VARCHAR, orders BIGINT) WITH (
            'connector' = 'filesystem', 'path' = '%s', 'format' = 'csv');
          SET 'output.mode' = 'complete';
          """.formatted(sql(out)));
      StreamingQuery query =
          engine.execute("INSERT INTO totals SELECT user_name, COUNT(*) FROM orders GROUP BY user_name").query();
      assertTrue(query.awaitTermination(60, TimeUnit.SECONDS));
    }
    Map<String, String> files = dataFiles(out);
    assertEquals(Set.of("result.csv"), files.keySet(), "one file: the result after the last batch");
    assertEquals(
        Set.of("ann,2", "bob,2", "cy,2", "\"d, e\",1", "dan,1"),
        new HashSet<>(List.of(files.get("result.csv").split("\n"))));
  }

  @Test
  void anUpdateModeQueryThatCanRetractRowsIsRefusedByTheFileSink() throws Exception {
    Path in = dir("in");
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.executeScript(ddl(in, dir("out"), root.resolve("checkpoint")));
      engine.execute("SET 'output.mode' = 'update'");
      SluiceException refusal =
          assertThrows(
              SluiceException.class,
              () -> engine.execute("INSERT INTO big_orders SELECT MAX(id), user_name, SUM(amount), MAX(ts) FROM orders GROUP BY user_name"));
      assertTrue(refusal.getMessage().contains("cannot apply deletes"), refusal.getMessage());
      assertTrue(refusal.getMessage().contains("complete mode"), refusal.getMessage());
    }
  }

  @Test
  void aDeletedSourceDirectoryKeepsTheQueryRunningUntilItIsBack() throws Exception {
    Path in = dir("in");
    Path out = dir("out");
    addFile(in, 0);
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.executeScript(ddl(in, out, root.resolve("checkpoint")));
      engine.execute("SET 'trigger' = 'default'");
      StreamingQuery query =
          engine.execute("INSERT INTO big_orders SELECT id, user_name, amount, ts FROM orders").query();
      query.processAllAvailable();
      assertEquals(1, dataFiles(out).size());

      Files.delete(in.resolve("orders-0.csv"));
      Files.delete(in);
      query.processAllAvailable();
      assertTrue(query.isActive(), "a missing directory is waited for, not a failure");

      Files.createDirectories(in);
      addFile(in, 1);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (dataFiles(out).size() < 2 && System.nanoTime() < deadline) Thread.sleep(50);
      assertEquals(2, dataFiles(out).size(), "files that arrive after the directory is back are read");
      assertTrue(query.isActive());
      query.stop();
    }
  }
}
