package dev.sluice.connectors.nexmark;

import static dev.sluice.connectors.nexmark.NexmarkTables.columns;
import static dev.sluice.connectors.nexmark.NexmarkTables.events;
import static dev.sluice.connectors.nexmark.NexmarkTables.read;
import static dev.sluice.connectors.nexmark.NexmarkTables.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Offsets, replay and availability of a nexmark source. */
class NexmarkSourceTest {
  /** 2024-05-01 12:00:00 UTC. */
  private static final long NOW = 1_714_564_800_000L;

  private static String offset(long start, long events) {
    return NexmarkOffset.of(start, events).text();
  }

  private static String text(List<Object[]> rows) {
    return Arrays.deepToString(rows.toArray());
  }

  private static String text(RowBatch batch) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) rows.add(batch.row(i));
    return text(rows);
  }

  @Test
  void aRangeReadsTheSameRowsEveryTimeAndRangesJoinUpToTheWhole() {
    NexmarkSource source = source(Map.of("events.num", "1000"));
    String whole = text(events(source, NOW, 0, 1000));
    assertEquals(whole, text(events(source, NOW, 0, 1000)));
    List<Object[]> pieces = new ArrayList<>();
    for (long from = 0; from < 1000; from += 137) {
      pieces.addAll(events(source, NOW, from, Math.min(1000, from + 137)));
    }
    assertEquals(whole, text(pieces));
    assertEquals(
        text(events(source, NOW, 400, 450)), text(events(source(Map.of()), NOW, 400, 450)),
        "a bound does not change the events");
  }

  @Test
  void aNewSourceReadsTheSameRowsFromTheSameOffsetText() {
    Map<String, String> options = Map.of("seed", "42", "events.num", "5000");
    NexmarkSource first = source(options);
    String start = first.initialOffset();
    String end = first.limitOffset(start, first.latestOffset());
    NexmarkSource restarted = source(options);
    assertEquals(text(read(first, start, end)), text(read(restarted, start, end)));
    long later = NexmarkOffset.parse(start, "t").start() + 1_000_000;
    assertEquals(
        text(read(first, start, end)),
        text(read(restarted, offset(later, 0), offset(later, 5000))),
        "with a fixed base the start of the run does not move event time");
  }

  @Test
  void aBoundedTableOffersAllItsEventsAtOnceInBatchesOfTheCap() {
    NexmarkSource source = source(Map.of("events.num", "250000"));
    String start = source.initialOffset();
    String latest = source.latestOffset();
    assertEquals("{\"events\":250000}", latest);
    long first = NexmarkOffset.parse(start, "t").start();
    String end = source.limitOffset(start, latest);
    assertEquals(offset(first, 100_000), end, "100,000 events per trigger by default");
    end = source.limitOffset(end, latest);
    assertEquals(offset(first, 200_000), end);
    end = source.limitOffset(end, latest);
    assertEquals(offset(first, 250_000), end);
    assertEquals(end, source.limitOffset(end, latest), "nothing after the last event");
    assertEquals(250_000, source.eventCount());
  }

  @Test
  void anUnboundedTableNeverRunsDryAndTakesMaxEventsPerTrigger() {
    NexmarkSource source = source(Map.of("max-events-per-trigger", "7"));
    String start = offset(NOW, 1_000_000_000L);
    String end = source.limitOffset(start, source.latestOffset());
    assertEquals(offset(NOW, 1_000_000_007L), end);
    assertEquals(7, read(source, start, end).size());
    assertEquals(Long.MAX_VALUE, source.eventCount());
    NexmarkSource zero = source(Map.of("events.num", "0"));
    assertEquals(Long.MAX_VALUE, zero.eventCount(), "'events.num' = '0' is unbounded, as in the suite");
  }

  @Test
  void aRateLimitedTableOffersEachSecondsEventsAsTheSecondBegins() {
    long[] clock = {NOW};
    NexmarkSource source =
        source(Map.of("rate.limited", "true", "first-event.rate", "1000", "events.num", "3500"), clock);
    String start = source.initialOffset();
    assertEquals(offset(NOW, 0), start);
    assertEquals(offset(NOW, 1000), source.limitOffset(start, source.latestOffset()));
    clock[0] = NOW + 999;
    assertEquals(offset(NOW, 1000), source.limitOffset(start, source.latestOffset()));
    clock[0] = NOW + 1000;
    assertEquals(offset(NOW, 2000), source.limitOffset(start, source.latestOffset()));
    clock[0] = NOW + 60_000;
    assertEquals(offset(NOW, 3500), source.limitOffset(start, source.latestOffset()), "bounded");
    RowBatch rows = read(source, start, offset(NOW, 3));
    Object[] person = (Object[]) rows.row(0)[1];
    assertEquals(NOW, person[6], "rate limited, event time starts when the query first starts");
  }

  @Test
  void aRateLimitedQueryRestartedLaterCatchesUpASecondsWorthPerBatch() {
    long[] clock = {NOW};
    NexmarkSource source =
        source(Map.of("rate.limited", "true", "first-event.rate", "200000"), clock);
    String start = offset(NOW - 3_600_000, 5);
    String end = source.limitOffset(start, source.latestOffset());
    assertEquals(offset(NOW - 3_600_000, 200_005), end, "a second's worth, above 100,000");
    Object[] bid = (Object[]) read(source, end, offset(NOW - 3_600_000, 200_006)).row(0)[3];
    assertEquals(NOW - 3_600_000 + 1000, bid[5], "event 200,005 at 200,000 events per second");
  }

  @Test
  void baseTimeNowStartsEventTimeAtTheQuerysFirstStartAndAFixedOneAtItsValue() {
    NexmarkSource now = source(Map.of("base-time", "now"));
    Object[] person = (Object[]) events(now, NOW, 0, 1).get(0)[1];
    assertEquals(NOW, person[6]);
    NexmarkSource fixed = source(Map.of("base-time", "2020-02-02 02:02:02.250"));
    person = (Object[]) events(fixed, NOW, 0, 1).get(0)[1];
    assertEquals(Values.parseTimestamp("2020-02-02 02:02:02.250"), person[6]);
    NexmarkSource fallback = source(Map.of());
    person = (Object[]) events(fallback, NOW, 0, 1).get(0)[1];
    assertEquals(Values.parseTimestamp("2015-07-15 00:00:00"), person[6], "the Beam original's base");
  }

  @Test
  void offsetsOfDifferentRunsAreNotMixed() {
    NexmarkSource source = source(Map.of());
    String message =
        assertThrows(
                IllegalArgumentException.class,
                () -> source.limitOffset(offset(NOW, 0), offset(NOW + 1, 10)))
            .getMessage();
    assertTrue(message.contains("belong to different runs"), message);
    message =
        assertThrows(
                IllegalArgumentException.class,
                () -> source.read("{\"events\":3}", offset(NOW, 10), new RowBatch()))
            .getMessage();
    assertTrue(message.contains("a start offset must come from initialOffset or limitOffset"), message);
    message =
        assertThrows(IllegalArgumentException.class, () -> source.read("[1]", "[2]", new RowBatch()))
            .getMessage();
    assertTrue(message.contains("is not an offset of nexmark table 'nexmark'"), message);
  }

  @Test
  void aTableMayDeclareSomeOfTheColumnsInAnyOrder() {
    NexmarkSource bids = source(columns("bid", "event_type"), Map.of());
    List<Object[]> all = events(source(Map.of()), NOW, 0, 100);
    List<Object[]> some = events(bids, NOW, 0, 100);
    for (int n = 0; n < 100; n++) {
      assertEquals(2, some.get(n).length);
      assertEquals(all.get(n)[0], some.get(n)[1]);
      assertEquals(Arrays.toString((Object[]) all.get(n)[3]), Arrays.toString((Object[]) some.get(n)[0]));
    }
    assertNull(some.get(0)[0], "event 0 is a person");
  }

  @Test
  void offsetTextRoundTrips() {
    for (NexmarkOffset offset :
        List.of(NexmarkOffset.of(NOW, 12), NexmarkOffset.allUpTo(99), NexmarkOffset.dueBy(NOW))) {
      assertEquals(offset, NexmarkOffset.parse(offset.text(), "t"));
    }
  }
}
