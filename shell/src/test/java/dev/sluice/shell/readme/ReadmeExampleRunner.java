package dev.sluice.shell.readme;

import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.shell.interactive.Demo;
import dev.sluice.shell.render.Screen;
import dev.sluice.shell.session.Script;
import dev.sluice.shell.session.ScriptStatement;
import dev.sluice.shell.session.ShellSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the README's SQL examples as {@link ReadmeExamplesTest} describes, in a JVM whose working
 * directory stands for the repository's root: {@code java ReadmeExampleRunner README RESULTS}
 * writes, for each block that runs, {@code RESULTS/<line>.txt}: {@code PASS} or {@code FAIL}, then
 * what the shell printed.
 *
 * <p>Each block runs in a new shell on the demo table, or in the one of the block before when it
 * {@linkplain Readme.Block#continues() continues} it, one statement at a time through the shell's
 * script path. A query that a statement starts is stopped once it has run {@link #BATCHES}
 * batches or caught up with its input ({@link StreamingQuery#processAllAvailable()}), as a reader
 * would stop it with Ctrl-C after a while; queries an INSERT left in the background run on until
 * the last block of the shell is done, then they are stopped the same way.
 */
public final class ReadmeExampleRunner {
  /** Enough batches to see a query move; few enough to keep the test short. */
  static final int BATCHES = 3;

  /** A query that neither runs its batches nor catches up in this long is reported as stuck. */
  private static final long DEADLINE_NANOS = 60_000_000_000L;

  private static final long POLL_MILLIS = 50;

  private ReadmeExampleRunner() {}

  public static void main(String[] args) throws Exception {
    Readme readme = Readme.of(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
    Path results = Files.createDirectories(Path.of(args[1]));
    List<List<Readme.Block>> shells = new ArrayList<>();
    for (Readme.Block block : readme.blocks("sql")) {
      if (block.skipReason() != null || !block.markerIsKnown()) continue;
      if (block.continues() && !shells.isEmpty()) {
        shells.get(shells.size() - 1).add(block);
      } else {
        shells.add(new ArrayList<>(List.of(block)));
      }
    }
    PrintStream standardOut = System.out;
    for (List<Readme.Block> blocks : shells) runInOneShell(blocks, results);
    System.setOut(standardOut);
    // The engine's threads are all stopped, but a connector may leave a pool behind.
    System.exit(0);
  }

  private static void runInOneShell(List<Readme.Block> blocks, Path results) throws IOException, InterruptedException {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    // A console sink prints on System.out.
    System.setOut(out);
    boolean earlierFailed = false;
    try (SluiceEngine engine = SluiceEngine.open()) {
      Demo.install(engine);
      ShellSession session = new ShellSession(engine, out, out, Screen.plain(), ShellSession.Mode.SCRIPT);
      Stopper stopper = new Stopper(engine);
      stopper.start();
      try {
        for (int b = 0; b < blocks.size(); b++) {
          Readme.Block block = blocks.get(b);
          printed.reset();
          boolean ok = !earlierFailed;
          if (earlierFailed) out.println("not run: the block it continues failed");
          for (ScriptStatement statement : ok ? Script.of("README.md", block.code()).statements() : List.<ScriptStatement>of()) {
            stopper.protect(engine.queries());
            int line = block.firstLine() - 1 + statement.line();
            ok = session.run(new Script("README.md", " ".repeat(statement.column() - 1) + statement.text() + ";", line));
            if (!ok) break;
          }
          if (ok && b == blocks.size() - 1) {
            stopper.protect(List.of());
            ok = session.awaitBackgroundQueries();
          }
          ok &= stopper.stuck().isEmpty();
          for (String stuck : stopper.stuck()) out.println(stuck);
          stopper.stuck().clear();
          earlierFailed |= !ok;
          out.flush();
          Files.writeString(results.resolve(block.firstLine() + ".txt"), (ok ? "PASS\n" : "FAIL\n") + printed.toString(StandardCharsets.UTF_8));
        }
      } finally {
        stopper.finish();
      }
    }
  }

  /**
   * Stops each query the statement running started, and at the end every query, once it ran its
   * batches or caught up with its input.
   */
  private static final class Stopper extends Thread {
    private final SluiceEngine engine;
    private final Map<StreamingQuery, Watch> watches = new ConcurrentHashMap<>();
    private final List<String> stuck = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Set<String> leftRunning = Set.of();
    private final AtomicBoolean finished = new AtomicBoolean();

    Stopper(SluiceEngine engine) {
      super("readme-example-stopper");
      setDaemon(true);
      this.engine = engine;
    }

    /** Leaves the queries running now alone: they belong to statements before. */
    void protect(List<StreamingQuery> running) {
      Set<String> ids = new HashSet<>();
      for (StreamingQuery query : running) ids.add(query.id());
      leftRunning = ids;
    }

    List<String> stuck() {
      return stuck;
    }

    void finish() throws InterruptedException {
      finished.set(true);
      join();
    }

    @Override
    public void run() {
      while (!finished.get()) {
        for (StreamingQuery query : engine.queries()) {
          if (leftRunning.contains(query.id())) continue;
          Watch watch = watches.computeIfAbsent(query, Watch::new);
          if (watch.isDone()) {
            query.stop();
          } else if (System.nanoTime() - watch.started > DEADLINE_NANOS) {
            stuck.add("query " + query.id() + " neither ran " + BATCHES + " batches nor caught up with its input in "
                + DEADLINE_NANOS / 1_000_000_000L + " s: " + query.sql());
            query.stop();
          }
        }
        try {
          Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** How far a query got: the batches it ran, and whether it caught up with its input. */
  private static final class Watch {
    final long started = System.nanoTime();
    private final Set<Long> batches = ConcurrentHashMap.newKeySet();
    private volatile boolean caughtUp;

    Watch(StreamingQuery query) {
      query.addProgressListener(progress -> {
        if (progress.batchId() >= 0) batches.add(progress.batchId());
      });
      Thread catchUp = new Thread(() -> {
        try {
          query.processAllAvailable();
          caughtUp = true;
        } catch (RuntimeException failed) {
          // The shell reports the failure.
        }
      }, "readme-example-catch-up-" + query.id());
      catchUp.setDaemon(true);
      catchUp.start();
    }

    boolean isDone() {
      return caughtUp || batches.size() >= BATCHES;
    }
  }
}
