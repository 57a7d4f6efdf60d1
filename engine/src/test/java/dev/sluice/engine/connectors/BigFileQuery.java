package dev.sluice.engine.connectors;

import dev.sluice.connectors.blackhole.BlackholeCounts;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import java.util.concurrent.TimeUnit;

/**
 * The child process of {@link BigFileInSmallHeapTest}: a stateless filter over one large JSON
 * file into a blackhole, available-now, then prints {@code ROWS <count>}. Arguments: the directory
 * holding the file.
 */
public final class BigFileQuery {
  private BigFileQuery() {}

  public static void main(String[] args) throws Exception {
    try (SluiceEngine engine = SluiceEngine.open()) {
      engine.execute(
          "CREATE TABLE events (id BIGINT, name VARCHAR, v DOUBLE) WITH ('connector' = 'filesystem',"
              + " 'path' = '"
              + args[0].replace("'", "''")
              + "', 'format' = 'json')");
      engine.execute("CREATE TABLE kept (id BIGINT, v DOUBLE) WITH ('connector' = 'blackhole')");
      engine.execute("SET 'trigger' = 'available-now'");
      StreamingQuery query =
          engine.execute("INSERT INTO kept SELECT id, v FROM events WHERE v >= 5").query();
      if (!query.awaitTermination(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("the query did not finish");
      }
      if (query.exception() != null) {
        throw new IllegalStateException("the query failed", query.exception());
      }
      long rows =
          engine.connectorServices().get(BlackholeCounts.class, BlackholeCounts::new).tally("kept").rows();
      System.out.println("ROWS " + rows);
    }
  }
}
