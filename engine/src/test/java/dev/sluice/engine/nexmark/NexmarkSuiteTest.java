package dev.sluice.engine.nexmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.connectors.blackhole.BlackholeCounts;
import dev.sluice.connectors.memory.MemorySinkTables;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StatementResult;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.spi.OutputMode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The suite's {@code ddl_gen.sql} and {@code ddl_views.sql} and its queries q0 to q2 and q14 (whose
 * user-defined function {@code count_char} is declared by the file), run from the suite's files with
 * the placeholders its runner fills, to the end of a 10,000-event stream with the
 * available-now trigger. Each query runs twice: as written, into its blackhole table, whose row
 * count must match; and with the sink's {@code 'connector'} changed to {@code 'memory'}, whose rows
 * must be exactly those the generator's events give.
 */
class NexmarkSuiteTest {
  private static final Map<String, String> VARIABLES =
      Map.of(
          "TPS", "10000",
          "EVENTS_NUM", "10000",
          "PERSON_PROPORTION", "1",
          "AUCTION_PROPORTION", "3",
          "BID_PROPORTION", "46",
          "NEXMARK_TABLE", "datagen");

  /** The options {@code ddl_gen.sql} gives the table once its placeholders are filled. */
  private static final List<Object[]> EVENTS =
      GeneratedEvents.all(
          Map.of(
              "first-event.rate", "10000",
              "next-event.rate", "10000",
              "events.num", "10000",
              "person.proportion", "1",
              "auction.proportion", "3",
              "bid.proportion", "46"));

  private static final List<Object[]> BIDS = GeneratedEvents.bids(EVENTS);

  private SluiceEngine engine;

  @BeforeEach
  void declareTheSuitesTableAndViews() {
    engine = SluiceEngine.open();
    engine.executeScript(
        SuiteFiles.read("ddl_gen.sql", VARIABLES)
            + ";\n"
            + SuiteFiles.read("ddl_views.sql", VARIABLES)
            + ";\nSET 'trigger' = 'available-now';");
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  @Test
  void q0PassesEveryBidThrough() throws Exception {
    assertEquals(9_200, BIDS.size(), "46 bids in every 50 events");
    checkQuery(
        "q0.sql",
        "nexmark_q0",
        bid -> new Object[] {bid[0], bid[1], bid[2], bid[5], bid[6]},
        BIDS);
  }

  @Test
  void q1ConvertsEveryBidsPriceToEuros() throws Exception {
    BigDecimal rate = new BigDecimal("0.908");
    checkQuery(
        "q1.sql",
        "nexmark_q1",
        bid -> new Object[] {bid[0], bid[1], rate.multiply(BigDecimal.valueOf((Long) bid[2])), bid[5], bid[6]},
        BIDS);
  }

  @Test
  void q2SelectsTheBidsOnEvery123rdAuction() throws Exception {
    List<Object[]> selected = new ArrayList<>();
    for (Object[] bid : BIDS) if ((Long) bid[0] % 123 == 0) selected.add(bid);
    assertTrue(selected.size() > 10, "some bids are on auction 1107 or 1230: " + selected.size());
    checkQuery("q2.sql", "nexmark_q2", bid -> new Object[] {bid[0], bid[2]}, selected);
  }

  @Test
  void q14ClassifiesTheBidTimeAndCountsTheCsOfExpensiveBidsWithItsUserDefinedFunction() throws Exception {
    BigDecimal rate = new BigDecimal("0.908");
    List<Object[]> selected = new ArrayList<>();
    for (Object[] bid : BIDS) {
      BigDecimal euros = rate.multiply(BigDecimal.valueOf((Long) bid[2]));
      if (euros.compareTo(BigDecimal.valueOf(1_000_000)) > 0 && euros.compareTo(BigDecimal.valueOf(50_000_000)) < 0) selected.add(bid);
    }
    assertTrue(selected.size() > 100, "bids over a million in euros are common: " + selected.size());
    checkQuery(
        "q14.sql",
        "nexmark_q14",
        bid -> new Object[] {bid[0], bid[1], rate.multiply(BigDecimal.valueOf((Long) bid[2])), bidTimeType(bid[5]), bid[5], bid[6],
            ((String) bid[6]).chars().filter(c -> c == 'c').count()},
        selected);
  }

  /** q14's CASE over HOUR(dateTime); a timestamp is its milliseconds since the epoch, without time zone. */
  private static String bidTimeType(Object dateTime) {
    long hour = Math.floorMod((Long) dateTime, 86_400_000L) / 3_600_000L;
    if (hour >= 8 && hour <= 18) return "dayTime";
    if (hour <= 6 || hour >= 20) return "nightTime";
    return "otherTime";
  }

  /**
   * Runs {@code file} as written and checks its blackhole's row count, then with a memory sink and
   * checks its rows against {@code project} of each of {@code inputs}.
   */
  private void checkQuery(String file, String table, Function<Object[], Object[]> project, List<Object[]> inputs)
      throws Exception {
    String query = SuiteFiles.read(file, VARIABLES);
    StreamingQuery asWritten = runToTheEnd(query);
    assertEquals(OutputMode.APPEND, asWritten.outputMode(), "a projection of bids is final");
    BlackholeCounts.Tally tally =
        engine.connectorServices().get(BlackholeCounts.class, BlackholeCounts::new).tally(table);
    assertEquals(inputs.size(), tally.rows(), "rows into the blackhole: " + tally);
    assertEquals(inputs.size(), tally.rows(RowKind.INSERT), tally.toString());

    engine.execute("DROP TABLE " + table);
    // The file declares its functions again.
    for (var function : engine.functions()) engine.execute("DROP FUNCTION " + function.name());
    String intoMemory = query.replace("'connector' = 'blackhole'", "'connector' = 'memory'");
    assertTrue(intoMemory.contains("'memory'"), "the sink's connector option is changed");
    runToTheEnd(intoMemory);
    List<Object[]> expected = new ArrayList<>();
    for (Object[] input : inputs) expected.add(project.apply(input));
    List<Object[]> actual = engine.connectorServices().get(MemorySinkTables.class, MemorySinkTables::new).contents(table);
    assertEquals(GeneratedEvents.canonical(expected), GeneratedEvents.canonical(actual));
  }

  private StreamingQuery runToTheEnd(String script) throws InterruptedException {
    StreamingQuery query = null;
    for (StatementResult result : engine.executeScript(script)) {
      if (result.query() != null) query = result.query();
    }
    assertNotNull(query, "the file starts a query");
    assertTrue(query.awaitTermination(60, TimeUnit.SECONDS), "an available-now query ends by itself");
    assertNull(query.exception());
    return query;
  }
}
