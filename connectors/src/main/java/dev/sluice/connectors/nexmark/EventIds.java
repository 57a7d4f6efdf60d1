package dev.sluice.connectors.nexmark;

/**
 * Which kind each event is and the ids it makes or refers to, by the reference's round-robin
 * scheme: events come in epochs of {@code person + auction + bid} proportions, the people first,
 * then the auctions, then the bids. Event {@code n} is therefore a person, auction or bid by {@code
 * n} alone, and the last person or auction made before it is a matter of arithmetic, which is what
 * lets any event be made on its own.
 *
 * <p>Ids here are counted from 0; {@link #FIRST_PERSON_ID} and {@link #FIRST_AUCTION_ID} are added
 * when a row is made, as the reference starts them at 1000 so that small streams still match the
 * ids the original queries name.
 */
final class EventIds {
  static final long FIRST_PERSON_ID = 1000;
  static final long FIRST_AUCTION_ID = 1000;
  static final long FIRST_CATEGORY_ID = 10;

  static final int PERSON = 0;
  static final int AUCTION = 1;
  static final int BID = 2;

  /**
   * How many not-yet-made people or auctions a random reference may name, as in the reference, so
   * that a bid can seem to arrive just before its auction.
   */
  static final int ID_LEAD = 10;

  /** The reference's number of people still active enough to sell or bid. */
  static final int ACTIVE_PEOPLE = 1000;

  /** The reference's average number of auctions open at a time. */
  static final int IN_FLIGHT_AUCTIONS = 100;

  private final int personProportion;
  private final int auctionProportion;
  private final int totalProportion;

  EventIds(int personProportion, int auctionProportion, int bidProportion) {
    this.personProportion = personProportion;
    this.auctionProportion = auctionProportion;
    this.totalProportion = personProportion + auctionProportion + bidProportion;
  }

  /** {@link #PERSON}, {@link #AUCTION} or {@link #BID}. */
  int kind(long event) {
    long position = event % totalProportion;
    if (position < personProportion) return PERSON;
    if (position < personProportion + auctionProportion) return AUCTION;
    return BID;
  }

  /** The id of the last person made at or before {@code event}, from 0. */
  long lastPerson(long event) {
    long epoch = event / totalProportion;
    long position = event % totalProportion;
    return epoch * personProportion + Math.min(position, personProportion - 1);
  }

  /**
   * The id of the last auction made at or before {@code event}, from 0; -1 before the first. Only
   * auction and bid events ask, and a bid comes after its epoch's auctions.
   */
  long lastAuction(long event) {
    long epoch = event / totalProportion;
    long position = event % totalProportion - personProportion;
    if (position < 0) return epoch * auctionProportion - 1;
    return epoch * auctionProportion + Math.min(position, auctionProportion - 1);
  }

  /**
   * A random person for {@code event} to refer to: one of the last {@link #ACTIVE_PEOPLE} made, or
   * one of the next {@link #ID_LEAD}, so that the number of bids and auctions per person does not
   * fall as the stream grows.
   */
  long randomPerson(long event, EventRandom random) {
    long people = lastPerson(event) + 1;
    long active = Math.min(people, ACTIVE_PEOPLE);
    return people - active + random.nextLong(active + ID_LEAD);
  }

  /**
   * A random auction for {@code event} to bid on: one of the last {@link #IN_FLIGHT_AUCTIONS}
   * made, or one of the next {@link #ID_LEAD}.
   */
  long randomAuction(long event, EventRandom random) {
    long last = lastAuction(event);
    long first = Math.max(last - IN_FLIGHT_AUCTIONS, 0);
    return first + random.nextLong(last - first + 1 + ID_LEAD);
  }

  /** Events in one round of the round robin. */
  int totalProportion() {
    return totalProportion;
  }

  int auctionProportion() {
    return auctionProportion;
  }
}
