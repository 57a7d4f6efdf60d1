package dev.sluice.connectors.nexmark;

import static dev.sluice.connectors.nexmark.NexmarkTables.events;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.data.Values;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The events a nexmark table generates, checked against the reference's scheme. */
class NexmarkGeneratorTest {
  private static final int EVENTS = 10_000;
  private static final List<Object[]> STREAM = events(Map.of(), EVENTS);

  private static Object[] person(Object[] row) {
    return (Object[]) row[1];
  }

  private static Object[] auction(Object[] row) {
    return (Object[]) row[2];
  }

  private static Object[] bid(Object[] row) {
    return (Object[]) row[3];
  }

  private static int type(Object[] row) {
    return (Integer) row[0];
  }

  @Test
  void tenThousandEventsAreExactlyTwoHundredPeopleSixHundredAuctionsAndTheRestBids() {
    int[] counts = new int[3];
    for (int n = 0; n < EVENTS; n++) {
      int type = type(STREAM.get(n));
      counts[type]++;
      int position = n % 50;
      int expected = position == 0 ? 0 : position <= 3 ? 1 : 2;
      assertEquals(expected, type, "event " + n + ": a person, three auctions, then 46 bids");
    }
    assertArrayEquals(new int[] {200, 600, 9_200}, counts);
  }

  @Test
  void otherProportionsKeepTheRoundRobin() {
    Map<String, String> options =
        Map.of("person.proportion", "2", "auction.proportion", "3", "bid.proportion", "5");
    int[] counts = new int[3];
    List<Object[]> rows = events(options, EVENTS);
    for (int n = 0; n < EVENTS; n++) {
      int type = type(rows.get(n));
      counts[type]++;
      int position = n % 10;
      assertEquals(position < 2 ? 0 : position < 5 ? 1 : 2, type, "event " + n);
    }
    assertArrayEquals(new int[] {2_000, 3_000, 5_000}, counts);
  }

  @Test
  void exactlyOneEventColumnIsSetAndTheEventTypeSaysWhich() {
    for (Object[] row : STREAM) {
      assertEquals(4, row.length);
      int type = type(row);
      for (int column = 1; column <= 3; column++) {
        if (column == type + 1) assertTrue(row[column] instanceof Object[], Arrays.deepToString(row));
        else assertNull(row[column], Arrays.deepToString(row));
      }
    }
  }

  @Test
  void peopleAndAuctionsAreNumberedFromOneThousandInTheOrderTheyAreMade() {
    long nextPerson = 1000;
    long nextAuction = 1000;
    for (Object[] row : STREAM) {
      if (type(row) == 0) assertEquals(nextPerson++, person(row)[0]);
      if (type(row) == 1) assertEquals(nextAuction++, auction(row)[0]);
    }
    assertEquals(1200, nextPerson);
    assertEquals(1600, nextAuction);
  }

  /**
   * As in the reference, a random reference may name one of the next ten ids not made yet (so
   * that a bid can seem to overtake its auction); a hot one always names one made already.
   */
  @Test
  void bidsAndSellersReferToPeopleAndAuctionsMadeSoFarOrJustAhead() {
    long lastPerson = -1;
    long lastAuction = -1;
    int bids = 0;
    int bidsOnMadeAuctions = 0;
    int bidsByMadePeople = 0;
    for (Object[] row : STREAM) {
      switch (type(row)) {
        case 0 -> lastPerson = (Long) person(row)[0];
        case 1 -> {
          lastAuction = (Long) auction(row)[0];
          long seller = (Long) auction(row)[7];
          assertTrue(seller >= 1000 && seller <= lastPerson + 10, "seller " + seller);
        }
        default -> {
          long auction = (Long) bid(row)[0];
          long bidder = (Long) bid(row)[1];
          assertTrue(auction >= 1000 && auction <= lastAuction + 10, "auction " + auction);
          assertTrue(bidder >= 1000 && bidder <= lastPerson + 10, "bidder " + bidder);
          bids++;
          if (auction <= lastAuction) bidsOnMadeAuctions++;
          if (bidder <= lastPerson) bidsByMadePeople++;
        }
      }
    }
    assertTrue(bidsOnMadeAuctions > 0.9 * bids, bidsOnMadeAuctions + " of " + bids);
    assertTrue(bidsByMadePeople > 0.9 * bids, bidsByMadePeople + " of " + bids);
  }

  /** Hot ratios 2 (auctions), 4 (bidders) and 4 (sellers): n - 1 in n go to the hot one. */
  @Test
  void mostBidsGoToTheHotAuctionAndComeFromTheHotBidderAndMostAuctionsHaveTheHotSeller() {
    long lastPerson = -1;
    long lastAuction = -1;
    int bids = 0;
    int hotAuction = 0;
    int hotBidder = 0;
    int auctions = 0;
    int hotSeller = 0;
    for (Object[] row : STREAM) {
      switch (type(row)) {
        case 0 -> lastPerson = (Long) person(row)[0];
        case 1 -> {
          lastAuction = (Long) auction(row)[0];
          auctions++;
          if ((Long) auction(row)[7] == 1000 + (lastPerson - 1000) / 100 * 100) hotSeller++;
        }
        default -> {
          bids++;
          if ((Long) bid(row)[0] == 1000 + (lastAuction - 1000) / 100 * 100) hotAuction++;
          if ((Long) bid(row)[1] == 1001 + (lastPerson - 1000) / 100 * 100) hotBidder++;
        }
      }
    }
    assertBetween(0.48, 0.56, hotAuction / (double) bids, "bids on the hot auction");
    assertBetween(0.73, 0.80, hotBidder / (double) bids, "bids by the hot bidder");
    assertBetween(0.70, 0.82, hotSeller / (double) auctions, "auctions by the hot seller");
  }

  @Test
  void eventTimeStartsAtTheBaseAndAdvancesWithTheRate() {
    long base = Values.parseTimestamp("2015-07-15 00:00:00");
    long previous = Long.MIN_VALUE;
    for (int n = 0; n < EVENTS; n++) {
      long time = dateTime(STREAM.get(n));
      assertEquals(base + n / 10, time, "event " + n + " at 10,000 events per second");
      assertTrue(time >= previous);
      previous = time;
    }
    List<Object[]> slow =
        events(Map.of("first-event.rate", "3", "base-time", "2024-01-01 00:00:00"), 7);
    long start = Values.parseTimestamp("2024-01-01 00:00:00");
    long[] expected = {0, 333, 666, 1000, 1333, 1666, 2000};
    for (int n = 0; n < 7; n++) assertEquals(start + expected[n], dateTime(slow.get(n)));
  }

  private static long dateTime(Object[] row) {
    return switch (type(row)) {
      case 0 -> (Long) person(row)[6];
      case 1 -> (Long) auction(row)[5];
      default -> (Long) bid(row)[5];
    };
  }

  /** At 10,000 events per second 100 more auctions take 1666 events, 166 ms. */
  @Test
  void auctionsExpireWithinTwiceTheTimeTheNextHundredAuctionsTakeToAppear() {
    long longest = 0;
    for (Object[] row : STREAM) {
      if (type(row) != 1) continue;
      long length = (Long) auction(row)[6] - (Long) auction(row)[5];
      assertTrue(length >= 1 && length <= 334, "auction length " + length);
      longest = Math.max(longest, length);
      long category = (Long) auction(row)[8];
      assertTrue(category >= 10 && category <= 14, "category " + category);
      assertTrue((Long) auction(row)[4] > (Long) auction(row)[3], "reserve above initial bid");
    }
    assertTrue(longest > 250, "lengths spread up to twice the average: " + longest);
  }

  /** {@code round(10^(6u) * 100)}: a third of the prices are below 100 dollars. */
  @Test
  void pricesRunFromOneDollarToAMillionEvenlyInOrderOfMagnitude() {
    int bids = 0;
    int belowHundredDollars = 0;
    for (Object[] row : STREAM) {
      if (type(row) != 2) continue;
      long price = (Long) bid(row)[2];
      assertTrue(price >= 100 && price <= 100_000_000, "price " + price);
      bids++;
      if (price < 10_000) belowHundredDollars++;
    }
    assertBetween(0.31, 0.36, belowHundredDollars / (double) bids, "prices below $100");
  }

  @Test
  void halfTheBidsComeFromTheFourHotChannelsAndEachChannelHasOneUrl() {
    Pattern url =
        Pattern.compile(
            "https://www\\.nexmark\\.com/[a-z_]{3,4}/[a-z_]{3,4}/[a-z_]{3,4}/item\\.htm\\?query=1"
                + "(&channel_id=\\d+)?");
    Set<String> hot = Set.of("Google", "Facebook", "Baidu", "Apple");
    Map<String, String> urlByChannel = new HashMap<>();
    int bids = 0;
    int hotBids = 0;
    int withChannelId = 0;
    int otherBids = 0;
    for (Object[] row : STREAM) {
      if (type(row) != 2) continue;
      bids++;
      String channel = (String) bid(row)[3];
      String link = (String) bid(row)[4];
      assertTrue(url.matcher(link).matches(), link);
      String previous = urlByChannel.put(channel, link);
      assertTrue(previous == null || previous.equals(link), channel + ": " + previous + " / " + link);
      if (hot.contains(channel)) {
        hotBids++;
        assertFalse(link.contains("channel_id"), link);
      } else {
        assertTrue(channel.matches("channel-\\d{1,4}"), channel);
        otherBids++;
        if (link.contains("&channel_id=")) withChannelId++;
      }
    }
    assertBetween(0.47, 0.53, hotBids / (double) bids, "bids on hot channels");
    assertBetween(0.85, 0.95, withChannelId / (double) otherBids, "other channels with an id");
    Set<String> hotUrls = new HashSet<>();
    for (String channel : hot) hotUrls.add(urlByChannel.get(channel));
    assertEquals(4, hotUrls.size(), "four hot channels, four URLs");
  }

  @Test
  void peopleLookLikeTheReferences() {
    Set<String> states = Set.of("AZ", "CA", "ID", "OR", "WA", "WY");
    for (Object[] row : STREAM) {
      if (type(row) != 0) continue;
      Object[] person = person(row);
      assertTrue(((String) person[1]).matches("[A-Z][a-z]+ [A-Z][a-z]+"), (String) person[1]);
      String email = (String) person[2];
      assertTrue(email.matches("[a-z ]*@[a-z ]*\\.com"), email);
      assertFalse(email.startsWith(" ") || email.contains(" @") || email.contains("@ "), email);
      assertTrue(((String) person[3]).matches("\\d{4} \\d{4} \\d{4} \\d{4}"), (String) person[3]);
      assertTrue(states.contains(person[5]), (String) person[5]);
    }
  }

  /** The reference counts 8 bytes per number, so a bid's own fields are 32 of its 100. */
  @Test
  void extraPadsEachEventToItsAverageSize() {
    assertBetween(66, 70, averageBidExtra(Map.of()), "bid extra at 100b");
    assertBetween(980, 1005, averageBidExtra(Map.of("bid.avg-size", "1kb")), "bid extra at 1kb");
    assertEquals(0, averageBidExtra(Map.of("bid.avg-size", "10")), "bids above their average");
    double personSize = 0;
    int people = 0;
    for (Object[] row : STREAM) {
      if (type(row) != 0) continue;
      Object[] p = person(row);
      people++;
      personSize += 8;
      for (int field : new int[] {1, 2, 3, 4, 5, 7}) personSize += ((String) p[field]).length();
    }
    assertBetween(190, 210, personSize / people, "average person size");
  }

  private static double averageBidExtra(Map<String, String> options) {
    long length = 0;
    int bids = 0;
    for (Object[] row : events(options, 2_000)) {
      if (type(row) != 2) continue;
      bids++;
      length += ((String) bid(row)[6]).length();
    }
    return length / (double) bids;
  }

  @Test
  void theSameSeedMakesTheSameEventsAndAnotherSeedOthers() {
    List<Object[]> again = events(Map.of(), 500);
    List<Object[]> seeded = events(Map.of("seed", "7"), 500);
    List<Object[]> seededAgain = events(Map.of("seed", "7"), 500);
    assertEquals(Arrays.deepToString(STREAM.subList(0, 500).toArray()), Arrays.deepToString(again.toArray()));
    assertEquals(Arrays.deepToString(seeded.toArray()), Arrays.deepToString(seededAgain.toArray()));
    assertNotEquals(Arrays.deepToString(again.toArray()), Arrays.deepToString(seeded.toArray()));
  }

  private static void assertBetween(double low, double high, double value, String what) {
    assertTrue(value >= low && value <= high, what + ": " + value + " not in [" + low + ", " + high + "]");
  }
}
