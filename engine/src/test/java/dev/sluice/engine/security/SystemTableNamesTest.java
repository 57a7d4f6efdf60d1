package dev.sluice.engine.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.SluiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tables the engine declares itself, named by {@code 'late-rows.table'} and {@code
 * 'dead-letter.table'}, take identifiers only, and their definitions are never SQL text around the
 * name: a name that closes a quoted identifier cannot run a statement of its own.
 */
class SystemTableNamesTest {
  /** Closes the backtick-quoted name and goes on with statements of its own. */
  private static final String INJECTION = "x` (a INT) WITH ('connector' = 'memory'); DROP TABLE victim; CREATE TABLE `y";

  @TempDir Path dir;
  private SluiceEngine engine;

  @BeforeEach
  void openEngine() {
    engine = SluiceEngine.open();
    engine.executeScript("""
        CREATE TABLE victim (v BIGINT) WITH ('connector' = 'memory');
        CREATE TABLE t (v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'memory');
        """);
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  private boolean declared(String name) {
    return engine.tables().stream().anyMatch(t -> t.name().equalsIgnoreCase(name));
  }

  @Test
  void aLateRowsTableNameThatIsNotAnIdentifierIsRefusedAndRunsNothing() {
    SluiceException e = assertThrows(SluiceException.class,
        () -> engine.execute("SET 'late-rows.table' = '" + INJECTION.replace("'", "''") + "'"));
    assertTrue(e.getMessage().contains("'late-rows.table'") && e.getMessage().contains("identifier"), e.getMessage());
    assertTrue(declared("victim"), "the DROP TABLE in the name never ran");
    assertTrue(!declared("x") && !declared("y"));
  }

  @Test
  void aLateRowsTableNameSetFromTheApiIsCheckedToo() {
    assertThrows(IllegalArgumentException.class, () -> engine.settings().set("late-rows.table", INJECTION));
    assertTrue(declared("victim"));
  }

  @Test
  void aLateRowsTableIsDeclaredFromItsColumnsWhenAQueryStarts() {
    engine.execute("SET 'late-rows.table' = 'late_rows'");
    engine.query("SELECT v FROM t").onBatch((b, rows) -> {}).start().stop();
    assertEquals("[query_id, operator, watermark, reason, late_row, dropped_at]", engine.describe("late_rows").names().toString());
  }

  @Test
  void aDeadLetterTableNameThatIsNotAnIdentifierIsRefusedAndRunsNothing() throws Exception {
    Files.createDirectories(dir.resolve("in"));
    SluiceException e = assertThrows(SluiceException.class, () -> engine.execute("CREATE TABLE events (id BIGINT) WITH ("
        + "'connector' = 'filesystem', 'path' = '" + dir.resolve("in") + "', 'format' = 'csv', 'on-error' = 'dead-letter', "
        + "'dead-letter.table' = '" + INJECTION.replace("'", "''") + "')"));
    assertTrue(e.getMessage().contains("'dead-letter.table'") && e.getMessage().contains("identifier"), e.getMessage());
    assertTrue(declared("victim"), "the DROP TABLE in the name never ran");
    assertTrue(!declared("events") && !declared("x") && !declared("y"));
  }

  @Test
  void aDeadLetterTableIsDeclaredFromItsColumns() throws Exception {
    Files.createDirectories(dir.resolve("in"));
    engine.execute("CREATE TABLE events (id BIGINT) WITH ('connector' = 'filesystem', 'path' = '" + dir.resolve("in")
        + "', 'format' = 'csv', 'on-error' = 'dead-letter', 'dead-letter.table' = 'Bad_Events_2')");
    assertEquals("[source_table, location, reason, raw_record, detected_at]", engine.describe("bad_events_2").names().toString());
  }
}
