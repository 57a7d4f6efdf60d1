package dev.sluice.bench.jmh;

import dev.sluice.connectors.format.RecordEncoder;
import dev.sluice.connectors.format.RecordFormat;
import dev.sluice.runtime.data.Values;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Encoding rows of the bid-like table of {@link DecodeBenchmark} as CSV and JSON text, as the file
 * and Kafka sinks do. Rows per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EncodeBenchmark {
  static final int ROWS = 10_000;

  @Param({"csv", "json"})
  public String format;

  private RecordEncoder encoder;
  private final Object[][] rows = new Object[ROWS][];

  @Setup
  public void prepare() {
    Schema schema = new Schema(List.of(
        new Field("auction", DataType.of(TypeKind.BIGINT)),
        new Field("bidder", DataType.of(TypeKind.BIGINT)),
        new Field("price", DataType.of(TypeKind.BIGINT)),
        new Field("channel", DataType.of(TypeKind.VARCHAR)),
        new Field("url", DataType.of(TypeKind.VARCHAR)),
        new Field("ts", DataType.timestamp(3)),
        new Field("extra", DataType.of(TypeKind.VARCHAR))));
    encoder = RecordFormat.of("bids", schema, new ConnectorOptions("bids", Map.of("format", format)), null).encoder();
    SplittableRandom random = new SplittableRandom(7);
    long start = Values.parseTimestamp("2015-07-15 00:00:00");
    for (int i = 0; i < ROWS; i++) {
      rows[i] = new Object[] {
        1000 + random.nextLong(10_000),
        1000 + random.nextLong(100_000),
        random.nextLong(10_000_000),
        "channel-" + random.nextInt(10),
        "https://www.nexmark.com/item.htm?query=1&channel_id=" + random.nextInt(1000),
        start + i,
        "x".repeat(random.nextInt(20))
      };
    }
    encoder.encode(rows[0]);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void encode(Blackhole sink) {
    for (Object[] row : rows) sink.consume(encoder.encode(row));
  }
}
