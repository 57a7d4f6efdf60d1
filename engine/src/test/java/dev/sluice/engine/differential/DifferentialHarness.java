package dev.sluice.engine.differential;

import static org.junit.jupiter.api.Assertions.fail;

import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.support.BatchOracle;
import dev.sluice.engine.support.RecordedQuery;
import dev.sluice.engine.support.RowMultisets;
import dev.sluice.runtime.spi.OutputMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs one query over batches of input rows in several output modes at once and, after every
 * batch, compares what each mode's sink holds with the batch oracle over the rows so far. The
 * tables are {@link TableT}'s unless {@link #ddl} declares others (the oracle must know them too).
 */
final class DifferentialHarness {
  private final BatchOracle oracle;
  private final String sql;
  private String oracleSql;
  private boolean ordered;
  private Set<Integer> restartAfter = Set.of();
  private List<String> ddl = List.of(TableT.DDL);
  private final Map<String, Function<Map<String, List<Object[]>>, List<Object[]>>> oracleTables = new TreeMap<>();

  private DifferentialHarness(BatchOracle oracle, String sql) {
    this.oracle = oracle;
    this.sql = sql;
    this.oracleSql = sql;
  }

  static DifferentialHarness of(BatchOracle oracle, String sql) {
    return new DifferentialHarness(oracle, sql);
  }

  /** The oracle runs this text instead, for constructs the two spell differently. */
  DifferentialHarness oracleSql(String text) {
    this.oracleSql = text;
    return this;
  }

  /**
   * The oracle also gets table {@code name}, computed after every batch from the rows so far of
   * each table (by name): a reference the oracle's query reads where Calcite cannot compute it.
   */
  DifferentialHarness oracleTable(String name, Function<Map<String, List<Object[]>>, List<Object[]>> rows) {
    oracleTables.put(name, rows);
    return this;
  }

  /** The statements that declare the tables, instead of {@link TableT#DDL}. */
  DifferentialHarness ddl(String... statements) {
    this.ddl = List.of(statements);
    return this;
  }

  /** Compare row order too (complete mode with ORDER BY). */
  DifferentialHarness ordered() {
    this.ordered = true;
    return this;
  }

  /** Stop and restart every query from its checkpoint after these batch indexes. */
  DifferentialHarness restartAfter(Set<Integer> batchIndexes) {
    this.restartAfter = batchIndexes;
    return this;
  }

  static void check(BatchOracle oracle, String sql, List<List<TableT.Row>> batches, OutputMode... modes) {
    of(oracle, sql).run(batches, modes);
  }

  void run(List<List<TableT.Row>> batches, OutputMode... modes) {
    List<Map<String, List<Object[]>>> steps = new ArrayList<>();
    for (List<TableT.Row> batch : batches) steps.add(Map.of("t", TableT.values(batch)));
    runSteps(steps, modes);
  }

  /** Each step appends rows to some tables (by name), then every query processes them and is compared. */
  void runSteps(List<Map<String, List<Object[]>>> batches, OutputMode... modes) {
    List<Path> checkpoints = new ArrayList<>();
    Map<String, List<Object[]>> prefix = new TreeMap<>();
    try (SluiceEngine engine = SluiceEngine.open()) {
      for (String statement : ddl) engine.execute(statement);
      List<RecordedQuery> queries = new ArrayList<>();
      for (OutputMode mode : modes) {
        if (restartAfter.isEmpty()) {
          queries.add(RecordedQuery.start(engine, sql, mode));
        } else {
          Path checkpoint = Files.createTempDirectory("sluice-differential-");
          checkpoints.add(checkpoint);
          queries.add(RecordedQuery.start(engine, sql, mode, checkpoint));
        }
      }
      for (int b = 0; b < batches.size(); b++) {
        Map<String, List<Object[]>> rows = batches.get(b);
        engine.memoryTables().appendAll(rows);
        rows.forEach((table, added) -> prefix.computeIfAbsent(table, t -> new ArrayList<>()).addAll(added));
        for (RecordedQuery query : queries) query.processAllAvailable();
        prefix.forEach(oracle::setRows);
        oracleTables.forEach((name, rowsOf) -> oracle.setRows(name, rowsOf.apply(prefix)));
        List<Object[]> expected = oracle.query(oracleSql);
        for (RecordedQuery query : queries) {
          if (!query.problems().isEmpty()) fail(where(query, b, batches) + "bad deliveries: " + query.problems());
          // Before its first batch a query has delivered nothing; a batch runs once there is input.
          if (!query.delivered()) continue;
          String difference = ordered ? orderedDifference(expected, query.sinkTable()) : RowMultisets.difference(expected, query.sinkTable());
          if (difference != null) fail(where(query, b, batches) + difference);
        }
        if (restartAfter.contains(b)) {
          for (RecordedQuery query : queries) query.restart();
        }
      }
      for (RecordedQuery query : queries) query.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      checkpoints.forEach(DifferentialHarness::deleteRecursively);
    }
  }

  private static String orderedDifference(List<Object[]> expected, List<Object[]> actual) {
    boolean same = expected.size() == actual.size();
    for (int i = 0; same && i < expected.size(); i++) same = RowMultisets.rowsEqual(expected.get(i), actual.get(i));
    return same ? null : "rows differ in order or content\n  expected " + RowMultisets.render(expected) + "\n  actual   "
        + RowMultisets.render(actual);
  }

  private String where(RecordedQuery query, int batch, List<Map<String, List<Object[]>>> batches) {
    return query.mode().sqlName() + " mode, after batch " + batch + " of " + render(batches)
        + (restartAfter.isEmpty() ? "" : ", restarting after batches " + restartAfter) + "\n  query: " + sql + "\n  ";
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }

  private static String render(List<Map<String, List<Object[]>>> batches) {
    StringBuilder sb = new StringBuilder("[");
    for (Map<String, List<Object[]>> batch : batches) {
      if (sb.length() > 1) sb.append(", ");
      sb.append('{');
      batch.forEach((table, rows) -> sb.append(table).append('=').append(RowMultisets.render(rows)).append(' '));
      sb.append('}');
    }
    return sb.append(']').toString();
  }
}
