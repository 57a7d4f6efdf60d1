package dev.sluice.planner.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sluice.planner.QueryPlanner;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.TableDefinitions;
import dev.sluice.runtime.function.WatermarkFunction;
import dev.sluice.sql.StatementParser;
import dev.sluice.sql.ast.CreateTable;
import dev.sluice.sql.ast.SourcePosition;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A table's watermark expression as its source computes it per row: bounded delays read the
 * column, other expressions run compiled, and both give the expression's value.
 */
class SourceWatermarkTest {
  private static final List<Object[]> ROWS = List.of(
      new Object[] {1L, 1_700_000_000_123L}, new Object[] {9L, 0L}, new Object[] {3L, null});

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "ts; 0; 1700000000123; 0",
      "ts - INTERVAL '4' SECOND; 4000; 1699999996123; -4000",
      "ts - INTERVAL '1.5' SECOND; 1500; 1699999998623; -1500",
      "ts - INTERVAL '1' DAY; 86400000; 1699913600123; -86400000"})
  void boundedDelaysReadTheColumn(String expression, long delay, long first, long second) {
    WatermarkFunction watermark = watermark(expression);
    assertEquals(new WatermarkFunction.BoundedDelay(1, delay), watermark, expression);
    assertValues(watermark, expression, first, second);
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "ts + INTERVAL '1' SECOND; 1700000001123; 1000",
      "ts - INTERVAL '1' MONTH; 1697321600123; -2678400000",
      "CASE WHEN id > 5 THEN ts ELSE ts - INTERVAL '1' SECOND END; 1699999999123; 0"})
  void otherExpressionsRunCompiled(String expression, long first, long second) {
    WatermarkFunction watermark = watermark(expression);
    assertFalse(watermark instanceof WatermarkFunction.BoundedDelay, expression + " is not a fixed delay");
    assertValues(watermark, expression, first, second);
  }

  private static void assertValues(WatermarkFunction watermark, String expression, long first, long second) {
    assertEquals(first, watermark.apply(ROWS.get(0)), expression);
    assertEquals(second, watermark.apply(ROWS.get(1)), expression);
    assertEquals(Long.MIN_VALUE, watermark.apply(ROWS.get(2)), expression + " of a null time is none");
  }

  private static WatermarkFunction watermark(String expression) {
    String ddl = "CREATE TABLE events (id BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS " + expression
        + ") WITH ('connector' = 'memory')";
    Catalog catalog = new Catalog();
    catalog.addTable(TableDefinitions.of((CreateTable) StatementParser.parseScript(ddl).get(0)), false);
    var graph = new QueryPlanner(catalog).plan("SELECT id FROM events", new SourcePosition(1, 1), null).toGraph(table -> null);
    return graph.sources().get(0).watermark();
  }
}
