package dev.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.engine.ResultRow;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./sluice bench latency}: a stateless query under the default trigger, fed at a fixed rate
 * by the {@code paced} source, delivering to a listener; reports percentiles of the delay from a
 * row's arrival at the source to its delivery, after a warm-up whose rows are not counted.
 */
final class LatencyRunner {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  record Options(long rate, int seconds, int warmupSeconds, Path out) {
    static final String USAGE = """
        usage: sluice bench latency [--rate R] [--seconds S] [--warmup-seconds W] [--out DIR]
          --rate R            rows per second into the query (default 100000)
          --seconds S         how long to measure (default 20)
          --warmup-seconds W  how long to run first without measuring (default 10)
          --out DIR           where the JSON result goes (default bench-results)
        """;

    static Options parse(List<String> args) {
      long rate = 100_000;
      int seconds = 20;
      int warmup = 10;
      Path out = Path.of("bench-results");
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        if (i + 1 >= args.size()) throw new IllegalArgumentException("'" + arg + "' needs a value");
        String value = args.get(++i);
        try {
          switch (arg) {
            case "--rate" -> rate = Long.parseLong(value);
            case "--seconds" -> seconds = Integer.parseInt(value);
            case "--warmup-seconds" -> warmup = Integer.parseInt(value);
            case "--out" -> out = Path.of(value);
            default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("'" + arg + "' needs a whole number, not '" + value + "'");
        }
      }
      if (rate <= 0 || seconds <= 0 || warmup < 0) throw new IllegalArgumentException("--rate and --seconds must be positive");
      return new Options(rate, seconds, warmup, out);
    }
  }

  /** The measured delays. */
  record LatencyResult(long rowsPerSecond, long rows, long batches, double p50Millis, double p99Millis, double p999Millis,
      double maxMillis) {}

  private final Options options;
  private final PrintStream out;

  LatencyRunner(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  LatencyResult run() throws IOException, InterruptedException {
    long[] delays = new long[(int) Math.min(Integer.MAX_VALUE - 8, options.rate() * (options.seconds() + 5L))];
    int[] count = {0};
    long[] batches = {0};
    long[] measureFrom = {Long.MAX_VALUE};
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute("CREATE TABLE paced (id BIGINT, arrival BIGINT, v BIGINT) WITH ('connector' = 'paced', 'rows-per-second' = '"
          + options.rate() + "')");
      out.println("jvm: " + ProcessMeter.jvm());
      out.printf(Locale.ROOT, "latency: %,d rows/s through SELECT id, arrival, v * 3 + 1 FROM paced WHERE MOD(v, 7) <> 0 (default trigger)%n",
          options.rate());
      StreamingQuery query = engine.query("SELECT id, arrival, v * 3 + 1 AS w FROM paced WHERE MOD(v, 7) <> 0")
          .onBatch((batchId, rows) -> {
            long now = System.nanoTime();
            if (rows.isEmpty() || now < measureFrom[0]) return;
            batches[0]++;
            for (ResultRow row : rows) {
              if (count[0] < delays.length) delays[count[0]++] = now - (Long) row.values()[1];
            }
          })
          .start();
      long[] busyMillis = {0};
      query.addProgressListener(p -> {
        if (System.nanoTime() >= measureFrom[0]) busyMillis[0] += p.durationMs().getOrDefault("total", 0L);
      });
      Thread.sleep(options.warmupSeconds() * 1000L);
      measureFrom[0] = System.nanoTime();
      Thread.sleep(options.seconds() * 1000L);
      query.stop();
      // Progress reports durations in whole milliseconds, so sub-millisecond batches count as 0.
      out.printf(Locale.ROOT, "  batches took at least %,d ms of the %,d ms measured%n", busyMillis[0], options.seconds() * 1000L);
      if (query.exception() != null) throw new IllegalStateException("the query failed: " + query.exception().getMessage(), query.exception());
    }
    long[] sorted = Arrays.copyOf(delays, count[0]);
    Arrays.sort(sorted);
    if (sorted.length == 0) throw new IllegalStateException("no row was delivered while measuring");
    LatencyResult result = new LatencyResult(options.rate(), sorted.length, batches[0], millis(sorted, 0.50), millis(sorted, 0.99),
        millis(sorted, 0.999), sorted[sorted.length - 1] / 1e6);
    out.printf(Locale.ROOT, """
          rows delivered  %,d in %,d batches
          delay p50       %.3f ms
          delay p99       %.3f ms
          delay p99.9     %.3f ms
          delay max       %.3f ms
        """, result.rows(), result.batches(), result.p50Millis(), result.p99Millis(), result.p999Millis(), result.maxMillis());
    Files.createDirectories(options.out());
    Path file = options.out().resolve("latency.json");
    JSON.writeValue(file.toFile(), result);
    out.println("  written to " + file);
    return result;
  }

  private static double millis(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
  }
}
