package dev.sluice.connectors.nexmark;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.ConnectorServices;
import dev.sluice.runtime.spi.TableContext;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Nexmark tables for tests: the suite's four stored columns, options and whole-stream reads. */
final class NexmarkTables {
  /** The stored columns of the suite's {@code ddl_gen.sql}. */
  static final Schema SUITE = new Schema(NexmarkSchema.COLUMNS);

  private NexmarkTables() {}

  static TableContext context(Schema schema, Map<String, String> options) {
    Map<String, String> all = new HashMap<>(options);
    all.put("connector", "nexmark");
    return new TableContext(
        "nexmark", schema, new ConnectorOptions("nexmark", all), new ConnectorServices());
  }

  static NexmarkSource source(Map<String, String> options) {
    return new NexmarkSource(context(SUITE, options));
  }

  static NexmarkSource source(Map<String, String> options, long[] clock) {
    InstantSource instants = () -> Instant.ofEpochMilli(clock[0]);
    return new NexmarkSource(context(SUITE, options), instants);
  }

  static NexmarkSource source(Schema schema, Map<String, String> options) {
    return new NexmarkSource(context(schema, options));
  }

  static Schema columns(String... names) {
    List<Field> fields = new ArrayList<>();
    for (String name : names) fields.add(NexmarkSchema.COLUMNS.get(SUITE.indexOf(name)));
    return new Schema(fields);
  }

  static RowBatch read(NexmarkSource source, String start, String end) {
    RowBatch batch = new RowBatch();
    source.read(start, end, batch);
    return batch;
  }

  /** Events {@code [from, to)} of a run that started at wall-clock {@code start}. */
  static List<Object[]> events(NexmarkSource source, long start, long from, long to) {
    RowBatch batch =
        read(source, NexmarkOffset.of(start, from).text(), NexmarkOffset.of(start, to).text());
    List<Object[]> rows = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) rows.add(batch.row(i));
    return rows;
  }

  /** The first {@code count} events of a table with {@code options}. */
  static List<Object[]> events(Map<String, String> options, long count) {
    return events(source(options), 0, 0, count);
  }
}
