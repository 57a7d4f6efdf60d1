package dev.sluice.connectors.format;

import dev.sluice.connectors.memory.MemoryTables;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.TableContext;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * What a source does with a record that does not decode, as its table's {@code 'on-error'} option
 * says (SEMANTICS.md, "Bad input"):
 *
 * <ul>
 *   <li>{@code skip} (the default): the record is counted in {@link #count()}, which the source
 *       reports as its {@code malformedRows}, and left out;
 *   <li>{@code fail}: the query stops with a {@link MalformedRecordException} naming the table, the
 *       record's location, the reason and the record;
 *   <li>{@code dead-letter}: the record is counted and appended, with the reason, to the memory
 *       table named by {@code 'dead-letter.table'}, whose columns are {@link DeadLetterTable}'s.
 * </ul>
 *
 * Flink's {@code 'csv.ignore-parse-errors'} and {@code 'json.ignore-parse-errors'} are read as
 * {@code skip} (true) and {@code fail} (false), also under the {@code value.} and {@code key.}
 * prefixes a Kafka table gives its formats' options; set more than once, they must agree. Unlike
 * Flink, a malformed record is never kept with NULLs in the fields that did not parse: a row is
 * decoded whole or not at all.
 */
public final class MalformedRecords {
  public static final String ON_ERROR = "on-error";
  public static final String DEAD_LETTER_TABLE = "dead-letter.table";

  /** The options read here, for a connector's optional options. */
  public static final Set<String> OPTIONS = Set.of(ON_ERROR, DEAD_LETTER_TABLE);

  /**
   * Flink's switches read as {@code 'on-error'}: the formats' own, and the same under the prefixes
   * of a Kafka table's value and key formats ({@code 'value.json.ignore-parse-errors'}).
   */
  public static final List<String> IGNORE_PARSE_ERRORS =
      List.of(
          CsvFormat.IGNORE_PARSE_ERRORS,
          JsonFormat.IGNORE_PARSE_ERRORS,
          "value." + CsvFormat.IGNORE_PARSE_ERRORS,
          "value." + JsonFormat.IGNORE_PARSE_ERRORS,
          "key." + CsvFormat.IGNORE_PARSE_ERRORS,
          "key." + JsonFormat.IGNORE_PARSE_ERRORS);

  /** Records longer than this are cut in error messages (never in the dead-letter table). */
  private static final int SHOWN_RECORD_CHARS = 200;

  /** The choices of {@code 'on-error'}. */
  public enum Policy {
    SKIP,
    FAIL,
    DEAD_LETTER;

    String optionValue() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final String table;
  private final Policy policy;
  private final String deadLetterTable;
  private final MemoryTables memoryTables;
  private final LongSupplier clock;
  private long count;

  MalformedRecords(
      String table,
      Policy policy,
      String deadLetterTable,
      MemoryTables memoryTables,
      LongSupplier clock) {
    this.table = table;
    this.policy = policy;
    this.deadLetterTable = deadLetterTable;
    this.memoryTables = memoryTables;
    this.clock = clock;
  }

  /**
   * The policy of {@code context}'s table, with the engine's memory tables for dead letters.
   *
   * @throws IllegalArgumentException for an unknown policy or a dead-letter table without the
   *     dead-letter policy, or the reverse
   */
  public static MalformedRecords of(TableContext context) {
    ConnectorOptions options = context.options();
    String table = context.tableName();
    Policy policy = policy(table, options);
    String deadLetter = options.get(DEAD_LETTER_TABLE);
    if (policy == Policy.DEAD_LETTER && (deadLetter == null || deadLetter.isBlank())) {
      throw new IllegalArgumentException(
          "Table '"
              + table
              + "' has 'on-error' = 'dead-letter' but no 'dead-letter.table' naming where malformed"
              + " records go");
    }
    if (policy != Policy.DEAD_LETTER && deadLetter != null) {
      throw new IllegalArgumentException(
          "Table '"
              + table
              + "' names a 'dead-letter.table', which takes 'on-error' = 'dead-letter' (it is '"
              + policy.optionValue()
              + "')");
    }
    MemoryTables tables =
        policy == Policy.DEAD_LETTER
            ? context.services().get(MemoryTables.class, MemoryTables::new)
            : null;
    return new MalformedRecords(
        table,
        policy,
        deadLetter == null ? null : deadLetter.trim(),
        tables,
        System::currentTimeMillis);
  }

  private static Policy policy(String table, ConnectorOptions options) {
    Policy fromFlink = null;
    String flinkKey = null;
    for (String key : IGNORE_PARSE_ERRORS) {
      if (!options.has(key)) continue;
      Policy policy = options.getBoolean(key, false) ? Policy.SKIP : Policy.FAIL;
      if (fromFlink != null && policy != fromFlink) {
        throw new IllegalArgumentException(
            "Table '"
                + table
                + "' sets '"
                + flinkKey
                + "' and '"
                + key
                + "' differently; a table has one policy for malformed records, so give them the"
                + " same value, or set 'on-error' alone");
      }
      fromFlink = policy;
      flinkKey = key;
    }
    String value = options.get(ON_ERROR);
    if (value == null) return fromFlink == null ? Policy.SKIP : fromFlink;
    if (fromFlink != null) {
      throw new IllegalArgumentException(
          "Table '"
              + table
              + "' sets both 'on-error' and '"
              + flinkKey
              + "'; keep 'on-error', which also offers 'dead-letter'");
    }
    for (Policy policy : Policy.values()) {
      if (policy.optionValue().equalsIgnoreCase(value.trim())) return policy;
    }
    throw new IllegalArgumentException(
        "Option 'on-error' of table '"
            + table
            + "' must be 'skip', 'fail' or 'dead-letter', not '"
            + value
            + "'");
  }

  public Policy policy() {
    return policy;
  }

  /**
   * Decodes {@code record}, or deals with it by the policy when it is malformed.
   *
   * @param location where the record was, for messages and the dead-letter table
   * @return the row, or null when the record was malformed and skipped or routed
   * @throws MalformedRecordException under {@code 'on-error' = 'fail'}
   */
  public Object[] decode(RecordDecoder decoder, String record, String location) {
    try {
      return decoder.decode(record);
    } catch (MalformedRecordException e) {
      handle(record, location, e.reason(), e);
      return null;
    }
  }

  /**
   * Deals with a record that cannot become a row.
   *
   * @throws MalformedRecordException under {@code 'on-error' = 'fail'}
   */
  public void handle(String record, String location, String reason) {
    handle(record, location, reason, null);
  }

  private void handle(String record, String location, String reason, Throwable cause) {
    switch (policy) {
      case SKIP -> count++;
      case DEAD_LETTER -> {
        count++;
        memoryTables.append(
            deadLetterTable,
            List.<Object[]>of(
                DeadLetterTable.row(table, location, reason, record, clock.getAsLong())));
      }
      case FAIL ->
          throw new MalformedRecordException(
              "Malformed record in table '"
                  + table
                  + "' at "
                  + location
                  + ": "
                  + reason
                  + ". The record: "
                  + shown(record)
                  + ". With 'on-error' = 'fail' the query stops; 'skip' counts and skips such"
                  + " records, 'dead-letter' routes them to a table",
              reason,
              cause);
    }
  }

  private static String shown(String record) {
    if (record.length() <= SHOWN_RECORD_CHARS) return "'" + record + "'";
    return "'" + record.substring(0, SHOWN_RECORD_CHARS) + "...' (" + record.length() + " chars)";
  }

  /** Malformed records met so far: skipped or routed to the dead-letter table. */
  public long count() {
    return count;
  }
}
