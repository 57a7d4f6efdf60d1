package dev.sluice.connectors.nexmark;

import static dev.sluice.connectors.nexmark.NexmarkSourceFactory.AUCTION_AVG_SIZE;
import static dev.sluice.connectors.nexmark.NexmarkSourceFactory.AUCTION_PROPORTION;
import static dev.sluice.connectors.nexmark.NexmarkSourceFactory.BASE_TIME;
import static dev.sluice.connectors.nexmark.NexmarkSourceFactory.BID_AVG_SIZE;
import static dev.sluice.connectors.nexmark.NexmarkSourceFactory.BID_PROPORTION;
import static dev.sluice.connectors.nexmark.NexmarkSourceFactory.EVENTS_NUM;
import static dev.sluice.connectors.nexmark.NexmarkSourceFactory.FIRST_EVENT_RATE;
import static dev.sluice.connectors.nexmark.NexmarkSourceFactory.HOT_AUCTIONS;
import static dev.sluice.connectors.nexmark.NexmarkSourceFactory.HOT_BIDDERS;
import static dev.sluice.connectors.nexmark.NexmarkSourceFactory.HOT_SELLERS;
import static dev.sluice.connectors.nexmark.NexmarkSourceFactory.MAX_EVENTS_PER_TRIGGER;
import static dev.sluice.connectors.nexmark.NexmarkSourceFactory.NEXT_EVENT_RATE;
import static dev.sluice.connectors.nexmark.NexmarkSourceFactory.PERSON_AVG_SIZE;
import static dev.sluice.connectors.nexmark.NexmarkSourceFactory.PERSON_PROPORTION;
import static dev.sluice.connectors.nexmark.NexmarkSourceFactory.RATE_LIMITED;
import static dev.sluice.connectors.nexmark.NexmarkSourceFactory.RATE_PERIOD;
import static dev.sluice.connectors.nexmark.NexmarkSourceFactory.RATE_SHAPE;
import static dev.sluice.connectors.nexmark.NexmarkSourceFactory.SEED;

import dev.sluice.connectors.nexmark.EventTimeline.Shape;
import dev.sluice.runtime.data.Values;
import dev.sluice.runtime.spi.ConnectorOptions;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checked options of one nexmark table. Every value is validated here, with the option, the
 * table and the rule in each message; the defaults are the reference's ({@code
 * NexmarkConfiguration} of the suite).
 */
final class NexmarkConfig {
  /** The Beam original's event-time base, 2015-07-15 00:00:00 UTC. */
  static final long DEFAULT_BASE_TIME = 1_436_918_400_000L;

  static final long DEFAULT_RATE = 10_000;
  static final long DEFAULT_RATE_PERIOD_SECONDS = 600;
  static final long DEFAULT_MAX_EVENTS_PER_TRIGGER = 100_000;

  /** Largest {@code extra} padding the options may ask for on average. */
  static final long MAX_AVG_SIZE = 16L << 20;

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([a-z]*)");
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([a-z]*)");

  final String table;

  /** How many events the table has; {@code Long.MAX_VALUE} when it is unbounded. */
  final long eventCount;

  final long firstRate;
  final long nextRate;
  final Shape shape;
  final long ratePeriodSeconds;
  final EventTimeline timeline;
  final boolean rateLimited;

  /** The event time of event 0, or {@link #BASE_AT_START} for the query's first start. */
  final long baseTime;

  final long maxEventsPerTrigger;
  final int personProportion;
  final int auctionProportion;
  final int bidProportion;
  final int totalProportion;
  final int hotAuctionRatio;
  final int hotBiddersRatio;
  final int hotSellersRatio;
  final int avgPersonBytes;
  final int avgAuctionBytes;
  final int avgBidBytes;
  final long seed;

  /** {@link #baseTime} when event time starts when the query first starts. */
  static final long BASE_AT_START = Long.MIN_VALUE;

  private final ConnectorOptions options;

  private NexmarkConfig(ConnectorOptions options) {
    this.options = options;
    this.table = options.tableName();
    long events = whole(EVENTS_NUM, 0, 0, Long.MAX_VALUE);
    eventCount = events == 0 ? Long.MAX_VALUE : events;
    firstRate = whole(FIRST_EVENT_RATE, DEFAULT_RATE, 1, Integer.MAX_VALUE);
    nextRate = whole(NEXT_EVENT_RATE, firstRate, 1, Integer.MAX_VALUE);
    String shapeText = options.get(RATE_SHAPE, Shape.SQUARE.name());
    shape = Shape.parse(shapeText);
    if (shape == null) throw invalid(RATE_SHAPE, shapeText, "must be 'square' or 'sine'");
    ratePeriodSeconds = seconds(RATE_PERIOD, DEFAULT_RATE_PERIOD_SECONDS);
    timeline = EventTimeline.of(firstRate, nextRate, shape, ratePeriodSeconds);
    rateLimited = options.getBoolean(RATE_LIMITED, false);
    baseTime = baseTime();
    maxEventsPerTrigger =
        whole(
            MAX_EVENTS_PER_TRIGGER,
            rateLimited
                ? Math.max(DEFAULT_MAX_EVENTS_PER_TRIGGER, timeline.peakRate())
                : DEFAULT_MAX_EVENTS_PER_TRIGGER,
            1,
            Long.MAX_VALUE);
    personProportion = (int) whole(PERSON_PROPORTION, 1, 0, 1_000_000);
    auctionProportion = (int) whole(AUCTION_PROPORTION, 3, 0, 1_000_000);
    bidProportion = (int) whole(BID_PROPORTION, 46, 0, 1_000_000);
    totalProportion = personProportion + auctionProportion + bidProportion;
    checkProportions();
    hotAuctionRatio = (int) whole(HOT_AUCTIONS, 2, 1, Integer.MAX_VALUE);
    hotBiddersRatio = (int) whole(HOT_BIDDERS, 4, 1, Integer.MAX_VALUE);
    hotSellersRatio = (int) whole(HOT_SELLERS, 4, 1, Integer.MAX_VALUE);
    avgPersonBytes = size(PERSON_AVG_SIZE, 200);
    avgAuctionBytes = size(AUCTION_AVG_SIZE, 500);
    avgBidBytes = size(BID_AVG_SIZE, 100);
    seed = options.getLong(SEED, 0);
  }

  static NexmarkConfig of(ConnectorOptions options) {
    return new NexmarkConfig(options);
  }

  boolean isBounded() {
    return eventCount != Long.MAX_VALUE;
  }

  /** The event time of event 0 for a query that first started at wall-clock {@code start}. */
  long baseTime(long start) {
    return baseTime == BASE_AT_START ? start : baseTime;
  }

  private long baseTime() {
    String text = options.get(BASE_TIME);
    if (text == null) return rateLimited ? BASE_AT_START : DEFAULT_BASE_TIME;
    if (text.trim().equalsIgnoreCase("now")) return BASE_AT_START;
    try {
      return Values.parseTimestamp(text);
    } catch (RuntimeException e) {
      throw invalid(BASE_TIME, text, "must be a timestamp such as '2015-07-15 00:00:00' or 'now'");
    }
  }

  private void checkProportions() {
    if (personProportion == 0) {
      throw invalid(
          PERSON_PROPORTION, 0, "must be at least 1: auctions and bids need people to refer to");
    }
    if (auctionProportion == 0 && bidProportion > 0) {
      throw invalid(
          AUCTION_PROPORTION,
          0,
          "must be at least 1 while '" + BID_PROPORTION + "' is not 0: bids need auctions");
    }
  }

  private long whole(String key, long fallback, long min, long max) {
    String value = options.get(key);
    if (value == null) return fallback;
    long number;
    try {
      number = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw invalid(key, value, "must be a whole number");
    }
    if (number < min || number > max) {
      throw invalid(key, value, "must be between " + min + " and " + max);
    }
    return number;
  }

  /** A size as the reference writes it: {@code 200}, {@code 200b}, {@code 1kb}, {@code 2 mb}. */
  private int size(String key, int fallback) {
    String value = options.get(key);
    if (value == null) return fallback;
    Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
    long unit =
        !m.matches()
            ? -1
            : switch (m.group(2)) {
              case "", "b", "bytes" -> 1;
              case "k", "kb", "kib" -> 1L << 10;
              case "m", "mb", "mib" -> 1L << 20;
              default -> -1;
            };
    if (unit < 0) {
      throw invalid(key, value, "must be a size in bytes such as '200b', '1kb' or '2mb'");
    }
    long bytes;
    try {
      bytes = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
    } catch (ArithmeticException | NumberFormatException e) {
      bytes = Long.MAX_VALUE;
    }
    if (bytes > MAX_AVG_SIZE) throw invalid(key, value, "must be at most 16mb");
    return (int) bytes;
  }

  /** A duration as the reference writes it: {@code 600}, {@code 600 s}, {@code 10 min}. */
  private long seconds(String key, long fallback) {
    String value = options.get(key);
    if (value == null) return fallback;
    Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
    long unit =
        !m.matches()
            ? -1
            : switch (m.group(2)) {
              case "", "s", "sec", "secs", "second", "seconds" -> 1;
              case "m", "min", "mins", "minute", "minutes" -> 60;
              case "h", "hour", "hours" -> 3600;
              default -> -1;
            };
    long seconds = -1;
    if (unit > 0) {
      try {
        seconds = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
      } catch (ArithmeticException | NumberFormatException e) {
        seconds = Long.MAX_VALUE;
      }
    }
    if (seconds < 1 || seconds > 365L * 86_400) {
      throw invalid(
          key, value, "must be a duration from 1 s to 365 days, such as '600 s' or '10 min'");
    }
    return seconds;
  }

  private IllegalArgumentException invalid(String key, Object value, String rule) {
    return new IllegalArgumentException(
        "Option '" + key + "' of table '" + table + "' " + rule + ", not '" + value + "'");
  }
}
