package dev.sluice.shell.interactive;

import dev.sluice.engine.SluiceEngine;

/**
 * The table a new user finds in the shell: clicks of five users, generated five a second by the
 * {@code datagen} connector, with event time and a watermark, and a query to try on it.
 */
public final class Demo {
  /**
   * Five users ({@code fields.user_id.min/max}), sixteen one-character URLs ({@code
   * fields.url.length} = 1 gives hexadecimal digits), {@code ts} following the generator's event
   * time; rows come in order, so the two-second watermark drops none.
   */
  public static final String TABLE = "CREATE TABLE clicks (user_id INT, url VARCHAR, ts TIMESTAMP(3), "
      + "WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) WITH ('connector' = 'datagen', 'rows-per-second' = '5', "
      + "'fields.user_id.min' = '1', 'fields.user_id.max' = '5', 'fields.url.length' = '1')";

  public static final String SAMPLE_QUERY = "SELECT user_id, COUNT(*) AS clicks FROM clicks GROUP BY user_id;";

  private Demo() {}

  /** Creates the demo table in {@code engine}. */
  public static void install(SluiceEngine engine) {
    engine.execute(TABLE);
  }

  /** What the shell says when it opens on the demo. */
  public static String banner(String version) {
    return """
        Sluice %s, structured-streaming SQL. End statements with ';'.
        Ctrl-C stops a running query, Ctrl-D leaves, 'help;' lists what you can type.

        A demo table is ready, with 5 new rows a second:
          clicks (user_id INT, url VARCHAR, ts TIMESTAMP(3))
        Try:
          %s
        """.formatted(version, SAMPLE_QUERY);
  }
}
