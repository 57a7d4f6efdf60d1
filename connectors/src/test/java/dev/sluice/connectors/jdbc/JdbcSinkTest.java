package dev.sluice.connectors.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.ConnectorServices;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.spi.QueryStatus;
import dev.sluice.runtime.spi.SinkContext;
import dev.sluice.runtime.spi.TableContext;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JDBC sink against a real PostgreSQL server started by the test. */
class JdbcSinkTest {
  private static final Schema COUNTS =
      new Schema(List.of(new Field("word", DataType.of(TypeKind.VARCHAR)), new Field("cnt", DataType.of(TypeKind.BIGINT)),
          new Field("window_end", DataType.timestamp(3))));
  private static final long NOON = 1714564800000L;

  private static PostgresTestServer postgres;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = PostgresTestServer.start();
  }

  @AfterAll
  static void stopPostgres() {
    if (postgres != null) postgres.close();
  }

  private static JdbcSink sink(String tableName, OutputMode mode, List<String> primaryKey, String queryId) {
    return sink(tableName, mode, primaryKey, queryId, null);
  }

  /** A sink whose batches have the input digest {@code inputDigest}, as the query hands it over. */
  private static JdbcSink sink(String tableName, OutputMode mode, List<String> primaryKey, String queryId, String inputDigest) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("connector", "jdbc");
    map.put("url", postgres.jdbcUrl());
    map.put("table-name", tableName);
    map.put("username", postgres.user());
    ConnectorOptions options = new ConnectorOptions("counts", map);
    new JdbcConnectorFactory().validate(options);
    JdbcSink sink = new JdbcSink(new TableContext("counts", COUNTS, options, new ConnectorServices(), Map.of(), primaryKey));
    sink.open(new SinkContext(COUNTS, mode, new int[] {0}, queryId, () -> new QueryStatus(null, 0, inputDigest)));
    return sink;
  }

  private static List<List<String>> contents(String table) throws Exception {
    return postgres.query("SELECT word, cnt, window_end FROM " + table + " ORDER BY word, window_end");
  }

  @Test
  void theConnectorIsFoundAsASinkByItsIdentifier() {
    assertTrue(java.util.ServiceLoader.load(dev.sluice.runtime.spi.SinkFactory.class).stream()
        .anyMatch(f -> f.get() instanceof JdbcConnectorFactory && f.get().identifier().equals("jdbc")));
  }

  @Test
  void appendModeInsertsAndARepeatedBatchChangesNothing() throws Exception {
    postgres.execute("CREATE TABLE appended (word TEXT, cnt BIGINT, window_end TIMESTAMP(3))");
    try (JdbcSink sink = sink("appended", OutputMode.APPEND, List.of(), "q1")) {
      sink.write(0, RowBatch.of(new Object[] {"cat", 2L, NOON}, new Object[] {"dog", null, NOON}));
    }
    try (JdbcSink restarted = sink("appended", OutputMode.APPEND, List.of(), "q1")) {
      restarted.write(0, RowBatch.of(new Object[] {"cat", 2L, NOON}, new Object[] {"dog", null, NOON}));
      restarted.write(1, RowBatch.of(new Object[] {"owl", 1L, NOON + 60_000}));
    }
    assertEquals(List.of(List.of("cat", "2", "2024-05-01 12:00:00"), java.util.Arrays.asList("dog", null, "2024-05-01 12:00:00"),
        List.of("owl", "1", "2024-05-01 12:01:00")), contents("appended"));
    assertEquals(List.of(List.of("q1", "appended", "1")), postgres.query("SELECT query_id, table_name, batch_id FROM sluice_batches"
        + " WHERE table_name = 'appended'"));
  }

  @Test
  void theLastBatchRepeatedOverOtherInputIsRefusedAndOverTheSameInputSkipped() throws Exception {
    postgres.execute("CREATE TABLE repeated (word TEXT, cnt BIGINT, window_end TIMESTAMP(3))");
    try (JdbcSink sink = sink("repeated", OutputMode.APPEND, List.of(), "q-digest", "input-of-batch-0")) {
      sink.write(0, RowBatch.of(new Object[] {"cat", 2L, NOON}));
    }
    try (JdbcSink redo = sink("repeated", OutputMode.APPEND, List.of(), "q-digest", "input-of-batch-0")) {
      redo.write(0, RowBatch.of(new Object[] {"cat", 2L, NOON}));
    }
    try (JdbcSink other = sink("repeated", OutputMode.APPEND, List.of(), "q-digest", "another-range")) {
      String message = assertThrows(IllegalStateException.class, () -> other.write(0, RowBatch.of(new Object[] {"cat", 3L, NOON})))
          .getMessage();
      assertTrue(message.contains("batch 0") && message.contains("other input") && message.contains("input-of-batch-0")
          && message.contains("another-range") && message.contains("sluice_batches"), message);
    }
    assertEquals(List.of(List.of("cat", "2", "2024-05-01 12:00:00")), contents("repeated"));
  }

  @Test
  void aLedgerOfTheFormatBeforeInputDigestsGetsTheColumn() throws Exception {
    // A database of its own: the other tests share the ledger of database 'postgres'.
    postgres.execute("CREATE DATABASE oldledger");
    String url = postgres.jdbcUrl().substring(0, postgres.jdbcUrl().lastIndexOf('/') + 1) + "oldledger";
    try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url, postgres.user(), "");
        java.sql.Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE sluice_batches (query_id VARCHAR(255) NOT NULL, table_name VARCHAR(512) NOT NULL,"
          + " batch_id BIGINT NOT NULL, PRIMARY KEY (query_id, table_name))");
      statement.execute("INSERT INTO sluice_batches VALUES ('q1', 'old', 4)");
      statement.execute("CREATE TABLE old (word TEXT, cnt BIGINT, window_end TIMESTAMP(3))");
      connection.setAutoCommit(false);
      BatchLedger.ensureExists(connection);
      BatchLedger ledger = new BatchLedger("q1", "old");
      assertEquals(new BatchLedger.Committed(4, null), ledger.lastBatch(connection));
      ledger.record(connection, 5, "input-5");
      connection.commit();
      assertEquals(new BatchLedger.Committed(5, "input-5"), ledger.lastBatch(connection));
    }
  }

  @Test
  void updateModeUpsertsByTheDeclaredPrimaryKeyAndDeletesRowsThatLeft() throws Exception {
    postgres.execute("CREATE TABLE upserted (word TEXT NOT NULL, cnt BIGINT, window_end TIMESTAMP(3), PRIMARY KEY (word))");
    try (JdbcSink sink = sink("upserted", OutputMode.UPDATE, List.of("word"), "q2")) {
      RowBatch first = new RowBatch();
      first.add(RowKind.UPDATE_AFTER, new Object[] {"cat", 1L, NOON});
      first.add(RowKind.UPDATE_AFTER, new Object[] {"dog", 1L, NOON});
      sink.write(0, first);
      RowBatch second = new RowBatch();
      second.add(RowKind.UPDATE_AFTER, new Object[] {"cat", 2L, NOON});
      second.add(RowKind.DELETE, new Object[] {"dog", 1L, NOON});
      second.add(RowKind.UPDATE_AFTER, new Object[] {"owl", 1L, NOON});
      sink.write(1, second);
      sink.write(1, second);
    }
    assertEquals(List.of(List.of("cat", "2", "2024-05-01 12:00:00"), List.of("owl", "1", "2024-05-01 12:00:00")), contents("upserted"));
  }

  @Test
  void updateModeTakesTheKeyFromTheDatabaseWhenTheDdlDeclaresNone() throws Exception {
    postgres.execute("CREATE TABLE \"Keyed\" (\"Word\" TEXT PRIMARY KEY, cnt BIGINT, window_end TIMESTAMP(3))");
    try (JdbcSink sink = sink("Keyed", OutputMode.UPDATE, List.of(), "q3")) {
      RowBatch changes = new RowBatch();
      changes.add(RowKind.UPDATE_AFTER, new Object[] {"cat", 1L, NOON});
      sink.write(0, changes);
      RowBatch again = new RowBatch();
      again.add(RowKind.UPDATE_AFTER, new Object[] {"cat", 5L, NOON});
      sink.write(1, again);
    }
    assertEquals(List.of(List.of("cat", "5")), postgres.query("SELECT \"Word\", cnt FROM \"Keyed\""));
  }

  @Test
  void completeModeReplacesTheContents() throws Exception {
    postgres.execute("CREATE TABLE replaced (word TEXT, cnt BIGINT, window_end TIMESTAMP(3))");
    try (JdbcSink sink = sink("public.replaced", OutputMode.COMPLETE, List.of(), "q4")) {
      sink.write(0, RowBatch.of(new Object[] {"cat", 1L, NOON}, new Object[] {"dog", 1L, NOON}));
      sink.write(1, RowBatch.of(new Object[] {"cat", 2L, NOON}));
    }
    assertEquals(List.of(List.of("cat", "2", "2024-05-01 12:00:00")), contents("replaced"));
  }

  @Test
  void updateModeWithoutAPrimaryKeyAndUnknownTablesOrColumnsAreRefused() throws Exception {
    postgres.execute("CREATE TABLE unkeyed (word TEXT, cnt BIGINT, window_end TIMESTAMP(3))", "CREATE TABLE narrow (word TEXT)");
    IllegalArgumentException noKey = assertThrows(IllegalArgumentException.class, () -> sink("unkeyed", OutputMode.UPDATE, List.of(), "q5"));
    assertTrue(noKey.getMessage().contains("PRIMARY KEY"), noKey.getMessage());
    IllegalArgumentException noTable = assertThrows(IllegalArgumentException.class, () -> sink("missing", OutputMode.APPEND, List.of(), "q5"));
    assertTrue(noTable.getMessage().contains("no table 'missing'"), noTable.getMessage());
    IllegalArgumentException noColumn = assertThrows(IllegalArgumentException.class, () -> sink("narrow", OutputMode.APPEND, List.of(), "q5"));
    assertTrue(noColumn.getMessage().contains("column 'cnt'") && noColumn.getMessage().contains("which has word"), noColumn.getMessage());
  }
}
