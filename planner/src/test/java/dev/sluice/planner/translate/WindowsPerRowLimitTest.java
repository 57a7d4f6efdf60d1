package dev.sluice.planner.translate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.planner.PlanningException;
import dev.sluice.planner.QueryPlanner;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.TableDefinitions;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.sql.StatementParser;
import dev.sluice.sql.ast.CreateTable;
import dev.sluice.sql.ast.SourcePosition;
import dev.sluice.sql.ast.Statement;
import org.junit.jupiter.api.Test;

/**
 * A sliding window puts each row in size / slide windows; past {@link StreamTranslator#MAX_WINDOWS_PER_ROW}
 * a batch could not finish (one row in 86,400,000 windows for a 1 ms slide over a day), so the
 * planner refuses the query, naming the window, the count and the slide that would do.
 */
class WindowsPerRowLimitTest {
  private static final String TABLE =
      "CREATE TABLE bid (auction BIGINT, price BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) "
          + "WITH ('connector' = 'memory')";

  @Test
  void aHopOverADayWithAMillisecondSlideIsRefusedWithTheSlideThatWouldDo() {
    PlanningException e = assertThrows(PlanningException.class, () -> plan("SELECT window_start, COUNT(*) FROM TABLE(HOP(TABLE bid, "
        + "DESCRIPTOR(ts), INTERVAL '0.001' SECOND, INTERVAL '1' DAY)) GROUP BY window_start, window_end"));
    assertTrue(e.getMessage().contains("86400000 windows"), e.getMessage());
    assertTrue(e.getMessage().contains("at most 10000"), e.getMessage());
    assertTrue(e.getMessage().contains("a slide of at least 8640 ms"), e.getMessage());
  }

  @Test
  void theLegacyGroupByHopIsRefusedTheSameWay() {
    PlanningException e = assertThrows(PlanningException.class, () -> plan("SELECT COUNT(*) FROM bid "
        + "GROUP BY HOP(ts, INTERVAL '0.001' SECOND, INTERVAL '1' DAY)"));
    assertTrue(e.getMessage().contains("86400000 windows"), e.getMessage());
  }

  @Test
  void aHopAtTheLimitPlans() {
    assertDoesNotThrow(() -> plan("SELECT window_start, COUNT(*) FROM TABLE(HOP(TABLE bid, DESCRIPTOR(ts), INTERVAL '1' SECOND, "
        + "INTERVAL '10000' SECOND)) GROUP BY window_start, window_end"));
  }

  private static void plan(String query) {
    Catalog catalog = new Catalog();
    for (Statement statement : StatementParser.parseScript(TABLE)) catalog.addTable(TableDefinitions.of((CreateTable) statement), false);
    new QueryPlanner(catalog).plan(query, new SourcePosition(1, 1), OutputMode.APPEND).toGraph(table -> null);
  }
}
