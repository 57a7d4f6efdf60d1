package dev.sluice.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A windowed count runs in a child JVM from a replayable file source into an exactly-once sink
 * (one file per batch id) and is killed with SIGKILL several times: at random moments, and right
 * after the sink finished a batch, while the state and commit files are being written. Midway the
 * checkpoint is replaced by an older backup of itself, behind the sink's output. After the last
 * restart runs to the end, the sink holds exactly what an uninterrupted run wrote, batch by batch:
 * no row lost, none duplicated, and a redone batch delivered the same rows again.
 *
 * <p>A second run counts per key in complete mode into the {@code filesystem} sink while a reader
 * in this JVM watches its directory through the kills: it only ever sees one whole result.
 */
class CrashRecoveryTest {
  private static final int ROWS = 3000;
  private static final int KILLS = 6;
  private static final long BASE_TIME = 1_700_000_000_000L;

  @TempDir Path dir;

  @Test
  void killedRepeatedlyTheQueryDeliversExactlyTheUninterruptedOutput() throws Exception {
    Path input = dir.resolve("events.csv");
    writeInput(input);
    long seed = System.nanoTime();
    Random random = new Random(seed);

    Child.classPath = snapshotOfClassPath(dir.resolve("classpath"));
    Child reference = Child.start(input, dir.resolve("reference-checkpoint"), dir.resolve("reference-out"), dir.resolve("reference.log"));
    Path checkpoint = dir.resolve("checkpoint");
    Path out = dir.resolve("out");
    List<String> kills = new ArrayList<>();
    int killedMidBatch = 0;
    Path backup = dir.resolve("checkpoint-backup");
    boolean restored = false;
    for (int k = 0; k < KILLS; k++) {
      if (k == 1) copyTree(checkpoint, backup);
      if (k == 3 && Files.exists(backup)) {
        restoreBackup(backup, checkpoint);
        restored = true;
        kills.add("checkpoint replaced by the backup taken after kill 0");
      }
      Child child = Child.start(input, checkpoint, out, dir.resolve("run-" + k + ".log"));
      String how;
      boolean killed;
      if (k % 2 == 0) {
        long millis = random.nextInt(800);
        how = millis + " ms after start";
        killed = child.killAfterMarkers("STARTED", 1, millis);
      } else {
        int batches = 1 + random.nextInt(3);
        long millis = random.nextInt(3);
        how = millis + " ms after the sink's " + batches + "th batch, while the checkpoint is written";
        killed = child.killAfterMarkers("SINK", batches, millis);
      }
      if (!killed) break; // all input done before the kill
      long offsets = latest(checkpoint.resolve("offsets"));
      long commits = latest(checkpoint.resolve("commits"));
      if (offsets > commits) killedMidBatch++;
      boolean stateWritten = Files.exists(checkpoint.resolve("state/" + offsets + ".delta")) || Files.exists(checkpoint.resolve("state/" + offsets + ".snapshot"));
      kills.add("kill " + k + " " + how + ": planned batch " + offsets + ", committed " + commits
          + (offsets > commits ? ", its state " + (stateWritten ? "written" : "not written") : "") + ", temporary files " + temporaryFiles(checkpoint));
    }
    if (!restored && Files.exists(backup)) {
      restoreBackup(backup, checkpoint); // the input ran out before kill 3: restore before the last run instead
      kills.add("checkpoint replaced by the backup taken after kill 0, before the last run");
    }
    Child last = Child.start(input, checkpoint, out, dir.resolve("run-last.log"));
    assertEquals(0, last.awaitExit(), () -> "the last run ends normally:\n" + tail(dir.resolve("run-last.log")));
    assertEquals(0, reference.awaitExit(), () -> "the reference run ends normally:\n" + tail(dir.resolve("reference.log")));

    String context = "seed " + seed + ", " + kills;
    System.out.println("CrashRecoveryTest: " + String.join("\n  ", kills));
    Map<String, String> expected = batches(dir.resolve("reference-out"));
    Map<String, String> actual = batches(out);
    assertTrue(expected.size() > 20, "the reference run wrote " + expected.size() + " batches");
    assertEquals(List.of(), conflicts(out), "a redone batch delivered other rows: " + context);
    assertEquals(expected, actual, "batch by batch the same output as the uninterrupted run: " + context);
    assertEquals(rowsOf(expected), rowsOf(actual), context);
    assertTrue(killedMidBatch > 0, "some kill left a planned batch uncommitted, to be redone: " + context);
  }

  /**
   * A complete-mode count per key runs in a child killed several times, while a reader lists and
   * reads the sink's directory about every millisecond. Every read finds one result file holding
   * one whole result of some batch (each key once, the counts of a prefix of the input, the prefix
   * never shrinking). The last run starts from a backup of the checkpoint older than the sink's
   * result and ends with the result over all input.
   */
  @Test
  void aReaderOfACompleteModeFileSinkSeesOneWholeResultWhileTheWriterIsKilled() throws Exception {
    Path input = dir.resolve("events.csv");
    writeInput(input);
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Child.classPath = snapshotOfClassPath(dir.resolve("classpath"));
    Path checkpoint = dir.resolve("checkpoint");
    Path out = dir.resolve("totals");
    Files.createDirectories(out);
    ResultReader reader = new ResultReader(out);
    reader.start();
    List<String> kills = new ArrayList<>();
    try {
      Path backup = dir.resolve("checkpoint-backup");
      for (int k = 0; k < 3; k++) {
        Child child = Child.start(input, checkpoint, out, dir.resolve("complete-run-" + k + ".log"), "complete");
        long millis = 200 + random.nextInt(600);
        if (!child.killAfterMarkers("STARTED", 1, millis)) break;
        kills.add("kill " + k + " " + millis + " ms after start, at " + reader.rowsSeen() + " rows");
        if (k == 0) copyTree(checkpoint, backup);
      }
      if (Files.exists(backup)) {
        // The sink holds later results than this checkpoint: the batches it holds are skipped, then the query catches up.
        restoreBackup(backup, checkpoint);
        kills.add("checkpoint replaced by the backup taken after kill 0");
      }
      Child last = Child.start(input, checkpoint, out, dir.resolve("complete-run-last.log"), "complete");
      assertEquals(0, last.awaitExit(), () -> "the last run ends normally:\n" + tail(dir.resolve("complete-run-last.log")));
    } finally {
      reader.stop();
    }
    String context = "seed " + seed + ", " + kills + ", " + reader.reads() + " reads";
    System.out.println("CrashRecoveryTest, complete mode: " + context);
    assertEquals(List.of(), reader.violations(), context);
    assertEquals(ROWS, reader.check(Files.readString(out.resolve("result.csv"))), "the last result counts every row: " + context);
    assertTrue(reader.reads() > 100 && !kills.isEmpty(), "the reader read while the writer was killed: " + context);
  }

  /** Watches a complete-mode file sink's directory on its own thread, noting every read that is not one whole result. */
  private static final class ResultReader {
    private final Path directory;
    private final Thread thread;
    private final List<String> violations = new ArrayList<>();
    private volatile boolean stopped;
    private volatile long rowsSeen;
    private volatile int reads;

    ResultReader(Path directory) {
      this.directory = directory;
      this.thread = new Thread(this::run, "complete-mode-reader");
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    void stop() throws InterruptedException {
      stopped = true;
      thread.join(10_000);
    }

    long rowsSeen() {
      return rowsSeen;
    }

    int reads() {
      return reads;
    }

    synchronized List<String> violations() {
      return List.copyOf(violations);
    }

    private synchronized void violation(String what) {
      if (violations.size() < 20) violations.add(what);
    }

    private void run() {
      boolean appeared = false;
      while (!stopped) {
        try {
          List<String> visible;
          try (Stream<Path> files = Files.list(directory)) {
            visible = files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".") && !n.startsWith("_")).sorted().toList();
          }
          if (visible.size() > 1 || (visible.size() == 1 && !visible.get(0).equals("result.csv"))) {
            violation("the directory shows " + visible);
          }
          if (visible.isEmpty()) {
            if (appeared) violation("result.csv went missing");
            continue;
          }
          appeared = true;
          String result;
          try {
            result = Files.readString(directory.resolve("result.csv"));
          } catch (java.nio.file.NoSuchFileException e) {
            violation("result.csv went missing between the listing and the read");
            continue;
          }
          reads++;
          long rows = check(result);
          if (rows < rowsSeen) violation("the result went back from " + rowsSeen + " to " + rows + " rows");
          rowsSeen = Math.max(rowsSeen, rows);
          Thread.sleep(1); // a batch takes tens of milliseconds; leave the two cores to the writer
        } catch (IOException | AssertionError e) {
          violation(e.getMessage());
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    /**
     * The input rows one result counts, after checking it is one whole result: each key once, and
     * the count and sum of the first n rows of the input for some n that batches of 40 reach.
     */
    long check(String result) {
      Map<Long, long[]> perKey = new TreeMap<>();
      for (String line : result.split("\n")) {
        if (line.isEmpty()) continue;
        String[] fields = line.split(",");
        if (fields.length != 3) throw new AssertionError("not a result line: '" + line + "' in\n" + result);
        long[] previous = perKey.put(Long.parseLong(fields[0]), new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[2])});
        if (previous != null) throw new AssertionError("two rows for key " + fields[0] + ", two results in one file:\n" + result);
      }
      long rows = 0;
      long total = 0;
      for (long[] counts : perKey.values()) {
        rows += counts[0];
        total += counts[1];
      }
      if (rows % 40 != 0 || total != rows * (rows - 1) / 2) {
        throw new AssertionError("not the result of one prefix of the input (" + rows + " rows, total " + total + "):\n" + result);
      }
      return rows;
    }
  }

  /** Copies a checkpoint while no process uses it, as a backup would. */
  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path copy = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) Files.createDirectories(copy);
        else Files.copy(f, copy);
      }
    }
  }

  /** Replaces the checkpoint by its backup, as an operator restoring it would. */
  private static void restoreBackup(Path backup, Path checkpoint) throws IOException {
    try (Stream<Path> files = Files.walk(checkpoint)) {
      for (Path f : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) Files.delete(f);
    }
    copyTree(backup, checkpoint);
  }

  private static String tail(Path log) {
    try {
      String text = Files.readString(log);
      return text.substring(Math.max(0, text.length() - 4000));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Rows {@code (k, v, ts)}: 5 keys, 10 rows a second, a little out of order, and every 97th row late. */
  private static void writeInput(Path file) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (long i = 0; i < ROWS; i++) {
      long ts = BASE_TIME + i * 100 + (i * 37) % 400 - 200;
      if (i % 97 == 96) ts -= 5_000;
      sb.append(i % 5).append(',').append(i).append(',').append(ts).append('\n');
    }
    Files.writeString(file, sb);
  }

  /** Every row of every batch with its count, to see that none is lost or duplicated. */
  private static Map<String, Integer> rowsOf(Map<String, String> batches) {
    Map<String, Integer> rows = new TreeMap<>();
    for (String batch : batches.values()) {
      for (String line : batch.split("\n")) rows.merge(line, 1, Integer::sum);
    }
    for (Map.Entry<String, Integer> e : rows.entrySet()) assertEquals(1, e.getValue(), "each window is emitted once: " + e.getKey());
    return rows;
  }

  private static Map<String, String> batches(Path out) throws IOException {
    Map<String, String> batches = new TreeMap<>();
    try (Stream<Path> files = Files.list(out)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (f.getFileName().toString().startsWith("batch-")) batches.put(f.getFileName().toString(), Files.readString(f));
      }
    }
    return batches;
  }

  private static List<String> conflicts(Path out) throws IOException {
    try (Stream<Path> files = Files.list(out)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("conflict-")).toList();
    }
  }

  private static long latest(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return -1;
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("\\d+")).mapToLong(Long::parseLong).max().orElse(-1);
    }
  }

  private static long temporaryFiles(Path checkpoint) throws IOException {
    if (!Files.isDirectory(checkpoint)) return 0;
    try (Stream<Path> files = Files.walk(checkpoint)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count();
    }
  }

  /**
   * A private copy of this JVM's class path for the children: other builds in the same workspace
   * may rewrite target/classes or the installed jars while this test runs. Directories are copied,
   * jars hard-linked (a jar replaced later gets a new file; the link keeps the old one).
   */
  private static String snapshotOfClassPath(Path into) throws IOException {
    List<String> entries = new ArrayList<>();
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path source = Path.of(entry);
      if (!Files.exists(source)) continue;
      Path target = into.resolve(n++ + "-" + source.getFileName());
      Files.createDirectories(into);
      if (Files.isDirectory(source)) {
        try (Stream<Path> files = Files.walk(source)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            Path copy = target.resolve(source.relativize(f).toString());
            if (Files.isDirectory(f)) Files.createDirectories(copy);
            else Files.copy(f, copy);
          }
        }
      } else {
        try {
          Files.createLink(target, source);
        } catch (IOException | UnsupportedOperationException e) {
          Files.copy(source, target);
        }
      }
      entries.add(target.toString());
    }
    return String.join(File.pathSeparator, entries);
  }

  /** A run of {@link CrashTestQuery} in its own JVM, on this test's class path. */
  private static final class Child {
    static String classPath;

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Map<String, Integer> seen = new HashMap<>();

    private Child(Process process) {
      this.process = process;
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) lines.add(line);
        } catch (IOException e) {
          // the process was killed
        }
        lines.add("EXITED");
      }, "crash-test-child-output");
      reader.setDaemon(true);
      reader.start();
    }

    static Child start(Path input, Path checkpoint, Path out, Path log, String... more) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new ArrayList<>(List.of(java, "-cp", classPath, "-Xmx256m",
          "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", CrashTestQuery.class.getName(), input.toString(), checkpoint.toString(), out.toString()));
      command.addAll(List.of(more));
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
      return new Child(builder.start());
    }

    /**
     * Kills the process with SIGKILL {@code millis} after it printed {@code marker} the {@code
     * count}th time; false when it ended before that.
     */
    boolean killAfterMarkers(String marker, int count, long millis) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (seen.getOrDefault(marker, 0) < count) {
        String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (line == null) throw new AssertionError("the child printed no " + marker + " within 60 s");
        if (line.equals("EXITED") || line.equals("DONE")) {
          process.waitFor();
          return false;
        }
        seen.merge(line.split(" ")[0], 1, Integer::sum);
      }
      if (millis > 0) Thread.sleep(millis);
      process.destroyForcibly();
      process.waitFor();
      return true;
    }

    int awaitExit() throws InterruptedException {
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("the child did not finish within 2 minutes");
      }
      return process.exitValue();
    }
  }
}
