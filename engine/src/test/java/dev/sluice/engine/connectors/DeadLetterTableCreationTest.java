package dev.sluice.engine.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.SluiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterTableCreationTest {
  @TempDir Path dir;

  @Test
  void declaringATableWithADeadLetterTableCreatesThatTable() throws Exception {
    Files.createDirectories(dir.resolve("in"));
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute("CREATE TABLE events (id BIGINT) WITH ('connector' = 'filesystem', 'path' = '" + dir.resolve("in")
          + "', 'format' = 'csv', 'on-error' = 'dead-letter', 'dead-letter.table' = 'bad_events')");
      assertEquals(5, engine.describe("bad_events").size(), "source_table, location, reason, raw_record, detected_at");
    }
  }

  @Test
  void aDeadLetterTableThatIsNotAMemoryTableIsRefusedAndTheSourceIsNotDeclared() throws Exception {
    Files.createDirectories(dir.resolve("in"));
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute("CREATE TABLE bad_events (x BIGINT) WITH ('connector' = 'console')");
      SluiceException e = assertThrows(SluiceException.class, () -> engine.execute("CREATE TABLE events (id BIGINT) WITH ('connector' = "
          + "'filesystem', 'path' = '" + dir.resolve("in") + "', 'format' = 'csv', 'on-error' = 'dead-letter', 'dead-letter.table' = 'bad_events')"));
      assertTrue(e.getMessage().contains("must be a memory table"), e.getMessage());
      assertTrue(engine.tables().stream().noneMatch(t -> t.name().equals("events")));
    }
  }
}
