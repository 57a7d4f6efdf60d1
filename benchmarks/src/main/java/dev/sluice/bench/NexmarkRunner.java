package dev.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.connectors.blackhole.BlackholeCounts;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StatementResult;
import dev.sluice.engine.StreamingQuery;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./sluice bench nexmark}: runs Nexmark queries from the suite's files on the nexmark
 * generator, to the end of a bounded stream with the available-now trigger, into the suite's
 * blackhole tables. Each query first runs on a shorter stream to warm the JIT, then on the
 * measured one in a fresh engine; the generator runs in the same process and its CPU counts.
 */
final class NexmarkRunner {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The options of one invocation. */
  record Options(List<String> queries, long events, long rate, long warmupEvents, Path out, Map<String, String> settings) {
    static final String USAGE = """
        usage: sluice bench nexmark (--query qN | --all) [--events N] [--rate R] [--warmup-events W] [--out DIR] [--set KEY=VALUE]...
          --query qN         one of %s
          --all              every query above, one after the other, then a table
          --events N         events in the measured run (default 10000000)
          --rate R           events per second of event time, the suite's TPS (default 1000000)
          --warmup-events W  events in the warm-up run before it (default a fifth of N, at most 5000000)
          --out DIR          where the JSON results go (default bench-results)
          --set KEY=VALUE    a setting for the queries, as SQL SET takes it: --set 'state.ttl=10 seconds'
        """.formatted(String.join(", ", NexmarkSuite.QUERIES));

    static Options parse(List<String> args) {
      List<String> queries = new ArrayList<>();
      long events = 10_000_000;
      long rate = 1_000_000;
      long warmup = -1;
      Path out = Path.of("bench-results");
      Map<String, String> settings = new LinkedHashMap<>();
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        switch (arg) {
          case "--all" -> queries.addAll(NexmarkSuite.QUERIES);
          case "--query" -> queries.add(value(args, ++i, arg).toLowerCase(Locale.ROOT));
          case "--events" -> events = number(value(args, ++i, arg), arg);
          case "--rate" -> rate = number(value(args, ++i, arg), arg);
          case "--warmup-events" -> warmup = number(value(args, ++i, arg), arg);
          case "--out" -> out = Path.of(value(args, ++i, arg));
          case "--set" -> {
            String setting = value(args, ++i, arg);
            int eq = setting.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("--set takes KEY=VALUE, not '" + setting + "'");
            settings.put(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
          }
          default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
        }
      }
      if (queries.isEmpty()) throw new IllegalArgumentException("say which query to run: --query qN or --all");
      for (String q : queries) NexmarkSuite.query(q);
      if (events <= 0 || rate <= 0) throw new IllegalArgumentException("--events and --rate must be positive");
      if (warmup < 0) warmup = Math.min(events / 5, 5_000_000);
      return new Options(List.copyOf(queries), events, rate, warmup, out, Map.copyOf(settings));
    }
  }

  private final Options options;
  private final PrintStream out;

  NexmarkRunner(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /**
   * Runs every query of the options, prints each result and writes them as JSON. A query that
   * fails is reported and the others still run; the run then fails as a whole.
   */
  List<NexmarkResult> run() throws IOException, InterruptedException {
    List<NexmarkResult> results = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    out.println("jvm: " + ProcessMeter.jvm());
    for (String query : options.queries()) {
      try {
        if (options.warmupEvents() > 0) {
          out.printf(Locale.ROOT, "%s: warming up on %,d events%n", query, options.warmupEvents());
          runOnce(query, options.warmupEvents());
        }
        out.printf(Locale.ROOT, "%s: measuring %,d events at %,d events/s of event time%s%n", query, options.events(), options.rate(),
            options.settings().isEmpty() ? "" : ", with " + options.settings());
        NexmarkResult result = runOnce(query, options.events());
        results.add(result);
        print(result);
        write(query, result);
      } catch (RuntimeException e) {
        out.printf(Locale.ROOT, "%s: FAILED: %s%n", query, e.getMessage());
        failures.add(query + ": " + e.getMessage());
      }
    }
    if (options.queries().size() > 1) {
      out.println();
      out.println(NexmarkResult.TABLE_HEADER);
      for (NexmarkResult r : results) out.println(r.tableRow());
      for (String failure : failures) out.println(failure);
      write("all", results);
    }
    if (!failures.isEmpty()) throw new IllegalStateException(failures.size() + " of " + options.queries().size() + " queries failed");
    return results;
  }

  private NexmarkResult runOnce(String name, long events) throws InterruptedException {
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.executeScript(NexmarkSuite.tables(events, options.rate()) + "SET 'trigger' = 'available-now';");
      options.settings().forEach((key, value) -> engine.settings().set(key, value));
      // Collect before measuring, so the warm-up's garbage is not billed to this run.
      System.gc();
      StreamingQuery query;
      try (ProcessMeter meter = new ProcessMeter()) {
        query = started(engine.executeScript(NexmarkSuite.query(name)), name);
        query.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
        double seconds = meter.elapsedSeconds();
        double cpu = meter.cpuSeconds();
        if (query.exception() != null) {
          throw new IllegalStateException(name + " failed: " + query.exception().getMessage(), query.exception());
        }
        long output = engine.connectorServices().get(BlackholeCounts.class, BlackholeCounts::new).tally("nexmark_" + name).rows();
        long stateRows = query.lastProgress() == null ? 0 : query.lastProgress().stateRows();
        return new NexmarkResult(name, query.outputMode().name().toLowerCase(Locale.ROOT), events, output, seconds, cpu,
            events / seconds, events / cpu, meter.peakHeapBytes(), meter.peakLiveHeapBytes(), stateRows);
      }
    }
  }

  /** The continuous query a suite file's INSERT started. */
  private static StreamingQuery started(List<StatementResult> results, String name) {
    for (StatementResult r : results) if (r.query() != null) return r.query();
    throw new IllegalStateException(name + ".sql started no query");
  }

  private void print(NexmarkResult r) {
    out.printf(Locale.ROOT, """
          output mode            %s
          events                 %,d
          output rows            %,d
          seconds                %.2f
          process CPU seconds    %.2f
          events/s               %,.0f
          events/s per core      %,.0f
          peak heap              %,d MiB (%,d MiB live after a collection)
          state rows at the end  %,d
        """, r.outputMode(), r.events(), r.outputRows(), r.seconds(), r.cpuSeconds(), r.eventsPerSecond(),
        r.eventsPerSecondPerCore(), r.peakHeapBytes() >> 20, r.peakLiveHeapBytes() >> 20, r.stateRows());
  }

  private void write(String name, Object value) throws IOException {
    Files.createDirectories(options.out());
    Path file = options.out().resolve("nexmark-" + name + ".json");
    JSON.writeValue(file.toFile(), value);
    out.println("  written to " + file);
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) throw new IllegalArgumentException("'" + option + "' needs a value");
    return args.get(i);
  }

  private static long number(String text, String option) {
    try {
      return Long.parseLong(text.replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + option + "' needs a whole number, not '" + text + "'");
    }
  }
}
