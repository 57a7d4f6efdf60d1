package dev.sluice.engine;

import dev.sluice.runtime.exec.Trigger;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.spi.Sink;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Starts a continuous query from the API. Unset choices come from the engine's settings:
 *
 * <pre>{@code
 * StreamingQuery q = engine.query("SELECT word, COUNT(*) AS cnt FROM words GROUP BY word")
 *     .outputMode(OutputMode.UPDATE)
 *     .onBatch((batchId, rows) -> rows.forEach(System.out::println))
 *     .start();
 * }</pre>
 */
public final class QueryBuilder {
  private final SluiceEngine engine;
  private final String sql;
  OutputMode mode;
  Trigger trigger;
  Path checkpointLocation;
  long stateTtlMillis;
  Sink sink;
  ResultListener listener;
  String targetTable;

  QueryBuilder(SluiceEngine engine, String sql) {
    this.engine = engine;
    this.sql = sql;
    this.mode = engine.settings().outputMode();
    this.trigger = engine.settings().trigger();
    String checkpoint = engine.settings().get(Settings.CHECKPOINT_LOCATION);
    this.checkpointLocation = checkpoint == null ? null : Path.of(checkpoint);
    this.stateTtlMillis = engine.settings().stateTtlMillis();
  }

  String sql() {
    return sql;
  }

  public QueryBuilder outputMode(OutputMode mode) {
    this.mode = mode;
    return this;
  }

  public QueryBuilder outputMode(String mode) {
    this.mode = OutputMode.parse(mode);
    return this;
  }

  public QueryBuilder trigger(Trigger trigger) {
    this.trigger = trigger;
    return this;
  }

  /** {@code default}, {@code once}, {@code available-now}, or an interval such as {@code 10 seconds}. */
  public QueryBuilder trigger(String trigger) {
    this.trigger = Trigger.parse(trigger);
    return this;
  }

  /** Where the query keeps offsets and state so it can resume after a stop or crash. */
  public QueryBuilder checkpointLocation(Path location) {
    this.checkpointLocation = location;
    return this;
  }

  /**
   * How long state no time bound limits is kept past the event time of its newest row, as the
   * watermark counts ({@code 'state.ttl'}); zero keeps it forever.
   */
  public QueryBuilder stateTtl(Duration ttl) {
    if (ttl.isNegative()) throw new IllegalArgumentException("'state.ttl' cannot be negative: " + ttl);
    this.stateTtlMillis = ttl.toMillis();
    return this;
  }

  /** As {@link #stateTtl(Duration)}, spelled as the setting is: {@code '1 hour'}, {@code '30 seconds'}. */
  public QueryBuilder stateTtl(String ttl) {
    this.stateTtlMillis = Settings.stateTtlMillis(ttl);
    return this;
  }

  /** Deliver to a sink of your own. */
  public QueryBuilder sink(Sink sink) {
    this.sink = sink;
    return this;
  }

  /** Deliver each batch to a callback. */
  public QueryBuilder onBatch(ResultListener listener) {
    this.listener = listener;
    return this;
  }

  /** Deliver into a declared table, through its connector, as {@code INSERT INTO} does. */
  public QueryBuilder into(String table) {
    this.targetTable = table;
    return this;
  }

  public StreamingQuery start() {
    return engine.start(this, null);
  }
}
