package dev.sluice.engine.connectors;

import static dev.sluice.engine.connectors.Files2.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.connectors.memory.MemorySinkTables;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.runtime.exec.QueryFailedException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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
 * Bad bytes through SQL over a real file read in small pieces: a byte-order mark, bare CRs and
 * CRLFs, lines that are not UTF-8 (after a bare CR, too), and a last line without a newline. The
 * query never dies under skip or dead-letter, its progress counts each bad line, the dead-letter
 * table names each one's file and line, and fail stops at the first with its file and line.
 */
class BadBytesThroughSqlTest {
  @TempDir Path in;
  private SluiceEngine engine;
  private Path file;

  @BeforeEach
  void writeFileAndOpenEngine() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    bytes.writeBytes("1,ann\r2,bob\r\n".getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(new byte[] {'3', ',', (byte) 0xFF, 'x', '\r'}); // line 3
    bytes.writeBytes("4,dee\n".getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(new byte[] {'5', ',', (byte) 0xC3, (byte) 0x28, '\r', '\n'}); // line 5
    bytes.writeBytes("6,fay".getBytes(StandardCharsets.UTF_8));
    file = Files.createDirectories(in.resolve("people")).resolve("people.csv");
    Files.write(file, bytes.toByteArray());
    engine = SluiceEngine.open();
    engine.execute("SET 'trigger' = 'available-now'");
    engine.execute("CREATE TABLE good (id INT, name VARCHAR) WITH ('connector' = 'memory')");
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  private StreamingQuery run(String options) {
    engine.execute(
        """
        CREATE TABLE people (id INT, name VARCHAR) WITH (
          'connector' = 'filesystem', 'path' = '%s', 'format' = 'csv',
          'max-bytes-per-trigger' = '5'%s)
        """
            .formatted(sql(file.getParent()), options));
    return engine.execute("INSERT INTO good SELECT * FROM people").query();
  }

  private List<String> rows(String table) {
    List<String> rows = new ArrayList<>();
    for (Object[] row :
        engine.connectorServices().get(MemorySinkTables.class, MemorySinkTables::new).contents(table)) {
      rows.add(row[0] + "=" + row[1]);
    }
    return rows;
  }

  @Test
  void underSkipEachBadLineIsCountedAndTheRestAreRead() throws Exception {
    StreamingQuery query = run("");
    assertTrue(query.awaitTermination(60, TimeUnit.SECONDS));
    assertEquals(null, query.exception());
    assertEquals(2, query.lastProgress().malformedRows());
    assertEquals(List.of("1=ann", "2=bob", "4=dee", "6=fay"), rows("good"));
  }

  @Test
  void underDeadLetterEachBadLineIsRoutedWithItsFileAndLine() throws Exception {
    engine.execute(
        "CREATE TABLE bad (source_table VARCHAR, location VARCHAR, reason VARCHAR, raw_record VARCHAR,"
            + " detected_at TIMESTAMP(3)) WITH ('connector' = 'memory')");
    StreamingQuery query = run(", 'on-error' = 'dead-letter', 'dead-letter.table' = 'bad'");
    assertTrue(query.awaitTermination(60, TimeUnit.SECONDS));
    assertEquals(null, query.exception());
    assertEquals(List.of("1=ann", "2=bob", "4=dee", "6=fay"), rows("good"));
    List<String> locations = new ArrayList<>();
    for (Object[] row : engine.memoryTables().rows("bad", 0, engine.memoryTables().size("bad"))) {
      locations.add(row[1] + " " + row[2]);
    }
    assertEquals(
        List.of(file + ":3 not valid UTF-8 text", file + ":5 not valid UTF-8 text"), locations);
  }

  @Test
  void underFailTheFirstBadLineStopsTheQueryWithItsFileAndLine() {
    StreamingQuery query = run(", 'on-error' = 'fail'");
    QueryFailedException failure =
        assertThrows(QueryFailedException.class, () -> query.awaitTermination(60, TimeUnit.SECONDS));
    assertTrue(
        failure.getMessage().contains("Malformed record in table 'people' at " + file + ":3: not valid UTF-8 text"),
        failure.getMessage());
  }
}
