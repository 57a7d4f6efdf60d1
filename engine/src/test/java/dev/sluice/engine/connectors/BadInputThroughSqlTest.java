package dev.sluice.engine.connectors;

import static dev.sluice.engine.connectors.Files2.moveIn;
import static dev.sluice.engine.connectors.Files2.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.connectors.memory.MemorySinkTables;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.runtime.exec.QueryFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each {@code 'on-error'} policy through SQL, over real files with malformed records: a CSV line
 * with a field missing, a value that does not fit its column, a JSON line that does not parse.
 */
class BadInputThroughSqlTest {
  @TempDir Path in;
  private SluiceEngine engine;
  private Path csv;
  private Path json;

  @BeforeEach
  void writeFilesAndOpenEngine() throws IOException {
    csv =
        moveIn(
            Files.createDirectory(in.resolve("csv")),
            "readings.csv",
            1,
            "sensor-1,20.5",
            "sensor-2",
            "sensor-3,hot",
            "sensor-4,18");
    json =
        moveIn(
            Files.createDirectory(in.resolve("json")),
            "readings.json",
            2,
            "{\"sensor\":\"sensor-5\",\"celsius\":21}",
            "{\"sensor\":\"sensor-6\",",
            "{\"sensor\":\"sensor-7\",\"celsius\":[1]}",
            "{\"sensor\":\"sensor-8\",\"celsius\":\"19.5\"}");
    engine = SluiceEngine.open();
    engine.execute("SET 'trigger' = 'available-now'");
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  /** Declares the CSV and JSON tables over their directories with {@code extraOptions}, and an output. */
  private void declare(String extraOptions) {
    for (String format : List.of("csv", "json")) {
      engine.execute(
          """
          CREATE TABLE %s_readings (sensor VARCHAR, celsius DOUBLE) WITH (
            'connector' = 'filesystem', 'path' = '%s', 'format' = '%s'%s)
          """
              .formatted(format, sql(in.resolve(format)), format, extraOptions));
    }
    engine.execute("CREATE TABLE good (sensor VARCHAR, celsius DOUBLE) WITH ('connector' = 'memory')");
  }

  private StreamingQuery insert(String sql) {
    return engine.execute(sql).query();
  }

  private List<String> good() {
    List<String> rows = new ArrayList<>();
    for (Object[] row : engine.connectorServices().get(MemorySinkTables.class, MemorySinkTables::new).contents("good")) {
      rows.add(row[0] + "=" + row[1]);
    }
    return rows;
  }

  @Test
  void byDefaultMalformedRecordsAreCountedAndSkipped() throws Exception {
    declare("");
    StreamingQuery fromCsv = insert("INSERT INTO good SELECT * FROM csv_readings");
    assertTrue(fromCsv.awaitTermination(30, TimeUnit.SECONDS));
    assertEquals(2, fromCsv.lastProgress().malformedRows());
    StreamingQuery fromJson = insert("INSERT INTO good SELECT * FROM json_readings");
    assertTrue(fromJson.awaitTermination(30, TimeUnit.SECONDS));
    assertEquals(2, fromJson.lastProgress().malformedRows());
    assertEquals(List.of("sensor-1=20.5", "sensor-4=18.0", "sensor-5=21.0", "sensor-8=19.5"), good());
  }

  @Test
  void onErrorFailStopsTheQueryWithTheFileTheLineAndTheReason() throws Exception {
    declare(", 'on-error' = 'fail'");
    StreamingQuery fromCsv = insert("INSERT INTO good SELECT * FROM csv_readings");
    QueryFailedException failure =
        assertThrows(QueryFailedException.class, () -> fromCsv.awaitTermination(30, TimeUnit.SECONDS));
    assertTrue(
        failure.getMessage().contains("Malformed record in table 'csv_readings' at " + csv + ":2: expected 2 fields but found 1"),
        failure.getMessage());
    StreamingQuery fromJson = insert("INSERT INTO good SELECT * FROM json_readings");
    failure = assertThrows(QueryFailedException.class, () -> fromJson.awaitTermination(30, TimeUnit.SECONDS));
    assertTrue(
        failure.getMessage().contains("Malformed record in table 'json_readings' at " + json + ":2: not valid JSON"),
        failure.getMessage());
    assertEquals(List.of(), good(), "a failed batch delivers nothing");
  }

  @Test
  void onErrorDeadLetterRoutesTheRawRecordsAndReasonsToAQueryableTable() throws Exception {
    engine.execute("CREATE TABLE bad_readings (source_table VARCHAR, location VARCHAR, reason VARCHAR, raw_record VARCHAR, "
        + "detected_at TIMESTAMP(3)) WITH ('connector' = 'memory')");
    declare(", 'on-error' = 'dead-letter', 'dead-letter.table' = 'bad_readings'");
    for (String table : List.of("csv_readings", "json_readings")) {
      StreamingQuery query = insert("INSERT INTO good SELECT * FROM " + table);
      assertTrue(query.awaitTermination(30, TimeUnit.SECONDS));
    }
    engine.execute(
        "CREATE TABLE dead_copy (source_table VARCHAR, location VARCHAR, reason VARCHAR, raw_record VARCHAR)"
            + " WITH ('connector' = 'memory')");
    StreamingQuery copy =
        insert("INSERT INTO dead_copy SELECT source_table, location, reason, raw_record FROM bad_readings");
    assertTrue(copy.awaitTermination(30, TimeUnit.SECONDS));
    List<List<Object>> dead = new ArrayList<>();
    for (Object[] row : engine.connectorServices().get(MemorySinkTables.class, MemorySinkTables::new).contents("dead_copy")) {
      dead.add(Arrays.asList(row));
    }
    assertEquals(
        List.of(
            List.of("csv_readings", csv + ":2", "expected 2 fields but found 1", "sensor-2"),
            List.of("csv_readings", csv + ":3", "column 'celsius': 'hot' is not a valid DOUBLE", "sensor-3,hot"),
            List.of("json_readings", json + ":3", "column 'celsius': [1] is not a valid DOUBLE",
                "{\"sensor\":\"sensor-7\",\"celsius\":[1]}")),
        List.of(dead.get(0), dead.get(1), dead.get(3)));
    assertEquals("json_readings", dead.get(2).get(0));
    assertEquals(json + ":2", dead.get(2).get(1));
    assertTrue(((String) dead.get(2).get(2)).startsWith("not valid JSON"), (String) dead.get(2).get(2));
    assertEquals(List.of("sensor-1=20.5", "sensor-4=18.0", "sensor-5=21.0", "sensor-8=19.5"), good());
  }
}
