package dev.sluice.engine.differential;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.engine.support.BatchOracle;
import dev.sluice.runtime.spi.OutputMode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The differential harness itself: it must catch a result that differs from the oracle's, in every mode. */
class DifferentialHarnessSelfTest {
  private static BatchOracle oracle;
  private static final List<List<TableT.Row>> BATCHES = List.of(
      List.of(new TableT.Row("a", 1, 2L, 1.0), new TableT.Row("b", 1, -2L, 1.0)),
      List.of(new TableT.Row("a", 1, 5L, 1.0), new TableT.Row("a b", null, null, null)));

  @BeforeAll
  static void openOracle() {
    oracle = BatchOracle.forTableT();
  }

  @AfterAll
  static void closeOracle() {
    oracle.close();
  }

  @Test
  void aResultThatDiffersFromTheOraclesFailsTheCheckInEveryMode() {
    String sql = "SELECT k, COUNT(*) FROM t GROUP BY k";
    String other = "SELECT k, COUNT(*) FROM t WHERE v > 0 GROUP BY k";
    assertThrows(AssertionError.class, () -> DifferentialHarness.of(oracle, sql).oracleSql(other).run(BATCHES, OutputMode.UPDATE));
    assertThrows(AssertionError.class, () -> DifferentialHarness.of(oracle, sql).oracleSql(other).run(BATCHES, OutputMode.COMPLETE));
    assertThrows(AssertionError.class, () -> DifferentialHarness.of(oracle, "SELECT k, v FROM t").oracleSql("SELECT k, v FROM t WHERE v > 0")
        .run(BATCHES, OutputMode.APPEND));
    assertThrows(AssertionError.class, () -> DifferentialHarness.of(oracle, "SELECT k, COUNT(*) AS c FROM t GROUP BY k ORDER BY c, k")
        .oracleSql("SELECT k, COUNT(*) AS c FROM t GROUP BY k ORDER BY c DESC, k").ordered().run(BATCHES, OutputMode.COMPLETE));
  }

  @Test
  void aMatchingResultPassesInEveryMode() {
    DifferentialHarness.check(oracle, "SELECT k, COUNT(*) FROM t GROUP BY k", BATCHES, OutputMode.UPDATE, OutputMode.COMPLETE);
    DifferentialHarness.check(oracle, "SELECT w.word FROM t CROSS JOIN UNNEST(SPLIT(t.k, ' ')) AS w(word)", BATCHES, OutputMode.APPEND);
    DifferentialHarness.of(oracle, "SELECT k, COUNT(*) FROM t GROUP BY k").restartAfter(java.util.Set.of(0)).run(BATCHES, OutputMode.UPDATE);
  }
}
