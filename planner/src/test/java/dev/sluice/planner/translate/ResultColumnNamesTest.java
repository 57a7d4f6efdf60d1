package dev.sluice.planner.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.planner.QueryPlanner;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.TableDefinitions;
import dev.sluice.runtime.type.Field;
import dev.sluice.sql.StatementParser;
import dev.sluice.sql.ast.CreateTable;
import dev.sluice.sql.ast.SourcePosition;
import dev.sluice.sql.ast.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A result column is named as the query names it, whatever the rewrites did to the plan under it;
 * one without an alias is {@code EXPR$i} after its position, as in Calcite and Flink.
 */
class ResultColumnNamesTest {
  private static final String TABLE =
      "CREATE TABLE t (k VARCHAR, g INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'memory')";

  private static List<String> names(String query) {
    Catalog catalog = new Catalog();
    for (Statement statement : StatementParser.parseScript(TABLE)) catalog.addTable(TableDefinitions.of((CreateTable) statement), false);
    return new QueryPlanner(catalog).plan(query, new SourcePosition(1, 1), null).resultSchema().fields().stream().map(Field::name).toList();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "SELECT w.word, COUNT(*) FROM t CROSS JOIN UNNEST(SPLIT(t.k, ' ')) AS w(word) GROUP BY w.word | word, EXPR$1",
      "SELECT word, COUNT(*) AS c FROM t CROSS JOIN UNNEST(SPLIT(t.k, ' ')) AS w(word) GROUP BY word | word, c",
      "SELECT TUMBLE_START(ts, INTERVAL '1' SECOND) AS ws, COUNT(*) AS c FROM t GROUP BY TUMBLE(ts, INTERVAL '1' SECOND) | ws, c",
      "SELECT TUMBLE_END(ts, INTERVAL '1' SECOND), k FROM t GROUP BY k, TUMBLE(ts, INTERVAL '1' SECOND) | EXPR$0, k",
      "SELECT g + 1, k, UPPER(k) FROM t | EXPR$0, k, EXPR$2",
      "SELECT k AS name, g FROM t WHERE g > 1 | name, g",
      "SELECT k, COUNT(*) AS c FROM t GROUP BY k ORDER BY c DESC LIMIT 3 | k, c",
      "SELECT kk FROM (SELECT k AS kk, COUNT(*) AS c FROM t GROUP BY k) | kk"})
  void resultColumnsAreNamedAsTheQueryNamesThem(String query, String expected) {
    assertEquals(Arrays.asList(expected.split(", ")), names(query));
  }
}
