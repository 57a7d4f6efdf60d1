package dev.sluice.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.runtime.exec.Trigger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values where SEMANTICS.md is silent and Sluice therefore answers as Spark does. */
class ValueSemanticsTest {

  /**
   * Reported bug: Calcite types {@code 'yes'} and {@code 'no'} as CHAR(3) and CHAR(2), the CASE as
   * CHAR(3), and pads: the query delivers "no " with a trailing blank. Spark (the reference where
   * SEMANTICS.md is silent) returns the literal as written, as a string.
   */
  @Test
  void caseBranchesOfStringLiteralsOfDifferentLengthsAreNotBlankPadded() {
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute("CREATE TABLE t (v INT) WITH ('connector' = 'memory')");
      List<Object> answers = new ArrayList<>();
      StreamingQuery query = engine.query("SELECT CASE WHEN v > 0 THEN 'yes' ELSE 'no' END AS answer FROM t")
          .trigger(new Trigger.Manual()).onBatch((id, rows) -> rows.forEach(r -> answers.add(r.values()[0]))).start();
      engine.memoryTables().append("t", List.of(new Object[] {1}, new Object[] {-1}));
      query.processAllAvailable();
      assertEquals(List.of("yes", "no"), answers);
    }
  }
}
