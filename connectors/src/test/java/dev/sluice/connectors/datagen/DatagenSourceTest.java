package dev.sluice.connectors.datagen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.ConnectorServices;
import dev.sluice.runtime.spi.TableContext;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DatagenSourceTest {
  /** 2024-05-01 12:00:00 UTC. */
  private static final long START = 1_714_564_800_000L;

  private static final Schema BIDS =
      new Schema(
          List.of(
              new Field("id", DataType.of(TypeKind.BIGINT)),
              new Field("price", DataType.of(TypeKind.INTEGER)),
              new Field("item", DataType.varchar(Integer.MAX_VALUE)),
              new Field("ts", DataType.timestamp(3))));

  private final AtomicLong now = new AtomicLong(START);
  private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());

  private DatagenSource source(Schema schema, Map<String, String> options) {
    Map<String, String> all = new HashMap<>(options);
    all.put("connector", "datagen");
    return new DatagenSource(
        new TableContext(
            "bids", schema, new ConnectorOptions("bids", all), new ConnectorServices()),
        clock);
  }

  private static RowBatch read(DatagenSource source, String start, String end) {
    RowBatch batch = new RowBatch();
    source.read(start, end, batch);
    return batch;
  }

  private static String offset(long base, long rows) {
    return DatagenOffset.of(base, rows).text();
  }

  @Test
  void readingARangeTwiceGivesEqualRows() {
    DatagenSource source =
        source(BIDS, Map.of("fields.id.kind", "sequence", "fields.item.length", "4"));
    String start = source.initialOffset();
    now.addAndGet(2_000);
    String end = source.limitOffset(start, source.latestOffset());
    RowBatch first = read(source, start, end);
    RowBatch again = read(source, start, end);
    assertEquals(30_000, first.size(), "the rows of seconds 0, 1 and 2, begun by 2,000 ms");
    assertEquals(first.toString(), again.toString());
    String middle = offset(START, 7_000);
    assertEquals(
        read(source, middle, offset(START, 7_010)).toString(),
        read(source, middle, offset(START, 7_010)).toString());
  }

  @Test
  void aRestartedSourceReadsTheSameRowsFromTheSameOffsetText() {
    Map<String, String> options = Map.of("seed", "42", "fields.ts.max-past", "5000");
    DatagenSource before = source(BIDS, options);
    String start = before.initialOffset();
    now.addAndGet(1_500);
    String end = before.limitOffset(start, before.latestOffset());
    RowBatch original = read(before, start, end);

    now.addAndGet(3_600_000); // the query is restarted an hour later
    DatagenSource after = source(BIDS, options);
    assertEquals(original.toString(), read(after, start, end).toString());
  }

  @Test
  void aRestartedSourceContinuesWithTheBaseOfItsCheckpointedOffset() {
    DatagenSource before = source(BIDS, Map.of("rows-per-second", "10"));
    String start = before.initialOffset();
    now.addAndGet(999);
    String committed = before.limitOffset(start, before.latestOffset());
    assertEquals(offset(START, 10), committed, "the first second's rows");

    now.addAndGet(60_000);
    DatagenSource after = source(BIDS, Map.of("rows-per-second", "10"));
    String latest = after.latestOffset(); // the base is not known yet: a provisional offset
    String end = after.limitOffset(committed, latest);
    assertEquals(offset(START, 610), end, "rows due since the first start, not since the restart");
    assertEquals(offset(START, 610), after.latestOffset(), "the base is known from now on");
    RowBatch rows = read(after, committed, end);
    assertEquals(START + 1_000, rows.row(0)[3], "event time goes on from the first start");
  }

  @Test
  void latestOffsetGrowsWithTheClockAtTheConfiguredRate() {
    DatagenSource source = source(BIDS, Map.of("rows-per-second", "250"));
    String start = source.initialOffset();
    assertEquals(offset(START, 0), start);
    assertEquals(offset(START, 250), source.limitOffset(start, source.latestOffset()), "the first second's rows at once");
    assertEquals(offset(START, 250), source.latestOffset(), "the base is known once a start offset was seen");
    now.addAndGet(999);
    assertEquals(offset(START, 250), source.latestOffset());
    now.addAndGet(1);
    assertEquals(offset(START, 500), source.latestOffset());
    now.addAndGet(9_000);
    assertEquals(offset(START, 2_750), source.latestOffset());
  }

  @Test
  void oneBatchHoldsASecondOfRowsOrOneHundredThousandWhicheverIsMore() {
    DatagenSource slow = source(BIDS, Map.of("rows-per-second", "10"));
    String start = slow.initialOffset();
    now.addAndGet(1_000_000_000L);
    assertEquals(offset(START, 100_000), slow.limitOffset(start, slow.latestOffset()));

    DatagenSource fast = source(BIDS, Map.of("rows-per-second", "400000"));
    assertEquals(offset(START, 400_000), fast.limitOffset(offset(START, 0), fast.latestOffset()));
    assertEquals(
        offset(START, 500_000), fast.limitOffset(offset(START, 100_000), offset(START, 500_000)));
  }

  @Test
  void limitOffsetReturnsTheStartWhenNothingNewIsDue() {
    DatagenSource source = source(BIDS, Map.of("rows-per-second", "10"));
    String start = source.initialOffset();
    String firstSecond = source.limitOffset(start, source.latestOffset());
    now.addAndGet(500);
    assertEquals(firstSecond, source.limitOffset(firstSecond, source.latestOffset()));
  }

  @Test
  void aSourceResumingFromACheckpointUsesTheCheckpointsBaseEvenAfterProposingItsOwn() {
    String committed = offset(START - 60_000, 10);
    DatagenSource restarted = source(BIDS, Map.of("rows-per-second", "10"));
    restarted.initialOffset(); // the executor asks on every start, resumed or not
    String end = restarted.limitOffset(committed, restarted.latestOffset());
    assertEquals(offset(START - 60_000, 610), end, "rows due since the first run began, with its base");
  }

  @Test
  void numberOfRowsBoundsTheTable() {
    DatagenSource source = source(BIDS, Map.of("number-of-rows", "25", "rows-per-second", "10"));
    String start = source.initialOffset();
    now.addAndGet(1_000);
    assertEquals(offset(START, 20), source.limitOffset(start, source.latestOffset()));
    now.addAndGet(100_000);
    assertEquals(offset(START, 25), source.latestOffset());
    assertEquals(25, read(source, start, source.latestOffset()).size());
    assertEquals(25, source.rowCount());
  }

  @Test
  void aSequenceCountsFromStartAndEndsTheTableAtItsEnd() {
    DatagenSource source =
        source(
            BIDS,
            Map.of("fields.id.kind", "sequence", "fields.id.start", "100", "fields.id.end", "104"));
    assertEquals(5, source.rowCount());
    String start = source.initialOffset();
    now.addAndGet(60_000);
    RowBatch rows = read(source, start, source.latestOffset());
    assertEquals(5, rows.size());
    for (int i = 0; i < 5; i++) assertEquals(100L + i, rows.row(i)[0]);
  }

  @Test
  void numberOfRowsShorterThanASequenceWins() {
    DatagenSource source =
        source(
            BIDS,
            Map.of("fields.id.kind", "sequence", "fields.id.end", "1000", "number-of-rows", "7"));
    assertEquals(7, source.rowCount());
  }

  @Test
  void eventTimesAdvanceWithTheRate() {
    DatagenSource source = source(BIDS, Map.of("rows-per-second", "4"));
    RowBatch rows = read(source, source.initialOffset(), offset(START, 9));
    long[] expected = {0, 250, 500, 750, 1000, 1250, 1500, 1750, 2000};
    for (int i = 0; i < expected.length; i++) assertEquals(START + expected[i], rows.row(i)[3]);
  }

  @Test
  void disorderStaysWithinMaxPast() {
    DatagenSource source =
        source(BIDS, Map.of("rows-per-second", "1000", "fields.ts.max-past", "3000"));
    RowBatch rows = read(source, source.initialOffset(), offset(START, 50_000));
    long latest = Long.MIN_VALUE;
    boolean outOfOrder = false;
    for (int i = 0; i < rows.size(); i++) {
      long ts = (Long) rows.row(i)[3];
      long due = START + i;
      assertTrue(ts <= due && ts >= due - 3_000, "row " + i + " is " + (due - ts) + " ms early");
      outOfOrder |= ts < latest;
      latest = Math.max(latest, ts);
    }
    assertTrue(outOfOrder, "max-past should put some rows out of order");
  }

  @Test
  void randomNumbersStayWithinMinAndMax() {
    Schema schema =
        new Schema(
            List.of(
                new Field("small", DataType.of(TypeKind.TINYINT)),
                new Field("d", DataType.of(TypeKind.DOUBLE)),
                new Field("amount", DataType.decimal(6, 2)),
                new Field("n", DataType.of(TypeKind.INTEGER))));
    DatagenSource source =
        source(
            schema,
            Map.of(
                "fields.d.min",
                "-5",
                "fields.d.max",
                "5",
                "fields.amount.min",
                "1.005",
                "fields.amount.max",
                "2",
                "fields.n.min",
                "1",
                "fields.n.max",
                "3"));
    RowBatch rows = read(source, source.initialOffset(), offset(START, 10_000));
    Set<Integer> ints = new HashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      Object[] row = rows.row(i);
      assertInstanceOf(Byte.class, row[0]);
      double d = (Double) row[1];
      assertTrue(d >= -5 && d <= 5, "d = " + d);
      BigDecimal amount = (BigDecimal) row[2];
      assertEquals(2, amount.scale());
      assertTrue(
          amount.compareTo(new BigDecimal("1.01")) >= 0
              && amount.compareTo(new BigDecimal("2")) <= 0,
          "amount = " + amount);
      ints.add((Integer) row[3]);
    }
    assertEquals(Set.of(1, 2, 3), ints);
  }

  @Test
  void randomStringsAreHexDigitsOfTheGivenLength() {
    DatagenSource source = source(BIDS, Map.of("fields.item.length", "1"));
    RowBatch rows = read(source, source.initialOffset(), offset(START, 1_000));
    Set<String> items = new HashSet<>();
    for (int i = 0; i < rows.size(); i++) items.add((String) rows.row(i)[2]);
    assertEquals(16, items.size(), "one hex digit makes 16 keys: " + items);

    DatagenSource long_ = source(BIDS, Map.of());
    String item = (String) read(long_, long_.initialOffset(), offset(START, 1)).row(0)[2];
    assertEquals(100, item.length(), "Flink's default length");
    assertTrue(item.matches("[0-9a-f]+"), item);
  }

  @Test
  void aDeclaredVarcharLengthCapsTheDefaultLength() {
    Schema schema = new Schema(List.of(new Field("code", DataType.varchar(8))));
    DatagenSource source = source(schema, Map.of());
    assertEquals(
        8, ((String) read(source, source.initialOffset(), offset(START, 1)).row(0)[0]).length());
  }

  @Test
  void eachTypeHasItsRowRepresentation() {
    Schema schema =
        new Schema(
            List.of(
                new Field("b", DataType.of(TypeKind.BOOLEAN)),
                new Field("s", DataType.of(TypeKind.SMALLINT)),
                new Field("f", DataType.of(TypeKind.FLOAT)),
                new Field("day", DataType.of(TypeKind.DATE)),
                new Field("t", DataType.of(TypeKind.TIME)),
                new Field("seconds", DataType.timestamp(0)),
                new Field("ltz", DataType.of(TypeKind.TIMESTAMP_LTZ)),
                new Field("seq", DataType.of(TypeKind.DOUBLE))));
    DatagenSource source =
        source(schema, Map.of("fields.seq.kind", "sequence", "rows-per-second", "3"));
    RowBatch rows = read(source, source.initialOffset(), offset(START, 4));
    Object[] row = rows.row(1);
    assertInstanceOf(Boolean.class, row[0]);
    assertInstanceOf(Short.class, row[1]);
    assertInstanceOf(Float.class, row[2]);
    assertEquals((int) (START / 86_400_000L), row[3]);
    assertEquals((int) (START % 86_400_000L) + 333, row[4]);
    assertEquals(START, row[5], "TIMESTAMP(0) keeps whole seconds");
    assertEquals(START + 333, row[6]);
    assertEquals(1.0, row[7]);
  }

  @Test
  void differentSeedsGiveDifferentRows() {
    DatagenSource zero = source(BIDS, Map.of());
    DatagenSource one = source(BIDS, Map.of("seed", "1"));
    String start = zero.initialOffset();
    assertNotEquals(
        read(zero, start, offset(START, 10)).toString(),
        read(one, start, offset(START, 10)).toString());
  }

  @Test
  void columnsDoNotRepeatEachOther() {
    Schema schema =
        new Schema(
            List.of(
                new Field("a", DataType.of(TypeKind.BIGINT)),
                new Field("b", DataType.of(TypeKind.BIGINT))));
    DatagenSource source = source(schema, Map.of());
    RowBatch rows = read(source, source.initialOffset(), offset(START, 100));
    Set<Object> values = new HashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      values.add(rows.row(i)[0]);
      values.add(rows.row(i)[1]);
    }
    assertEquals(200, values.size());
  }
}
