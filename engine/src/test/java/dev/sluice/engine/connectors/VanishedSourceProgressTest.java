package dev.sluice.engine.connectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.runtime.progress.QueryProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A source whose data vanishes while the query waits is reported in progress, not silently ignored. */
class VanishedSourceProgressTest {
  @TempDir Path dir;

  @Test
  void anIdleQueryReportsThatItsDirectoryIsGone() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("a.csv"), "1\n");
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute("CREATE TABLE events (id BIGINT) WITH ('connector' = 'filesystem', 'path' = '" + in + "', 'format' = 'csv', "
          + "'source.monitor-interval' = '100 ms')");
      StreamingQuery query = engine.query("SELECT id FROM events").onBatch((b, rows) -> {}).start();
      query.processAllAvailable();
      CompletableFuture<QueryProgress> reported = new CompletableFuture<>();
      query.addProgressListener(p -> {
        if (p.sources().get(0).status() != null) reported.complete(p);
      });
      Files.delete(in.resolve("a.csv"));
      Files.delete(in);
      QueryProgress progress = reported.get(30, TimeUnit.SECONDS);
      assertTrue(progress.sources().get(0).status().contains("NoSuchFileException"), progress.toJson());
      assertTrue(query.isActive(), "the query waits for its directory instead of failing");
      query.stop();
    }
  }
}
