package dev.sluice.connectors.nexmark;

import static dev.sluice.connectors.nexmark.NexmarkTables.SUITE;
import static dev.sluice.connectors.nexmark.NexmarkTables.columns;
import static dev.sluice.connectors.nexmark.NexmarkTables.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.SourceFactory;
import dev.sluice.runtime.spi.TableContext;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Options and columns a nexmark table is refused for, and what the refusal says. */
class NexmarkOptionsTest {
  private static final String VALID_OPTIONS =
      "Valid options: auction.avg-size, auction.hot-ratio.sellers, auction.proportion, base-time,"
          + " bid.avg-size, bid.hot-ratio.auctions, bid.hot-ratio.bidders, bid.proportion,"
          + " connector, events.num, first-event.rate, max-events-per-trigger, next-event.rate,"
          + " person.avg-size, person.proportion, rate.limited, rate.period, rate.shape, seed";

  /** What {@code CREATE TABLE} says: the factory's validation of the options alone. */
  private static String refusal(Map<String, String> options) {
    Map<String, String> all = new HashMap<>(options);
    all.put("connector", "nexmark");
    return assertThrows(
            IllegalArgumentException.class,
            () -> new NexmarkSourceFactory().validate(new ConnectorOptions("bids", all)))
        .getMessage();
  }

  /** What starting a query says when the table's columns do not fit. */
  private static String refusal(Schema schema) {
    TableContext context = context(schema, Map.of());
    return assertThrows(
            IllegalArgumentException.class, () -> new NexmarkSourceFactory().createSource(context))
        .getMessage();
  }

  private static void assertContains(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), "'" + part + "' missing from: " + message);
    }
  }

  @Test
  void theConnectorIsFoundByItsName() {
    List<String> names = new ArrayList<>();
    for (SourceFactory factory : ServiceLoader.load(SourceFactory.class)) {
      names.add(factory.identifier());
      if (factory.identifier().equals("nexmark")) {
        assertEquals(NexmarkSource.class, factory.createSource(context(SUITE, Map.of())).getClass());
      }
    }
    assertTrue(names.contains("nexmark"), names.toString());
  }

  @Test
  void theSuitesOptionsAreAccepted() {
    new NexmarkSourceFactory()
        .validate(
            new ConnectorOptions(
                "datagen",
                Map.of(
                    "connector", "nexmark",
                    "first-event.rate", "10000000",
                    "next-event.rate", "10000000",
                    "events.num", "100000000",
                    "person.proportion", "1",
                    "auction.proportion", "3",
                    "bid.proportion", "46")));
  }

  @Test
  void anUnknownOptionIsRefusedWithTheValidOnesListed() {
    assertContains(
        refusal(Map.of("events.number", "10")),
        "Unknown option 'events.number' for connector 'nexmark' in table 'bids'",
        VALID_OPTIONS);
  }

  @Test
  void badValuesAreRefusedNamingTheOptionTheTableAndTheRule() {
    assertContains(
        refusal(Map.of("events.num", "-1")),
        "Option 'events.num' of table 'bids' must be between 0 and",
        "not '-1'");
    assertContains(refusal(Map.of("events.num", "lots")), "'events.num'", "must be a whole number");
    assertContains(refusal(Map.of("first-event.rate", "0")), "'first-event.rate'", "between 1 and 2147483647");
    assertContains(refusal(Map.of("next-event.rate", "3000000000")), "'next-event.rate'", "between 1 and");
    assertContains(refusal(Map.of("rate.shape", "triangle")), "'rate.shape'", "'square' or 'sine'");
    assertContains(refusal(Map.of("rate.period", "10 fortnights")), "'rate.period'", "'600 s' or '10 min'");
    assertContains(refusal(Map.of("rate.period", "0")), "'rate.period'", "from 1 s");
    assertContains(refusal(Map.of("rate.limited", "yes")), "'rate.limited'", "'true' or 'false'");
    assertContains(refusal(Map.of("base-time", "yesterday")), "'base-time'", "'2015-07-15 00:00:00' or 'now'");
    assertContains(refusal(Map.of("max-events-per-trigger", "0")), "'max-events-per-trigger'", "between 1");
    assertContains(refusal(Map.of("person.proportion", "0")), "'person.proportion'", "at least 1");
    assertContains(
        refusal(Map.of("auction.proportion", "0")),
        "'auction.proportion'",
        "while 'bid.proportion' is not 0");
    assertContains(refusal(Map.of("bid.proportion", "-3")), "'bid.proportion'", "between 0 and");
    assertContains(refusal(Map.of("bid.hot-ratio.auctions", "0")), "'bid.hot-ratio.auctions'", "between 1");
    assertContains(refusal(Map.of("bid.avg-size", "1 parsec")), "'bid.avg-size'", "'200b', '1kb' or '2mb'");
    assertContains(refusal(Map.of("person.avg-size", "1gb")), "'person.avg-size'", "a size in bytes");
    assertContains(refusal(Map.of("auction.avg-size", "17mb")), "'auction.avg-size'", "at most 16mb");
    assertContains(refusal(Map.of("seed", "x")), "'seed'", "whole number");
  }

  @Test
  void goodValuesInTheReferencesSpellingsAreAccepted() {
    Map<String, String> options = new HashMap<>();
    options.put("connector", "nexmark");
    options.put("rate.period", "10 min");
    options.put("rate.shape", "SINE");
    options.put("person.avg-size", "1kb");
    options.put("auction.avg-size", "2 mb");
    options.put("bid.avg-size", "120b");
    options.put("auction.proportion", "0");
    options.put("bid.proportion", "0");
    NexmarkConfig config = NexmarkConfig.of(new ConnectorOptions("t", options));
    assertEquals(600, config.ratePeriodSeconds);
    assertEquals(1024, config.avgPersonBytes);
    assertEquals(2 << 20, config.avgAuctionBytes);
    assertEquals(120, config.avgBidBytes);
    assertEquals(1, config.totalProportion, "only people");
  }

  @Test
  void aColumnTheGeneratorDoesNotMakeIsRefusedWithTheColumnsItMakes() {
    Schema schema =
        new Schema(List.of(SUITE.field(0), new Field("bids", SUITE.field(3).type())));
    assertContains(
        refusal(schema),
        "Column 'bids' of nexmark table 'nexmark' is not one the generator makes",
        "event_type INT, person ROW<id BIGINT, name VARCHAR, emailAddress VARCHAR,",
        "bid ROW<auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR,"
            + " dateTime TIMESTAMP(3), extra VARCHAR>");
  }

  @Test
  void aRowColumnWithOtherFieldsIsRefusedNamingTheFirstMismatch() {
    List<Field> bidFields = new ArrayList<>(SUITE.field(3).type().fields());
    bidFields.set(2, new Field("price", DataType.of(TypeKind.INTEGER)));
    assertContains(
        refusal(withBid(bidFields)),
        "Column 'bid' of nexmark table 'nexmark' is ROW<auction BIGINT, bidder BIGINT, price INT,",
        "but the generator makes ROW<auction BIGINT, bidder BIGINT, price BIGINT,",
        "field 'price' is INT; declare it as BIGINT");

    bidFields = new ArrayList<>(SUITE.field(3).type().fields());
    bidFields.set(4, new Field("link", DataType.of(TypeKind.VARCHAR)));
    assertContains(refusal(withBid(bidFields)), "field 5 is 'link' where the generator makes 'url'");

    bidFields = new ArrayList<>(SUITE.field(3).type().fields());
    bidFields.remove(6);
    assertContains(refusal(withBid(bidFields)), "field 7 'extra' is missing");

    bidFields = new ArrayList<>(SUITE.field(3).type().fields());
    bidFields.add(new Field("note", DataType.of(TypeKind.VARCHAR)));
    assertContains(refusal(withBid(bidFields)), "it has 8 fields where the generator makes 7");

    bidFields = new ArrayList<>(SUITE.field(3).type().fields());
    bidFields.set(5, new Field("dateTime", DataType.timestamp(0)));
    assertContains(refusal(withBid(bidFields)), "field 'dateTime' is TIMESTAMP(0)", "precision of at least 3");
  }

  @Test
  void otherTypesOfTopLevelColumnsAreRefused() {
    Schema schema = new Schema(List.of(new Field("event_type", DataType.of(TypeKind.BIGINT))));
    assertContains(
        refusal(schema),
        "Column 'event_type' of nexmark table 'nexmark' is BIGINT, but the generator makes INT");
    schema = new Schema(List.of(new Field("person", DataType.of(TypeKind.VARCHAR))));
    assertContains(refusal(schema), "Column 'person'", "is VARCHAR", "declare it as the ROW type above");
    assertContains(refusal(new Schema(List.of())), "declares no columns");
    assertContains(refusal(columns("bid", "event_type", "bid")), "declares column 'bid' twice");
  }

  @Test
  void lengthsAndNullabilityOfTheDeclaredTypesDoNotMatter() {
    List<Field> bidFields = new ArrayList<>(SUITE.field(3).type().fields());
    bidFields.set(3, new Field("CHANNEL", DataType.varchar(20).withNullable(false)));
    new NexmarkSourceFactory().createSource(context(withBid(bidFields), Map.of()));
  }

  @Test
  void metadataColumnsAreRefused() {
    TableContext context =
        new TableContext(
            "nexmark",
            SUITE,
            new ConnectorOptions("nexmark", Map.of("connector", "nexmark")),
            new dev.sluice.runtime.spi.ConnectorServices(),
            Map.of("event_type", "partition"),
            List.of());
    String message =
        assertThrows(IllegalArgumentException.class, () -> new NexmarkSource(context)).getMessage();
    assertContains(message, "has no metadata to read");
  }

  private static Schema withBid(List<Field> bidFields) {
    List<Field> fields = new ArrayList<>(SUITE.fields());
    fields.set(3, new Field("bid", DataType.row(bidFields)));
    return new Schema(fields);
  }
}
