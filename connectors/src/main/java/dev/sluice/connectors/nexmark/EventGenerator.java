package dev.sluice.connectors.nexmark;

import static dev.sluice.connectors.nexmark.EventIds.FIRST_AUCTION_ID;
import static dev.sluice.connectors.nexmark.EventIds.FIRST_CATEGORY_ID;
import static dev.sluice.connectors.nexmark.EventIds.FIRST_PERSON_ID;

/**
 * Makes event {@code n} of a nexmark stream as a pure function of the options, the seed, the
 * event-time base and {@code n}, with the reference's distributions: the round robin of {@link
 * EventIds}, hot sellers, auctions and bidders, prices from 1 to a million dollars spread evenly in
 * order of magnitude, channels and URLs, and padding to an average size.
 *
 * <p>One deviation: the reference's bid generator adds the first person id to a bidder twice, so
 * its bidders (from 2000) name no person; here a bidder is a person id like a seller.
 *
 * <p>A generator reuses one random sequence for all its events and caches channel names and URLs,
 * so it belongs to one thread; a source has one.
 */
final class EventGenerator {
  /** The reference's number of auction categories, kept small so queries find matches. */
  private static final int CATEGORIES = 5;

  /** Hot sellers, auctions and bidders are the first of each block of this many ids. */
  private static final int HOT_BLOCK = 100;

  /** One bid in this many is on a hot channel (with its URL), as in the reference. */
  private static final int HOT_CHANNELS_RATIO = 2;

  private static final String[] HOT_CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};

  /** The reference's number of other channels, {@code channel-0} to {@code channel-9999}. */
  private static final int CHANNELS = 10_000;

  private static final String[] STATES = "AZ,CA,ID,OR,WA,WY".split(",");
  private static final String[] CITIES =
      "Phoenix,Los Angeles,San Francisco,Boise,Portland,Bend,Redmond,Seattle,Kent,Cheyenne"
          .split(",");
  private static final String[] FIRST_NAMES =
      "Peter,Paul,Luke,John,Saul,Vicky,Kate,Julie,Sarah,Deiter,Walter".split(",");
  private static final String[] LAST_NAMES =
      "Shultz,Abrams,Spencer,White,Bartels,Walton,Smith,Jones,Noris".split(",");

  /** Seeds of the URL sequences, apart from those of events. */
  private static final long HOT_URL_SEED = 0x486F7455726C73L;

  private static final long CHANNEL_URL_SEED = 0x4368616E6E656CL;

  /** The bytes the reference counts for each number and timestamp of an event. */
  private static final int NUMBER_BYTES = 8;

  private final NexmarkConfig config;
  private final EventIds ids;
  private final long baseTime;
  private final EventRandom random = new EventRandom();
  private final String[] hotUrls = new String[HOT_CHANNELS.length];
  private final String[] channelNames = new String[CHANNELS];
  private final String[] channelUrls = new String[CHANNELS];

  /** Events from one auction to the one {@link EventIds#IN_FLIGHT_AUCTIONS} later. */
  private final long eventsPerInFlightAuctions;

  /**
   * @param baseTime the event time of event 0, epoch milliseconds
   */
  EventGenerator(NexmarkConfig config, long baseTime) {
    this.config = config;
    this.ids =
        new EventIds(config.personProportion, config.auctionProportion, config.bidProportion);
    this.baseTime = baseTime;
    this.eventsPerInFlightAuctions =
        config.auctionProportion == 0
            ? 0
            : (long) EventIds.IN_FLIGHT_AUCTIONS
                * config.totalProportion
                / config.auctionProportion;
    EventRandom urls = new EventRandom();
    for (int i = 0; i < hotUrls.length; i++) {
      hotUrls[i] = url(urls.reset(config.seed ^ HOT_URL_SEED, i));
    }
  }

  EventIds ids() {
    return ids;
  }

  /** {@link EventIds#PERSON}, {@link EventIds#AUCTION} or {@link EventIds#BID}. */
  int kind(long n) {
    return ids.kind(n);
  }

  /** The event time of event {@code n}, epoch milliseconds: the base plus its timeline offset. */
  long eventTime(long n) {
    return EventTimeline.saturatedAdd(baseTime, config.timeline.offsetMillis(n));
  }

  /**
   * Event {@code n}, which must be a person: {@code (id, name, emailAddress, creditCard, city,
   * state, dateTime, extra)}.
   */
  Object[] person(long n) {
    EventRandom r = random.reset(config.seed, n);
    long id = ids.lastPerson(n) + FIRST_PERSON_ID;
    String name =
        FIRST_NAMES[r.nextInt(FIRST_NAMES.length)] + ' ' + LAST_NAMES[r.nextInt(LAST_NAMES.length)];
    String email = Texts.word(r, 7, ' ') + '@' + Texts.word(r, 5, ' ') + ".com";
    StringBuilder card = new StringBuilder(19);
    for (int group = 0; group < 4; group++) {
      if (group > 0) card.append(' ');
      Texts.appendFourDigits(card, r.nextInt(10_000));
    }
    String creditCard = card.toString();
    String city = CITIES[r.nextInt(CITIES.length)];
    String state = STATES[r.nextInt(STATES.length)];
    int size =
        NUMBER_BYTES
            + name.length()
            + email.length()
            + creditCard.length()
            + city.length()
            + state.length();
    String extra = Texts.extra(r, size, config.avgPersonBytes);
    return new Object[] {id, name, email, creditCard, city, state, eventTime(n), extra};
  }

  /**
   * Event {@code n}, which must be an auction: {@code (id, itemName, description, initialBid,
   * reserve, dateTime, expires, seller, category, extra)}. It runs for a random time averaging how
   * long {@link EventIds#IN_FLIGHT_AUCTIONS} more auctions take to appear, so about that many are
   * open at once.
   */
  Object[] auction(long n) {
    EventRandom r = random.reset(config.seed, n);
    long id = ids.lastAuction(n) + FIRST_AUCTION_ID;
    long seller;
    if (r.nextInt(config.hotSellersRatio) > 0) {
      seller = ids.lastPerson(n) / HOT_BLOCK * HOT_BLOCK;
    } else {
      seller = ids.randomPerson(n, r);
    }
    seller += FIRST_PERSON_ID;
    long category = FIRST_CATEGORY_ID + r.nextInt(CATEGORIES);
    long initialBid = price(r);
    long time = eventTime(n);
    long horizon = eventTime(EventTimeline.saturatedAdd(n, eventsPerInFlightAuctions)) - time;
    long expires = time + 1 + r.nextLong(Math.max(horizon * 2, 1));
    String itemName = Texts.word(r, 20, ' ');
    String description = Texts.word(r, 100, ' ');
    long reserve = initialBid + price(r);
    int size = NUMBER_BYTES + itemName.length() + description.length() + 5 * NUMBER_BYTES;
    String extra = Texts.extra(r, size, config.avgAuctionBytes);
    return new Object[] {
      id, itemName, description, initialBid, reserve, time, expires, seller, category, extra
    };
  }

  /**
   * Event {@code n}, which must be a bid: {@code (auction, bidder, price, channel, url, dateTime,
   * extra)}.
   */
  Object[] bid(long n) {
    EventRandom r = random.reset(config.seed, n);
    long auction;
    if (r.nextInt(config.hotAuctionRatio) > 0) {
      auction = ids.lastAuction(n) / HOT_BLOCK * HOT_BLOCK;
    } else {
      auction = ids.randomAuction(n, r);
    }
    auction += FIRST_AUCTION_ID;
    long bidder;
    if (r.nextInt(config.hotBiddersRatio) > 0) {
      // The second of the block, so that hot bidders are not the hot sellers.
      bidder = ids.lastPerson(n) / HOT_BLOCK * HOT_BLOCK + 1;
    } else {
      bidder = ids.randomPerson(n, r);
    }
    bidder += FIRST_PERSON_ID;
    long price = price(r);
    String channel;
    String url;
    if (r.nextInt(HOT_CHANNELS_RATIO) > 0) {
      int hot = r.nextInt(HOT_CHANNELS.length);
      channel = HOT_CHANNELS[hot];
      url = hotUrls[hot];
    } else {
      int number = r.nextInt(CHANNELS);
      channel = channelName(number);
      url = channelUrl(number);
    }
    String extra = Texts.extra(r, 4 * NUMBER_BYTES, config.avgBidBytes);
    return new Object[] {auction, bidder, price, channel, url, eventTime(n), extra};
  }

  /** A price in cents, from 1 to 1,000,000 dollars, evenly spread over the orders of magnitude. */
  private static long price(EventRandom r) {
    return Math.round(Math.pow(10.0, r.nextDouble() * 6.0) * 100.0);
  }

  /** {@code channel-<number>}, made once per channel: concatenating it per bid cost q0 a tenth. */
  private String channelName(int number) {
    String name = channelNames[number];
    if (name == null) channelNames[number] = name = "channel-" + number;
    return name;
  }

  /** The URL of channel {@code number}: nine in ten carry a channel id, as in the reference. */
  private String channelUrl(int number) {
    String url = channelUrls[number];
    if (url == null) {
      EventRandom r = new EventRandom().reset(config.seed ^ CHANNEL_URL_SEED, number);
      url = url(r);
      if (r.nextInt(10) > 0) url += "&channel_id=" + (Integer.reverse(number) & Integer.MAX_VALUE);
      channelUrls[number] = url;
    }
    return url;
  }

  /** {@code https://www.nexmark.com/<w>/<w>/<w>/item.htm?query=1} with three short words. */
  private static String url(EventRandom r) {
    return "https://www.nexmark.com/"
        + Texts.word(r, 5, '_')
        + '/'
        + Texts.word(r, 5, '_')
        + '/'
        + Texts.word(r, 5, '_')
        + "/item.htm?query=1";
  }
}
