package dev.sluice.engine.checkpoint;

import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import java.util.concurrent.TimeUnit;

/**
 * The child process of {@link CrashRecoveryTest}: runs a windowed count from a file of rows into
 * a batch-file sink with a checkpoint, until all input is processed (available-now), then prints
 * {@code DONE}. Arguments: the input file, the checkpoint directory, the output directory, and
 * optionally {@code complete}: then a count per key in complete mode into a {@code filesystem}
 * sink, whose one result file a reader watches.
 */
public final class CrashTestQuery {
  static final String QUERY = "INSERT INTO out SELECT k, window_start, window_end, COUNT(*) AS cnt, SUM(v) AS total "
      + "FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' SECOND)) GROUP BY k, window_start, window_end";
  static final String COMPLETE_QUERY = "INSERT INTO totals SELECT k, COUNT(*) AS cnt, SUM(v) AS total FROM events GROUP BY k";

  private CrashTestQuery() {}

  public static void main(String[] args) throws Exception {
    String input = args[0];
    String checkpoint = args[1];
    String output = args[2];
    boolean complete = args.length > 3 && args[3].equals("complete");
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute("CREATE TABLE events (k BIGINT, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '0.5' SECOND) "
          + "WITH ('connector' = 'test-lines', 'path' = '" + input + "', 'max-rows-per-trigger' = '40'"
          + (complete ? ", 'sleep-ms' = '15'" : "") + ")");
      if (complete) {
        engine.execute("CREATE TABLE totals (k BIGINT, cnt BIGINT, total BIGINT) "
            + "WITH ('connector' = 'filesystem', 'path' = '" + output + "', 'format' = 'csv')");
      } else {
        engine.execute("CREATE TABLE out (k BIGINT, window_start TIMESTAMP(3), window_end TIMESTAMP(3), cnt BIGINT, total BIGINT) "
            + "WITH ('connector' = 'test-batch-files', 'path' = '" + output + "', 'sleep-ms' = '25')");
      }
      engine.execute("SET 'checkpoint.location' = '" + checkpoint + "'");
      engine.execute("SET 'output.mode' = '" + (complete ? "complete" : "append") + "'");
      engine.execute("SET 'trigger' = 'available-now'");
      StreamingQuery query = engine.execute(complete ? COMPLETE_QUERY : QUERY).query();
      System.out.println("STARTED");
      System.out.flush();
      if (!query.awaitTermination(5, TimeUnit.MINUTES)) throw new IllegalStateException("the query did not finish");
      if (query.exception() != null) throw new IllegalStateException("the query failed", query.exception());
    }
    System.out.println("DONE");
    System.out.flush();
  }
}
