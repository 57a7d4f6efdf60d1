package dev.sluice.engine.connectors;

import static dev.sluice.engine.connectors.Files2.moveIn;
import static dev.sluice.engine.connectors.Files2.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.runtime.exec.Trigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file changed after the query took it is named in the query's progress, and not read again. */
class ChangedFileThroughApiTest {
  @TempDir Path in;

  @Test
  void aFileWrittenInPlaceAfterItWasTakenIsNamedInTheProgress() throws Exception {
    Path a = moveIn(in, "a.csv", 1, "1,ann");
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute(
          "CREATE TABLE people (id INT, name VARCHAR) WITH ('connector' = 'filesystem', 'path' = '"
              + sql(in)
              + "', 'format' = 'csv')");
      List<String> rows = new ArrayList<>();
      StreamingQuery query =
          engine
              .query("SELECT id, name FROM people")
              .trigger(new Trigger.Manual())
              .onBatch((batch, changes) -> changes.forEach(r -> rows.add(Arrays.toString(r.values()))))
              .start();
      query.processAllAvailable();
      Files.writeString(a, "1,ann\n2,bob\n"); // in place, against the rule
      Files.setLastModifiedTime(a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 5_000));
      moveIn(in, "b.csv", 10, "3,cy");
      query.processAllAvailable();
      assertEquals(List.of("[1, ann]", "[3, cy]"), rows, "the change is not read");
      String status = query.lastProgress().sources().get(0).status();
      assertTrue(status != null && status.startsWith("file a.csv changed after it was taken"), status);
      query.stop();
    }
  }
}
