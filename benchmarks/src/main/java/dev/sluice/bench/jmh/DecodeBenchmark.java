package dev.sluice.bench.jmh;

import dev.sluice.connectors.format.RecordDecoder;
import dev.sluice.connectors.format.RecordFormat;
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
 * Decoding records of a bid-like table {@code (auction BIGINT, bidder BIGINT, price BIGINT,
 * channel VARCHAR, url VARCHAR, ts TIMESTAMP(3), extra VARCHAR)} from CSV and JSON text, as the
 * file and Kafka sources do. Records per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecodeBenchmark {
  static final int RECORDS = 10_000;

  @Param({"csv", "json"})
  public String format;

  private RecordDecoder decoder;
  private final String[] records = new String[RECORDS];

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
    decoder = RecordFormat.of("bids", schema, new ConnectorOptions("bids", Map.of("format", format)), null).decoder();
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < RECORDS; i++) {
      long auction = 1000 + random.nextLong(10_000);
      long bidder = 1000 + random.nextLong(100_000);
      long price = random.nextLong(10_000_000);
      String channel = "channel-" + random.nextInt(10);
      String url = "https://www.nexmark.com/item.htm?query=1&channel_id=" + random.nextInt(1000);
      String ts = "2015-07-15 00:00:" + String.format("%02d.%03d", i / 1000 % 60, i % 1000);
      String extra = "x".repeat(random.nextInt(20));
      records[i] = format.equals("csv")
          ? auction + "," + bidder + "," + price + "," + channel + "," + url + "," + ts + "," + extra
          : "{\"auction\":" + auction + ",\"bidder\":" + bidder + ",\"price\":" + price + ",\"channel\":\"" + channel
              + "\",\"url\":\"" + url + "\",\"ts\":\"" + ts + "\",\"extra\":\"" + extra + "\"}";
    }
    decoder.decode(records[0]);
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void decode(Blackhole sink) {
    for (String record : records) sink.consume(decoder.decode(record));
  }
}
