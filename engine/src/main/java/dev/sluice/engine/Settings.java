package dev.sluice.engine;

import dev.sluice.engine.internal.BuiltInTables;
import dev.sluice.runtime.checkpoint.CheckpointOptions;
import dev.sluice.runtime.exec.Intervals;
import dev.sluice.runtime.exec.Trigger;
import dev.sluice.runtime.spi.OutputMode;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Session settings, spelled the same in SQL {@code SET}, the API and the JDBC driver. They apply
 * to queries started after they change. Unknown keys and bad values are refused with the valid
 * ones listed.
 */
public final class Settings {
  public static final String OUTPUT_MODE = "output.mode";
  public static final String TRIGGER = "trigger";
  public static final String CHECKPOINT_LOCATION = "checkpoint.location";
  public static final String CHECKPOINT_SNAPSHOT_INTERVAL = "checkpoint.snapshot-interval";
  public static final String CHECKPOINT_RETAINED_BATCHES = "checkpoint.retained-batches";
  public static final String RESULT_MODE = "result.mode";
  public static final String LATE_ROWS_TABLE = "late-rows.table";
  public static final String STATE_TTL = "state.ttl";
  public static final String SINK_NOT_NULL_ENFORCER = "sink.not-null-enforcer";
  public static final String VERBOSE = "verbose";

  private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

  static {
    DESCRIPTIONS.put(OUTPUT_MODE, "'append', 'update' or 'complete'; unset: append when the query allows it, else update");
    DESCRIPTIONS.put(TRIGGER, "'default', 'once', 'available-now', or an interval such as '10 seconds'");
    DESCRIPTIONS.put(CHECKPOINT_LOCATION, "a directory where queries keep offsets and state to survive restarts");
    DESCRIPTIONS.put(CHECKPOINT_SNAPSHOT_INTERVAL, "how many state deltas may follow a checkpoint snapshot before they are compacted "
        + "into a new one; default " + CheckpointOptions.DEFAULT_SNAPSHOT_INTERVAL);
    DESCRIPTIONS.put(CHECKPOINT_RETAINED_BATCHES, "how many recent batches stay recoverable; older checkpoint files are deleted; default "
        + CheckpointOptions.DEFAULT_RETAINED_BATCHES);
    DESCRIPTIONS.put(RESULT_MODE, "how the shell shows results: 'table', 'changelog' or 'tableau'");
    DESCRIPTIONS.put(LATE_ROWS_TABLE, "a table that receives every row dropped as late");
    DESCRIPTIONS.put(STATE_TTL, "how long state no time bound limits (a join without one, a Top-N, a deduplication, an aggregation "
        + "without a window) is kept past the event time of its newest row, as the watermark counts: an interval such as '1 hour'; "
        + "unset or '0 s': forever");
    DESCRIPTIONS.put(SINK_NOT_NULL_ENFORCER, "what an INSERT does with a row that has NULL in a NOT NULL column of its table: "
        + "'error' (the default, as Flink's 'table.exec.sink.not-null-enforcer') fails the query naming the table, column and row; "
        + "'drop' leaves the row out and counts it in the query's progress");
    DESCRIPTIONS.put(VERBOSE, "'true' to show stack traces with errors");
  }

  private final Map<String, String> values = new TreeMap<>();

  /** Every key with what it takes. */
  public static Map<String, String> descriptions() {
    return Collections.unmodifiableMap(DESCRIPTIONS);
  }

  public static Set<String> keys() {
    return DESCRIPTIONS.keySet();
  }

  public synchronized void set(String key, String value) {
    String k = key.trim();
    if (!DESCRIPTIONS.containsKey(k)) {
      throw new IllegalArgumentException("Unknown setting '" + key + "'. Valid settings: " + String.join(", ", DESCRIPTIONS.keySet()));
    }
    validate(k, value);
    values.put(k, value.trim());
  }

  private static void validate(String key, String value) {
    switch (key) {
      case OUTPUT_MODE -> OutputMode.parse(value);
      case TRIGGER -> Trigger.parse(value);
      case RESULT_MODE -> {
        if (!Set.of("table", "changelog", "tableau").contains(value.trim().toLowerCase())) {
          throw new IllegalArgumentException("Unknown result mode '" + value + "': valid modes are 'table', 'changelog' and 'tableau'");
        }
      }
      case VERBOSE -> {
        if (!value.trim().equalsIgnoreCase("true") && !value.trim().equalsIgnoreCase("false")) {
          throw new IllegalArgumentException("'verbose' is 'true' or 'false', not '" + value + "'");
        }
      }
      case SINK_NOT_NULL_ENFORCER -> dropNullRows(value);
      case CHECKPOINT_SNAPSHOT_INTERVAL, CHECKPOINT_RETAINED_BATCHES -> positiveInteger(key, value);
      case STATE_TTL -> interval(key, value);
      case CHECKPOINT_LOCATION, LATE_ROWS_TABLE -> {
        if (value.isBlank()) throw new IllegalArgumentException("'" + key + "' cannot be empty; use RESET '" + key + "' to unset it");
        // The engine declares the table under this name when it is missing, so it must be a plain name.
        if (key.equals(LATE_ROWS_TABLE)) BuiltInTables.requireIdentifier(LATE_ROWS_TABLE, value);
      }
      default -> {}
    }
  }

  private static int positiveInteger(String key, String value) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1) return n;
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException("'" + key + "' is a whole number of batches, at least 1, not '" + value + "'");
  }

  private static Duration interval(String key, String value) {
    Duration d = Intervals.parse(value);
    if (d == null) throw new IllegalArgumentException("'" + key + "' is an interval such as '30 seconds' or '1 hour', not '" + value + "'");
    return d;
  }

  public synchronized void reset(String key) {
    if (key == null) {
      values.clear();
      return;
    }
    if (!DESCRIPTIONS.containsKey(key.trim())) {
      throw new IllegalArgumentException("Unknown setting '" + key + "'. Valid settings: " + String.join(", ", DESCRIPTIONS.keySet()));
    }
    values.remove(key.trim());
  }

  public synchronized String get(String key) {
    return values.get(key);
  }

  public synchronized Map<String, String> asMap() {
    return new TreeMap<>(values);
  }

  public OutputMode outputMode() {
    String v = get(OUTPUT_MODE);
    return v == null ? null : OutputMode.parse(v);
  }

  public Trigger trigger() {
    String v = get(TRIGGER);
    return v == null ? new Trigger.Default() : Trigger.parse(v);
  }

  public int checkpointSnapshotInterval() {
    String v = get(CHECKPOINT_SNAPSHOT_INTERVAL);
    return v == null ? CheckpointOptions.DEFAULT_SNAPSHOT_INTERVAL : positiveInteger(CHECKPOINT_SNAPSHOT_INTERVAL, v);
  }

  public int checkpointRetainedBatches() {
    String v = get(CHECKPOINT_RETAINED_BATCHES);
    return v == null ? CheckpointOptions.DEFAULT_RETAINED_BATCHES : positiveInteger(CHECKPOINT_RETAINED_BATCHES, v);
  }

  /** The {@code 'state.ttl'} in milliseconds; 0 when unset: state is kept forever. */
  public long stateTtlMillis() {
    String v = get(STATE_TTL);
    return v == null ? 0 : stateTtlMillis(v);
  }

  /** A {@code 'state.ttl'} value in milliseconds; refused as the setting refuses it. */
  static long stateTtlMillis(String value) {
    return interval(STATE_TTL, value).toMillis();
  }

  /** Whether {@code 'sink.not-null-enforcer'} is 'drop'; unset, it is 'error'. */
  public boolean dropNullRows() {
    String v = get(SINK_NOT_NULL_ENFORCER);
    return v != null && dropNullRows(v);
  }

  private static boolean dropNullRows(String value) {
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "error" -> false;
      case "drop" -> true;
      default -> throw new IllegalArgumentException("'" + SINK_NOT_NULL_ENFORCER + "' is 'error' or 'drop', not '" + value + "'");
    };
  }

  public boolean verbose() {
    return "true".equalsIgnoreCase(get(VERBOSE));
  }
}
