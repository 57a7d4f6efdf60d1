package dev.sluice.engine.nexmark;

import dev.sluice.connectors.nexmark.NexmarkSourceFactory;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.ConnectorServices;
import dev.sluice.runtime.spi.Source;
import dev.sluice.runtime.spi.TableContext;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every event of a bounded nexmark table, read straight from the connector with the options the
 * DDL gives it, so a test knows what a query over the table must return.
 */
final class GeneratedEvents {
  private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
  private static final DataType VARCHAR = DataType.of(TypeKind.VARCHAR);
  private static final DataType TIMESTAMP = DataType.timestamp(3);

  /** The stored columns of the suite's {@code ddl_gen.sql}. */
  static final Schema SUITE_COLUMNS =
      new Schema(
          List.of(
              new Field("event_type", DataType.of(TypeKind.INTEGER)),
              new Field(
                  "person",
                  row(
                      "id", BIGINT, "name", VARCHAR, "emailAddress", VARCHAR, "creditCard", VARCHAR,
                      "city", VARCHAR, "state", VARCHAR, "dateTime", TIMESTAMP, "extra", VARCHAR)),
              new Field(
                  "auction",
                  row(
                      "id", BIGINT, "itemName", VARCHAR, "description", VARCHAR, "initialBid", BIGINT,
                      "reserve", BIGINT, "dateTime", TIMESTAMP, "expires", TIMESTAMP, "seller", BIGINT,
                      "category", BIGINT, "extra", VARCHAR)),
              new Field(
                  "bid",
                  row(
                      "auction", BIGINT, "bidder", BIGINT, "price", BIGINT, "channel", VARCHAR,
                      "url", VARCHAR, "dateTime", TIMESTAMP, "extra", VARCHAR))));

  private GeneratedEvents() {}

  private static DataType row(Object... namesAndTypes) {
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      fields.add(new Field((String) namesAndTypes[i], (DataType) namesAndTypes[i + 1]));
    }
    return DataType.row(fields);
  }

  /** The rows {@code (event_type, person, auction, bid)} of a table with {@code options}. */
  static List<Object[]> all(Map<String, String> options) {
    Map<String, String> all = new HashMap<>(options);
    all.put("connector", "nexmark");
    Source source =
        new NexmarkSourceFactory()
            .createSource(
                new TableContext(
                    "nexmark", SUITE_COLUMNS, new ConnectorOptions("nexmark", all), new ConnectorServices()));
    List<Object[]> rows = new ArrayList<>();
    String start = source.initialOffset();
    String latest = source.latestOffset();
    for (String end = source.limitOffset(start, latest); !end.equals(start); end = source.limitOffset(start, latest)) {
      RowBatch batch = new RowBatch();
      source.read(start, end, batch);
      for (int i = 0; i < batch.size(); i++) rows.add(batch.row(i));
      start = end;
    }
    return rows;
  }

  /** The bids among {@code events}: {@code (auction, bidder, price, channel, url, dateTime, extra)}. */
  static List<Object[]> bids(List<Object[]> events) {
    List<Object[]> bids = new ArrayList<>();
    for (Object[] event : events) {
      if ((Integer) event[0] == 2) bids.add((Object[]) event[3]);
    }
    return bids;
  }

  /** Rows as sorted text, numbers by value whatever their Java class and scale. */
  static List<String> canonical(List<Object[]> rows) {
    List<String> text = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      StringBuilder sb = new StringBuilder();
      for (Object value : row) {
        if (value instanceof Number number) {
          value = new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        sb.append(value).append('|');
      }
      text.add(sb.toString());
    }
    text.sort(null);
    return text;
  }
}
