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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values that do not fit their column, through SQL over real files: a huge exponent, a day past
 * its month's end, an hour 24, an unclosed quote. Each is one malformed record under the table's
 * policy; none kills the query or becomes a value.
 */
class ValuesThatDoNotFitThroughSqlTest {
  @TempDir Path in;
  private SluiceEngine engine;
  private Path json;

  @BeforeEach
  void openEngine() {
    engine = SluiceEngine.open();
    engine.execute("SET 'trigger' = 'available-now'");
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  private void declare(String format, String extraOptions) throws Exception {
    Path directory = Files.createDirectories(in.resolve(format));
    if (format.equals("json")) {
      json =
          moveIn(
              directory,
              "orders.json",
              1,
              "{\"id\":1,\"amount\":12.5,\"ts\":\"2024-05-01 12:00:00\"}",
              "{\"id\":2,\"amount\":1e999999999,\"ts\":\"2024-05-01 12:00:00\"}",
              "{\"id\":3e999999999,\"amount\":1,\"ts\":\"2024-05-01 12:00:00\"}",
              "{\"id\":4,\"amount\":1,\"ts\":\"2024-02-30 12:00:00\"}",
              "{\"id\":5,\"amount\":1,\"ts\":\"2024-05-01 24:00:00\"}",
              "{\"id\":6,\"amount\":1e-999999999,\"ts\":\"2024-05-01 12:00:00\"}");
    } else {
      moveIn(
          directory,
          "orders.csv",
          1,
          "1,12.5,2024-05-01 12:00:00",
          "2,1e999999999,2024-05-01 12:00:00",
          "3e999999999,1,2024-05-01 12:00:00",
          "4,1,2024-02-30 12:00:00",
          "5,1,2024-05-01 24:00:00",
          "6,1e-999999999,\"2024-05-01 12:00:00",
          "7,1,2024-05-01 12:00:00");
    }
    engine.execute(
        """
        CREATE TABLE %s_orders (id INT, amount DECIMAL(10, 2), ts TIMESTAMP(3)) WITH (
          'connector' = 'filesystem', 'path' = '%s', 'format' = '%s'%s)
        """
            .formatted(format, sql(directory), format, extraOptions));
    engine.execute(
        "CREATE TABLE good (id INT, amount DECIMAL(10, 2), ts TIMESTAMP(3)) WITH ('connector' = 'memory')");
  }

  private List<String> good() {
    List<String> rows = new ArrayList<>();
    for (Object[] row :
        engine.connectorServices().get(MemorySinkTables.class, MemorySinkTables::new).contents("good")) {
      rows.add(row[0] + "=" + row[1]);
    }
    return rows;
  }

  @Test
  void eachValueThatDoesNotFitIsOneSkippedRecordAndTheRestAreRead() throws Exception {
    declare("json", "");
    StreamingQuery query = engine.execute("INSERT INTO good SELECT * FROM json_orders").query();
    assertTrue(query.awaitTermination(60, TimeUnit.SECONDS));
    assertEquals(4, query.lastProgress().malformedRows());
    assertEquals(List.of("1=12.50", "6=0.00"), good());
  }

  @Test
  void anUnclosedQuoteInCsvIsOneSkippedRecordAndTheRestAreRead() throws Exception {
    declare("csv", "");
    StreamingQuery query = engine.execute("INSERT INTO good SELECT * FROM csv_orders").query();
    assertTrue(query.awaitTermination(60, TimeUnit.SECONDS));
    assertEquals(5, query.lastProgress().malformedRows(), "four values, and lines 6-7 in one quote");
    assertEquals(List.of("1=12.50"), good());
  }

  @Test
  void underFailAHugeExponentStopsTheQueryWithItsFileAndLine() throws Exception {
    declare("json", ", 'on-error' = 'fail'");
    StreamingQuery query = engine.execute("INSERT INTO good SELECT * FROM json_orders").query();
    QueryFailedException failure =
        assertThrows(QueryFailedException.class, () -> query.awaitTermination(60, TimeUnit.SECONDS));
    assertTrue(
        failure.getMessage().contains("Malformed record in table 'json_orders' at " + json + ":2: column 'amount'"),
        failure.getMessage());
    assertTrue(failure.getMessage().contains("1E+999999999 does not fit DECIMAL(10, 2)"), failure.getMessage());
  }
}
