package dev.sluice.connectors.nexmark;

import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.Source;
import dev.sluice.runtime.spi.SourceFactory;
import dev.sluice.runtime.spi.TableContext;
import java.util.Set;

/**
 * The {@code 'connector' = 'nexmark'} tables: the Nexmark benchmark's stream of people, auctions
 * and bids, with the option names of the suite's Flink source (github.com/nexmark/nexmark).
 *
 * <ul>
 *   <li>{@code 'events.num'}: how many events the table has; absent or {@code 0} (the suite's
 *       value for "no limit") makes it unbounded.
 *   <li>{@code 'first-event.rate'} (default 10000), {@code 'next-event.rate'} (default the first
 *       rate), {@code 'rate.shape'} ({@code square} or {@code sine}), {@code 'rate.period'}
 *       (default {@code 600 s}): events per second of event time. With two different rates the
 *       rate moves between them over each period, as in the Beam original; the Flink source keeps
 *       only the first rate.
 *   <li>{@code 'rate.limited'} (default {@code false}): whether events also arrive at that rate on
 *       the wall clock. The suite's Flink source emits as fast as it can by default and only event
 *       time follows the rate; so does this one, each batch taking up to {@code
 *       'max-events-per-trigger'} events (default 100,000, or a second's worth if rate limited and
 *       that is more). When limited, each second's events become available as that second
 *       begins, as with datagen.
 *   <li>{@code 'base-time'}: the event time of the first event, {@code yyyy-MM-dd HH:mm:ss[.SSS]},
 *       or {@code now} for the wall-clock time when the query first starts (kept in its offsets).
 *       The default is the Beam original's fixed 2015-07-15 00:00:00, so two runs see the same
 *       events, or {@code now} when rate limited, so event time keeps pace with the clock.
 *   <li>{@code 'person.proportion'}, {@code 'auction.proportion'}, {@code 'bid.proportion'}
 *       (default 1, 3, 46): out of every 50 events, the first is a person, the next three auctions
 *       and the rest bids.
 *   <li>{@code 'bid.hot-ratio.auctions'} (2), {@code 'bid.hot-ratio.bidders'} (4), {@code
 *       'auction.hot-ratio.sellers'} (4): of every {@code n} bids (auctions), {@code n - 1} go to a
 *       hot auction, come from a hot bidder (have a hot seller).
 *   <li>{@code 'person.avg-size'} (200b), {@code 'auction.avg-size'} (500b), {@code
 *       'bid.avg-size'} (100b): the average size of an event, reached by padding its {@code extra}
 *       field; sizes as {@code 200}, {@code 200b}, {@code 1kb}, {@code 2mb}.
 *   <li>{@code 'seed'} (default 0): the stream is a pure function of the seed and the options.
 * </ul>
 *
 * The table declares any of the generator's columns by name: {@code event_type INT} (0 person, 1
 * auction, 2 bid) and the ROW columns {@code person}, {@code auction} and {@code bid}, exactly one
 * of which is set per row; see {@link NexmarkSchema}.
 */
public final class NexmarkSourceFactory implements SourceFactory {
  public static final String IDENTIFIER = "nexmark";
  public static final String EVENTS_NUM = "events.num";
  public static final String FIRST_EVENT_RATE = "first-event.rate";
  public static final String NEXT_EVENT_RATE = "next-event.rate";
  public static final String RATE_SHAPE = "rate.shape";
  public static final String RATE_PERIOD = "rate.period";
  public static final String RATE_LIMITED = "rate.limited";
  public static final String BASE_TIME = "base-time";
  public static final String MAX_EVENTS_PER_TRIGGER = "max-events-per-trigger";
  public static final String PERSON_PROPORTION = "person.proportion";
  public static final String AUCTION_PROPORTION = "auction.proportion";
  public static final String BID_PROPORTION = "bid.proportion";
  public static final String HOT_AUCTIONS = "bid.hot-ratio.auctions";
  public static final String HOT_BIDDERS = "bid.hot-ratio.bidders";
  public static final String HOT_SELLERS = "auction.hot-ratio.sellers";
  public static final String PERSON_AVG_SIZE = "person.avg-size";
  public static final String AUCTION_AVG_SIZE = "auction.avg-size";
  public static final String BID_AVG_SIZE = "bid.avg-size";
  public static final String SEED = "seed";

  static final Set<String> OPTIONS =
      Set.of(
          EVENTS_NUM,
          FIRST_EVENT_RATE,
          NEXT_EVENT_RATE,
          RATE_SHAPE,
          RATE_PERIOD,
          RATE_LIMITED,
          BASE_TIME,
          MAX_EVENTS_PER_TRIGGER,
          PERSON_PROPORTION,
          AUCTION_PROPORTION,
          BID_PROPORTION,
          HOT_AUCTIONS,
          HOT_BIDDERS,
          HOT_SELLERS,
          PERSON_AVG_SIZE,
          AUCTION_AVG_SIZE,
          BID_AVG_SIZE,
          SEED);

  @Override
  public String identifier() {
    return IDENTIFIER;
  }

  @Override
  public Set<String> requiredOptions() {
    return Set.of();
  }

  @Override
  public Set<String> optionalOptions() {
    return OPTIONS;
  }

  /** Checks the option values too, so a bad rate is refused by {@code CREATE TABLE}. */
  @Override
  public void validate(ConnectorOptions options) {
    SourceFactory.super.validate(options);
    NexmarkConfig.of(options);
  }

  @Override
  public Source createSource(TableContext context) {
    return new NexmarkSource(context);
  }
}
