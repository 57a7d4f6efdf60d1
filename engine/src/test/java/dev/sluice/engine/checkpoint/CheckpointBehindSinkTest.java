package dev.sluice.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query resumed from an older copy of its checkpoint than the file sink's output: the batches
 * the sink holds come again, and the sink tells by their input digests whether they are the same
 * batches (skipped, and the query catches up exactly) or others (refused, as skipping would lose
 * their rows).
 */
class CheckpointBehindSinkTest {
  @TempDir Path dir;

  private void writeRows(Path file, int rows) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < rows; i++) text.append(i % 3).append(',').append(i).append('\n');
    Files.writeString(file, text);
  }

  /** Runs the query until its input is processed; returns why it failed, or null. */
  private Throwable run(Path input, int rowsPerBatch) throws Exception {
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute("CREATE TABLE events (k BIGINT, v BIGINT) WITH ('connector' = 'test-lines', 'path' = '" + input
          + "', 'max-rows-per-trigger' = '" + rowsPerBatch + "')");
      engine.execute("CREATE TABLE out (k BIGINT, v BIGINT) WITH ('connector' = 'filesystem', 'path' = '" + dir.resolve("out")
          + "', 'format' = 'csv')");
      engine.execute("SET 'checkpoint.location' = '" + dir.resolve("checkpoint") + "'");
      engine.execute("SET 'trigger' = 'available-now'");
      StreamingQuery query = engine.execute("INSERT INTO out SELECT k, v FROM events WHERE v % 2 = 0").query();
      assertTrue(query.awaitTermination(60, TimeUnit.SECONDS));
      return query.exception();
    } catch (RuntimeException e) {
      return e;
    }
  }

  private List<String> output() throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir.resolve("out"))) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList()) {
        lines.addAll(Files.readAllLines(file));
      }
    }
    return lines;
  }

  private Path backUpCheckpointAfterTwoBatchesThenRunToBatchFive(Path input) throws Exception {
    writeRows(input, 20);
    assertEquals(null, run(input, 10));
    Path backup = dir.resolve("backup");
    copy(dir.resolve("checkpoint"), backup);
    writeRows(input, 50);
    assertEquals(null, run(input, 10));
    return backup;
  }

  @Test
  void theSameBatchesAgainAreSkippedAndTheQueryCatchesUpExactly() throws Exception {
    Path input = dir.resolve("events.csv");
    Path backup = backUpCheckpointAfterTwoBatchesThenRunToBatchFive(input);
    List<String> before = output();
    assertEquals(25, before.size());
    restore(backup, dir.resolve("checkpoint"));
    writeRows(input, 60);
    assertEquals(null, run(input, 10));
    List<String> after = output();
    assertEquals(30, after.size(), "batches 2 to 4 were skipped, batch 5 written: " + after);
    assertEquals(before, after.subList(0, 25));
  }

  @Test
  void otherBatchesUnderTheSameIdsAreRefused() throws Exception {
    Path input = dir.resolve("events.csv");
    Path backup = backUpCheckpointAfterTwoBatchesThenRunToBatchFive(input);
    restore(backup, dir.resolve("checkpoint"));
    Throwable failure = run(input, 15);
    assertTrue(failure != null, "a batch 2 over rows 20 to 35 is not the batch 2 the sink holds");
    String message = String.valueOf(failure.getMessage()) + (failure.getCause() == null ? "" : " " + failure.getCause().getMessage());
    assertTrue(message.contains("committed batch 2") && message.contains("over other input"), message);
    assertEquals(25, output().size(), "nothing was written over the sink's batches");
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path copy = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) Files.createDirectories(copy);
        else Files.copy(f, copy);
      }
    }
  }

  private static void restore(Path backup, Path checkpoint) throws IOException {
    try (Stream<Path> files = Files.walk(checkpoint)) {
      for (Path f : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) Files.delete(f);
    }
    copy(backup, checkpoint);
  }
}
