package dev.sluice.engine.nexmark;

import static dev.sluice.engine.nexmark.GeneratedEvents.canonical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.connectors.blackhole.BlackholeCounts;
import dev.sluice.connectors.memory.MemorySinkTables;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.StreamingQuery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nexmark connector and the blackhole sink through SQL, with the suite's stored columns and
 * table-qualified field access: batches capped by {@code 'max-events-per-trigger'}, and a query
 * stopped and resumed from its checkpoint reading every event once.
 */
class NexmarkThroughSqlTest {
  private static final String TABLE =
      """
      CREATE TABLE nexmark (
          event_type INT,
          person ROW<id BIGINT, name VARCHAR, emailAddress VARCHAR, creditCard VARCHAR, city VARCHAR,
                     state VARCHAR, `dateTime` TIMESTAMP(3), extra VARCHAR>,
          auction ROW<id BIGINT, itemName VARCHAR, description VARCHAR, initialBid BIGINT, reserve BIGINT,
                      `dateTime` TIMESTAMP(3), expires TIMESTAMP(3), seller BIGINT, category BIGINT,
                      extra VARCHAR>,
          bid ROW<auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR,
                  `dateTime` TIMESTAMP(3), extra VARCHAR>
      ) WITH ('connector' = 'nexmark', 'events.num' = '10000', 'seed' = '3', 'max-events-per-trigger' = '1500')
      """;

  private static final List<Object[]> BIDS =
      GeneratedEvents.bids(GeneratedEvents.all(Map.of("events.num", "10000", "seed", "3")));

  @TempDir Path checkpoint;
  private SluiceEngine engine;

  @BeforeEach
  void declareTheTable() {
    engine = SluiceEngine.open();
    engine.executeScript(TABLE + ";\nSET 'trigger' = 'available-now';");
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  @Test
  void everyBidReachesTheBlackholeInBatchesOfTheCap() throws Exception {
    engine.execute("CREATE TABLE sunk (auction BIGINT, price BIGINT) WITH ('connector' = 'blackhole')");
    StreamingQuery query =
        engine.execute("INSERT INTO sunk SELECT t.bid.auction, t.bid.price FROM nexmark AS t WHERE event_type = 2").query();
    assertTrue(query.awaitTermination(60, TimeUnit.SECONDS));
    assertNull(query.exception());
    BlackholeCounts.Tally tally = engine.connectorServices().get(BlackholeCounts.class, BlackholeCounts::new).tally("sunk");
    assertEquals(9_200, tally.rows(), tally.toString());
    assertEquals(7, tally.batches(), "10,000 events, 1,500 per batch");
  }

  @Test
  void aQueryResumedFromItsCheckpointReadsEveryEventOnce() throws Exception {
    engine.executeScript(
        """
        CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR,
                           `dateTime` TIMESTAMP(3), extra VARCHAR) WITH ('connector' = 'memory');
        SET 'checkpoint.location' = '%s';
        SET 'trigger' = 'once';
        """
            .formatted(checkpoint.toString().replace("'", "''")));
    String insert = "INSERT INTO bids SELECT t.bid.* FROM nexmark AS t WHERE event_type = 2";
    MemorySinkTables sinks = engine.connectorServices().get(MemorySinkTables.class, MemorySinkTables::new);
    for (int run = 0; run < 2; run++) {
      StreamingQuery once = engine.execute(insert).query();
      assertTrue(once.awaitTermination(60, TimeUnit.SECONDS));
      assertNull(once.exception());
    }
    assertEquals(2_760, sinks.contents("bids").size(), "two batches of 1,500 events, 46 bids in 50");
    engine.execute("SET 'trigger' = 'available-now'");
    StreamingQuery rest = engine.execute(insert).query();
    assertTrue(rest.awaitTermination(60, TimeUnit.SECONDS));
    assertNull(rest.exception());
    List<Object[]> expected = new ArrayList<>(BIDS);
    assertEquals(canonical(expected), canonical(sinks.contents("bids")));
  }

  @Test
  void aBadOptionIsRefusedByCreateTableAndAMismatchedRowWhenAQueryStarts() {
    String message =
        assertThrows(
                SluiceException.class,
                () -> engine.execute("CREATE TABLE fast (event_type INT) WITH ('connector' = 'nexmark', 'first-event.rate' = '0')"))
            .getMessage();
    assertTrue(message.contains("Option 'first-event.rate' of table 'fast' must be between 1 and"), message);
    engine.execute("CREATE TABLE odd (event_type INT, bid ROW<auction BIGINT, price BIGINT>) WITH ('connector' = 'nexmark')");
    engine.execute("CREATE TABLE sunk (auction BIGINT) WITH ('connector' = 'blackhole')");
    message =
        assertThrows(SluiceException.class, () -> engine.execute("INSERT INTO sunk SELECT o.bid.auction FROM odd AS o"))
            .getMessage();
    assertTrue(
        message.contains("Column 'bid' of nexmark table 'odd' is ROW<auction BIGINT, price BIGINT>")
            && message.contains("field 2 is 'price' where the generator makes 'bidder'"),
        message);
  }
}
