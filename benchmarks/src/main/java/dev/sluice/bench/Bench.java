package dev.sluice.bench;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code ./sluice bench ...}: the Nexmark runner, the latency run, and the JMH benchmarks.
 * Exit codes: 0 done, 1 a run failed, 2 usage error.
 */
public final class Bench {
  static final String USAGE = """
      usage: sluice bench nexmark (--query qN | --all) [--events N] [--rate R] [--warmup-events W] [--out DIR] [--set KEY=VALUE]...
             sluice bench latency [--rate R] [--seconds S] [--warmup-seconds W] [--out DIR]
             sluice bench jmh [JMH options and benchmark patterns, e.g. FilterProject -f 1 -wi 3 -i 5]
      Environment: SLUICE_JAVA_OPTS, options for the JVM (default for bench: -Xms4g -Xmx4g -XX:+UseParallelGC -Xmn1g -XX:MaxTenuringThreshold=0 -XX:+AlwaysPreTouch).
      """;

  private Bench() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(List.of(args), System.out, System.err));
  }

  static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
      out.print(USAGE);
      return args.isEmpty() ? 2 : 0;
    }
    List<String> rest = args.subList(1, args.size());
    try {
      switch (args.get(0)) {
        case "nexmark" -> {
          if (rest.contains("--help")) {
            out.print(NexmarkRunner.Options.USAGE);
            return 0;
          }
          new NexmarkRunner(NexmarkRunner.Options.parse(rest), out).run();
        }
        case "latency" -> {
          if (rest.contains("--help")) {
            out.print(LatencyRunner.Options.USAGE);
            return 0;
          }
          new LatencyRunner(LatencyRunner.Options.parse(rest), out).run();
        }
        case "jmh" -> org.openjdk.jmh.Main.main(rest.toArray(String[]::new));
        default -> {
          err.println("sluice bench: unknown benchmark '" + args.get(0) + "'");
          err.print(USAGE);
          return 2;
        }
      }
    } catch (IllegalArgumentException e) {
      err.println("sluice bench " + args.get(0) + ": " + e.getMessage());
      return 2;
    } catch (IllegalStateException e) {
      err.println("sluice bench " + args.get(0) + ": " + e.getMessage());
      return 1;
    }
    return 0;
  }
}
