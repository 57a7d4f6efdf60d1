package dev.sluice.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.spi.OutputMode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Session settings through SQL SET and RESET: valid ones apply to later queries, bad ones are refused with the valid choices. */
class SettingsTest {
  private SluiceEngine engine;

  @BeforeEach
  void openEngine() {
    engine = SluiceEngine.open();
    engine.execute("CREATE TABLE words (word VARCHAR) WITH ('connector' = 'memory')");
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  @Test
  void setWithoutArgumentsListsWhatIsSet() {
    engine.execute("SET 'output.mode' = 'complete'");
    engine.execute("SET 'result.mode' = 'changelog'");
    StatementResult result = engine.execute("SET");
    assertEquals(StatementResult.Kind.ROWS, result.kind());
    assertEquals(List.of("key", "value"), result.columns());
    assertEquals(List.of(List.of("output.mode", "complete"), List.of("result.mode", "changelog")), result.rows());
  }

  @Test
  void anOutputModeSetBySqlAppliesToQueriesStartedAfterIt() {
    StreamingQuery before = engine.execute("SELECT word, COUNT(*) AS cnt FROM words GROUP BY word").query();
    assertEquals(OutputMode.UPDATE, before.outputMode(), "without a setting, update mode for an aggregation");
    engine.execute("SET 'output.mode' = 'complete'");
    assertEquals(OutputMode.COMPLETE, engine.execute("SELECT word, COUNT(*) AS cnt FROM words GROUP BY word").query().outputMode());
    assertEquals(OutputMode.UPDATE, before.outputMode(), "a running query keeps its mode");
    engine.execute("RESET 'output.mode'");
    assertEquals(OutputMode.UPDATE, engine.execute("SELECT word, COUNT(*) AS cnt FROM words GROUP BY word").query().outputMode());
  }

  @Test
  void aTriggerSetBySqlAppliesToQueriesStartedAfterIt() throws Exception {
    engine.memoryTables().append("words", List.<Object[]>of(new Object[] {"cat"}));
    engine.execute("SET 'trigger' = 'once'");
    StreamingQuery query = engine.execute("SELECT word FROM words").query();
    assertEquals("once", query.trigger().sqlName());
    assertTrue(query.awaitTermination(30, TimeUnit.SECONDS));
  }

  @Test
  void resetWithoutAKeyResetsEverything() {
    engine.execute("SET 'output.mode' = 'complete'");
    engine.execute("SET 'verbose' = 'true'");
    engine.execute("RESET");
    assertTrue(engine.settings().asMap().isEmpty());
    assertNull(engine.settings().outputMode());
  }

  @Test
  void anUnknownSettingIsRefusedListingTheValidOnes() {
    SluiceException e = assertThrows(SluiceException.class, () -> engine.execute("SET 'output.mdoe' = 'update'"));
    assertTrue(e.getMessage().contains("'output.mdoe'"), e.getMessage());
    for (String key : Settings.keys()) assertTrue(e.getMessage().contains(key), "lists " + key + ": " + e.getMessage());
    assertEquals(1, e.line());
    assertTrue(engine.settings().asMap().isEmpty(), "nothing was set");
  }

  @Test
  void resettingAnUnknownSettingIsRefusedListingTheValidOnes() {
    SluiceException e = assertThrows(SluiceException.class, () -> engine.execute("RESET 'trigerr'"));
    assertTrue(e.getMessage().contains("'trigerr'") && e.getMessage().contains("trigger"), e.getMessage());
  }

  @Test
  void aBadOutputModeIsRefusedListingTheValidOnes() {
    SluiceException e = assertThrows(SluiceException.class, () -> engine.execute("SET 'output.mode' = 'sometimes'"));
    assertTrue(e.getMessage().contains("'sometimes'"), e.getMessage());
    for (String mode : List.of("append", "update", "complete")) assertTrue(e.getMessage().contains(mode), e.getMessage());
    assertNull(engine.settings().get(Settings.OUTPUT_MODE), "the bad value was not kept");
  }

  @Test
  void aBadTriggerIsRefusedListingTheValidOnes() {
    SluiceException e = assertThrows(SluiceException.class, () -> engine.execute("SET 'trigger' = 'often'"));
    for (String trigger : List.of("default", "once", "available-now", "10 seconds")) assertTrue(e.getMessage().contains(trigger), e.getMessage());
  }

  @Test
  void badValuesOfTheOtherSettingsAreRefusedListingTheValidOnes() {
    SluiceException resultMode = assertThrows(SluiceException.class, () -> engine.execute("SET 'result.mode' = 'grid'"));
    for (String mode : List.of("table", "changelog", "tableau")) assertTrue(resultMode.getMessage().contains(mode), resultMode.getMessage());
    SluiceException verbose = assertThrows(SluiceException.class, () -> engine.execute("SET 'verbose' = 'maybe'"));
    assertTrue(verbose.getMessage().contains("'true' or 'false'"), verbose.getMessage());
    SluiceException checkpoint = assertThrows(SluiceException.class, () -> engine.execute("SET 'checkpoint.location' = ' '"));
    assertTrue(checkpoint.getMessage().contains("RESET"), checkpoint.getMessage());
  }

  @Test
  void anIntervalTriggerIsAccepted() {
    engine.execute("SET 'trigger' = '10 seconds'");
    assertEquals("10 seconds", engine.settings().trigger().sqlName());
    engine.execute("SET 'trigger' = '250 ms'");
    assertEquals("250 ms", engine.settings().trigger().sqlName());
  }
}
