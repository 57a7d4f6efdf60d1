package dev.sluice.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.exec.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Wide flat statements, as generated SQL writes them, plan (parsed, validated, planned and their
 * expressions compiled), or are refused as "Statement too large" when their expressions cannot be
 * one JVM method; none is taken for deep nesting, and none runs for minutes before either.
 */
class WideStatementsTest {
  private static final int COLUMNS = 2_000;
  private SluiceEngine engine;

  @BeforeEach
  void openEngine() {
    engine = SluiceEngine.open();
    engine.execute("CREATE TABLE w (" + terms("c0 INT", ", c# INT", COLUMNS) + ", s VARCHAR) WITH ('connector' = 'memory')");
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  /** {@code first}, then {@code each} for 1 to {@code count - 1} with {@code #} the number. */
  private static String terms(String first, String each, int count) {
    StringBuilder text = new StringBuilder(first);
    for (int i = 1; i < count; i++) text.append(each.replace("#", Integer.toString(i)));
    return text.toString();
  }

  private void plans(String sql) {
    engine.query(sql).trigger(new Trigger.Manual()).onBatch((id, rows) -> {}).start().stop();
  }

  private void tooLarge(String sql) {
    SluiceException e = assertThrows(SluiceException.class, () -> plans(sql));
    assertTrue(e.getMessage().startsWith("Statement too large: "), e.getMessage());
    assertTrue(e.getMessage().length() < 1_000, "the message is not the generated code: " + e.getMessage().length() + " characters");
  }

  @Test
  void wideChainsListsAndColumnListsPlan() {
    plans("SELECT " + terms("s", " || s", 1_000) + " AS joined FROM w");
    plans("SELECT " + terms("c0", " + c#", 1_000) + " AS total FROM w");
    plans("SELECT c0 FROM w WHERE " + terms("c0 = 0", " OR c0 = #", 500));
    plans("SELECT CASE " + terms("WHEN c0 = 0 THEN 0", " WHEN c0 = # THEN #", 500) + " ELSE -1 END AS c FROM w");
    plans("SELECT " + terms("c0", ", c#", COLUMNS) + " FROM w");
    // The GROUP BY list alone is about 12,000 characters.
    String keys = terms("c0", ", c#", COLUMNS);
    plans("SELECT " + keys + ", COUNT(*) AS n FROM w GROUP BY " + keys);
  }

  @Test
  void expressionsPastOneJvmMethodAreRefusedAsTooLarge() {
    // Janino compiled each of these for seconds to minutes, then ran out of heap or past 64 KB.
    tooLarge("SELECT c0 FROM w WHERE " + terms("c0 = 0", " OR c0 = #", 2_000));
    tooLarge("SELECT c0 FROM w WHERE " + terms("c0 <> 0", " AND c0 <> #", 2_000));
    tooLarge("SELECT c0 FROM w WHERE c0 IN (" + terms("0", ", #", 10_000) + ")");
    // Calcite's translation of this CASE alone took over 7 minutes, writing tens of MB of Java.
    tooLarge("SELECT CASE " + terms("WHEN c0 = 0 THEN 0", " WHEN c0 = # THEN #", 3_000) + " ELSE -1 END AS c FROM w");
  }
}
