package dev.sluice.connectors.kafka;

import dev.sluice.connectors.format.CsvFormat;
import dev.sluice.connectors.format.JsonFormat;
import dev.sluice.connectors.format.MalformedRecords;
import dev.sluice.runtime.spi.ConnectorOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The checked options of one Kafka table, apart from its columns. Every refusal names the table,
 * the option and the valid values.
 */
final class KafkaTableOptions {
  static final String TOPIC = "topic";
  static final String PROPERTIES_PREFIX = "properties.";
  static final String BOOTSTRAP_SERVERS = PROPERTIES_PREFIX + "bootstrap.servers";
  static final String FORMAT = "format";
  static final String VALUE_FORMAT = "value.format";
  static final String KEY_FORMAT = "key.format";
  static final String KEY_FIELDS = "key.fields";
  static final String VALUE_FIELDS_INCLUDE = "value.fields-include";
  static final String CSV_FIELD_DELIMITER = "csv.field-delimiter";
  static final String STARTUP_MODE = "scan.startup.mode";
  static final String SPECIFIC_OFFSETS = "scan.startup.specific-offsets";
  static final String DELIVERY_GUARANTEE = "sink.delivery-guarantee";
  static final String TRANSACTIONAL_ID_PREFIX = "sink.transactional-id-prefix";
  /** The socket source's spelling; Spark's {@code maxOffsetsPerTrigger}. */
  static final String MAX_ROWS_PER_TRIGGER = "max-rows-per-trigger";

  /**
   * The default of {@code 'max-rows-per-trigger'}, as the socket source's: a backlog is read in
   * batches of this many records, where reading to the end offsets would hold all of it in memory.
   */
  static final long DEFAULT_MAX_ROWS_PER_TRIGGER = 100_000;

  /**
   * Flink's format options a Kafka table takes, as they sit beside {@code 'format'}; beside {@code
   * 'value.format'} and {@code 'key.format'} Flink spells them with those prefixes. The {@code
   * ignore-parse-errors} switches are {@link MalformedRecords}' policy of the whole table.
   */
  private static final List<String> FORMAT_OPTIONS =
      List.of(
          JsonFormat.FAIL_ON_MISSING_FIELD,
          JsonFormat.IGNORE_PARSE_ERRORS,
          JsonFormat.TIMESTAMP_FORMAT,
          CsvFormat.IGNORE_PARSE_ERRORS);

  private static final String VALUE_PREFIX = "value.";
  private static final String KEY_PREFIX = "key.";

  /** The table's own options; {@link MalformedRecords#OPTIONS} ({@code 'on-error'}, {@code 'dead-letter.table'}) come on top. */
  private static final Set<String> OWN_OPTIONS =
      Set.of(
          FORMAT,
          VALUE_FORMAT,
          KEY_FORMAT,
          KEY_FIELDS,
          VALUE_FIELDS_INCLUDE,
          CSV_FIELD_DELIMITER,
          STARTUP_MODE,
          SPECIFIC_OFFSETS,
          DELIVERY_GUARANTEE,
          TRANSACTIONAL_ID_PREFIX,
          MAX_ROWS_PER_TRIGGER);

  static final Set<String> OPTIONAL = union(union(OWN_OPTIONS, MalformedRecords.OPTIONS), prefixedFormatOptions());

  /** Where a query without a checkpoint starts reading. */
  enum StartupMode {
    EARLIEST_OFFSET,
    LATEST_OFFSET,
    SPECIFIC_OFFSETS
  }

  final String table;
  final List<String> topics;
  final Map<String, Object> clientProperties;
  final String valueFormat;
  final String keyFormat;
  final List<String> keyFields;
  /** Whether the value holds the key columns too (Flink's default 'ALL') or only the others ('EXCEPT_KEY'). */
  final boolean valueIncludesKey;
  final char csvDelimiter;
  final StartupMode startupMode;
  /** Partition to offset, for {@link StartupMode#SPECIFIC_OFFSETS}. */
  final Map<Integer, Long> specificOffsets;
  final boolean exactlyOnce;
  final String transactionalIdPrefix;
  /** The most records one batch reads, summed over the partitions. */
  final long maxRowsPerTrigger;
  /** The JSON options of the value format, and of the key format. */
  final JsonFieldsFormat.Options valueJson;
  final JsonFieldsFormat.Options keyJson;

  private KafkaTableOptions(ConnectorOptions options) {
    table = options.tableName();
    topics = topics(options.require(TOPIC));
    clientProperties = new LinkedHashMap<>();
    options.asMap().forEach((key, value) -> {
      if (key.startsWith(PROPERTIES_PREFIX)) clientProperties.put(key.substring(PROPERTIES_PREFIX.length()), value);
    });
    if (options.has(FORMAT) && options.has(VALUE_FORMAT)) {
      throw new IllegalArgumentException(
          "Kafka table '" + table + "' sets both 'format' and 'value.format'; they mean the same, keep one");
    }
    String format = options.has(FORMAT) ? options.get(FORMAT) : options.get(VALUE_FORMAT);
    if (format == null) {
      throw new IllegalArgumentException(
          "Kafka table '" + table + "' needs the option 'format' (or 'value.format'): 'json', 'csv' or 'raw'");
    }
    valueFormat = format(format, options.has(FORMAT) ? FORMAT : VALUE_FORMAT);
    keyFields = options.has(KEY_FIELDS) ? names(options.get(KEY_FIELDS)) : List.of();
    if (!keyFields.isEmpty() && !options.has(KEY_FORMAT)) {
      throw new IllegalArgumentException(
          "Kafka table '" + table + "' sets 'key.fields' but not 'key.format': 'json', 'csv' or 'raw'");
    }
    if (options.has(KEY_FORMAT) && keyFields.isEmpty()) {
      throw new IllegalArgumentException(
          "Kafka table '" + table + "' sets 'key.format' but not 'key.fields', the ;-separated columns of the key");
    }
    String include = options.get(VALUE_FIELDS_INCLUDE, "ALL").trim().toUpperCase(Locale.ROOT);
    if (!include.equals("ALL") && !include.equals("EXCEPT_KEY")) {
      throw invalid(VALUE_FIELDS_INCLUDE, include, "'ALL' (the default) or 'EXCEPT_KEY'");
    }
    valueIncludesKey = include.equals("ALL");
    keyFormat = options.has(KEY_FORMAT) ? format(options.get(KEY_FORMAT), KEY_FORMAT) : null;
    String delimiter = options.get(CSV_FIELD_DELIMITER, ",");
    if (delimiter.length() != 1) {
      throw invalid(CSV_FIELD_DELIMITER, delimiter, "a single character");
    }
    csvDelimiter = delimiter.charAt(0);
    startupMode = choice(options, STARTUP_MODE, StartupMode.class, StartupMode.EARLIEST_OFFSET);
    specificOffsets = startupOffsets(options);
    String guarantee = options.get(DELIVERY_GUARANTEE, "exactly-once").trim().toLowerCase(Locale.ROOT);
    if (!guarantee.equals("exactly-once") && !guarantee.equals("at-least-once")) {
      throw invalid(DELIVERY_GUARANTEE, guarantee, "'exactly-once' (the default) or 'at-least-once'");
    }
    exactlyOnce = guarantee.equals("exactly-once");
    transactionalIdPrefix = options.get(TRANSACTIONAL_ID_PREFIX, "sluice-" + table);
    maxRowsPerTrigger = options.getLong(MAX_ROWS_PER_TRIGGER, DEFAULT_MAX_ROWS_PER_TRIGGER);
    if (maxRowsPerTrigger < 1) {
      throw invalid(MAX_ROWS_PER_TRIGGER, options.get(MAX_ROWS_PER_TRIGGER), "a whole number of records of at least 1, e.g. '10000'");
    }
    checkFormatOptions(options);
    valueJson = new JsonFieldsFormat.Options(
        options.getBoolean(valueOption(options, JsonFormat.FAIL_ON_MISSING_FIELD), false),
        isoTimestamps(options, valueOption(options, JsonFormat.TIMESTAMP_FORMAT)));
    keyJson = new JsonFieldsFormat.Options(
        options.getBoolean(KEY_PREFIX + JsonFormat.FAIL_ON_MISSING_FIELD, false),
        isoTimestamps(options, KEY_PREFIX + JsonFormat.TIMESTAMP_FORMAT));
  }

  /** The key of a value format option, unprefixed or under {@code value.}: only one may be set. */
  private String valueOption(ConnectorOptions options, String option) {
    if (options.has(option) && options.has(VALUE_PREFIX + option)) {
      throw new IllegalArgumentException(
          "Kafka table '" + table + "' sets both '" + option + "' and '" + VALUE_PREFIX + option
              + "'; they mean the same, keep one");
    }
    return options.has(VALUE_PREFIX + option) ? VALUE_PREFIX + option : option;
  }

  /** Whether {@code 'json.timestamp-format.standard'} under {@code key} is ISO-8601 (else SQL, the default). */
  private boolean isoTimestamps(ConnectorOptions options, String key) {
    String standard = options.get(key, "SQL").trim().toUpperCase(Locale.ROOT);
    if (!standard.equals("SQL") && !standard.equals("ISO-8601")) {
      throw invalid(key, options.get(key), "'SQL' (the default) or 'ISO-8601'");
    }
    return standard.equals("ISO-8601");
  }

  /** {@link #FORMAT_OPTIONS} unprefixed and under the value's and the key's prefix. */
  private static Set<String> prefixedFormatOptions() {
    Set<String> keys = new java.util.HashSet<>();
    for (String option : FORMAT_OPTIONS) {
      keys.add(option);
      keys.add(VALUE_PREFIX + option);
      keys.add(KEY_PREFIX + option);
    }
    return keys;
  }

  /** Refuses a format option of a format that its value (or key) is not in. */
  private void checkFormatOptions(ConnectorOptions options) {
    for (String option : FORMAT_OPTIONS) {
      String family = option.substring(0, option.indexOf('.'));
      for (String prefix : List.of("", VALUE_PREFIX, KEY_PREFIX)) {
        if (!options.has(prefix + option)) continue;
        boolean ofKey = prefix.equals(KEY_PREFIX);
        String format = ofKey ? keyFormat : valueFormat;
        if (!family.equals(format)) {
          throw new IllegalArgumentException(
              "Option '" + prefix + option + "' of Kafka table '" + table + "' belongs to format '" + family
                  + "', but the table's " + (ofKey ? "key" : "value") + " format is "
                  + (format == null ? "not set" : "'" + format + "'"));
        }
      }
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  /** The offsets of {@code 'scan.startup.specific-offsets'}, which only the specific-offsets mode takes. */
  private Map<Integer, Long> startupOffsets(ConnectorOptions options) {
    if (startupMode == StartupMode.SPECIFIC_OFFSETS) {
      if (!options.has(SPECIFIC_OFFSETS)) {
        throw new IllegalArgumentException(
            "Kafka table '" + table + "' starts at 'specific-offsets' but does not set '" + SPECIFIC_OFFSETS
                + "', e.g. 'partition:0,offset:42;partition:1,offset:300'");
      }
      if (topics.size() != 1) {
        throw new IllegalArgumentException(
            "Kafka table '" + table + "' reads " + topics.size() + " topics; '" + SPECIFIC_OFFSETS
                + "' names partitions of one topic, so it needs a single 'topic'");
      }
      return specificOffsets(options.get(SPECIFIC_OFFSETS));
    }
    if (options.has(SPECIFIC_OFFSETS)) {
      throw new IllegalArgumentException(
          "Kafka table '" + table + "' sets '" + SPECIFIC_OFFSETS + "', which only applies with '" + STARTUP_MODE
              + "' = 'specific-offsets'");
    }
    return Map.of();
  }

  static KafkaTableOptions of(ConnectorOptions options) {
    return new KafkaTableOptions(options);
  }

  private List<String> topics(String text) {
    List<String> topics = names(text);
    if (topics.isEmpty()) throw invalid(TOPIC, text, "a topic name or a ;-separated list of them");
    return topics;
  }

  private static List<String> names(String text) {
    List<String> names = new ArrayList<>();
    for (String part : text.split(";")) {
      if (!part.isBlank()) names.add(part.trim());
    }
    return List.copyOf(names);
  }

  private String format(String value, String option) {
    String format = value.trim().toLowerCase(Locale.ROOT);
    if (!Set.of("json", "csv", "raw").contains(format)) throw invalid(option, value, "'json', 'csv' or 'raw'");
    return format;
  }

  private <E extends Enum<E>> E choice(ConnectorOptions options, String option, Class<E> type, E fallback) {
    String value = options.get(option);
    if (value == null) return fallback;
    for (E e : type.getEnumConstants()) {
      if (e.name().replace('_', '-').equalsIgnoreCase(value.trim())) return e;
    }
    List<String> valid = new ArrayList<>();
    for (E e : type.getEnumConstants()) valid.add("'" + e.name().replace('_', '-').toLowerCase(Locale.ROOT) + "'");
    throw invalid(option, value, String.join(", ", valid));
  }

  /** Flink's form: {@code partition:0,offset:42;partition:1,offset:300}. */
  private Map<Integer, Long> specificOffsets(String text) {
    Map<Integer, Long> offsets = new TreeMap<>();
    for (String entry : text.split(";")) {
      if (entry.isBlank()) continue;
      String[] parts = entry.trim().split(",");
      Integer partition = null;
      Long offset = null;
      for (String part : parts) {
        String[] kv = part.trim().split(":", 2);
        try {
          if (kv.length == 2 && kv[0].trim().equals("partition")) partition = Integer.parseInt(kv[1].trim());
          if (kv.length == 2 && kv[0].trim().equals("offset")) offset = Long.parseLong(kv[1].trim());
        } catch (NumberFormatException e) {
          partition = null;
        }
      }
      if (parts.length != 2 || partition == null || offset == null || partition < 0 || offset < 0) {
        throw invalid(SPECIFIC_OFFSETS, text, "entries such as 'partition:0,offset:42' separated by ';'");
      }
      offsets.put(partition, offset);
    }
    if (offsets.isEmpty()) throw invalid(SPECIFIC_OFFSETS, text, "entries such as 'partition:0,offset:42' separated by ';'");
    return offsets;
  }

  private IllegalArgumentException invalid(String option, String value, String valid) {
    return new IllegalArgumentException(
        "Option '" + option + "' of Kafka table '" + table + "' is '" + value + "'; valid: " + valid);
  }
}
