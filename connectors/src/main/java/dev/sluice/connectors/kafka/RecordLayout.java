package dev.sluice.connectors.kafka;

import dev.sluice.connectors.format.MalformedRecordException;
import dev.sluice.connectors.format.TextValues;
import dev.sluice.runtime.data.Values;
import dev.sluice.runtime.spi.TableContext;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where each column of a Kafka table lives in a record: in the value (the physical columns), in the
 * key ({@code 'key.fields'}, read from the key; also in the value unless {@code
 * 'value.fields-include' = 'EXCEPT_KEY'}), or in the record's metadata ({@code METADATA FROM
 * 'topic' | 'partition' | 'offset' | 'timestamp'}).
 */
final class RecordLayout {
  /** The metadata a column can read, and its key in {@code METADATA FROM '...'}. */
  enum Metadata {
    TOPIC,
    PARTITION,
    OFFSET,
    TIMESTAMP;

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  final Schema schema;
  /** The value columns' format, or null when every column is a key or metadata column. */
  final FieldsFormat value;
  /** The key columns' format, or null without {@code 'key.fields'}. */
  final FieldsFormat key;
  /** Positions of the key columns in a row; empty without {@code 'key.fields'}. */
  final int[] keyPositions;
  final int[] metadataPositions;
  final Metadata[] metadata;

  private RecordLayout(TableContext context, KafkaTableOptions options) {
    String table = context.tableName();
    schema = context.schema();
    List<Integer> metadataAt = new ArrayList<>();
    List<Metadata> metadataKinds = new ArrayList<>();
    List<Integer> physical = new ArrayList<>();
    for (int i = 0; i < schema.size(); i++) {
      String metadataKey = context.metadataKey(i);
      if (metadataKey == null) {
        physical.add(i);
        continue;
      }
      metadataAt.add(i);
      metadataKinds.add(metadata(metadataKey, table, schema.field(i).name()));
    }
    metadataPositions = metadataAt.stream().mapToInt(Integer::intValue).toArray();
    metadata = metadataKinds.toArray(new Metadata[0]);

    keyPositions = new int[options.keyFields.size()];
    for (int k = 0; k < keyPositions.length; k++) {
      String name = options.keyFields.get(k);
      int index = schema.indexOf(name);
      if (index < 0 || !physical.contains(index)) {
        throw new IllegalArgumentException(
            "'key.fields' of Kafka table '" + table + "' names '" + name + "', which is not a physical column; columns: "
                + String.join(", ", names(physical)));
      }
      keyPositions[k] = index;
    }
    key = keyPositions.length == 0 ? null : format(options.keyFormat, keyPositions, options, table, "key");
    List<Integer> valueColumns = new ArrayList<>();
    for (int i : physical) {
      boolean isKey = false;
      for (int k : keyPositions) isKey |= k == i;
      if (!isKey || options.valueIncludesKey) valueColumns.add(i);
    }
    int[] valuePositions = valueColumns.stream().mapToInt(Integer::intValue).toArray();
    value = valuePositions.length == 0 ? null : format(options.valueFormat, valuePositions, options, table, "value");
  }

  static RecordLayout of(TableContext context, KafkaTableOptions options) {
    return new RecordLayout(context, options);
  }

  private FieldsFormat format(String format, int[] positions, KafkaTableOptions options, String table, String role) {
    List<Field> fields = new ArrayList<>();
    for (int p : positions) fields.add(schema.field(p));
    JsonFieldsFormat.Options json = role.equals("key") ? options.keyJson : options.valueJson;
    return FieldsFormat.of(format, fields, positions, options.csvDelimiter, json, table, role);
  }

  private List<String> names(List<Integer> positions) {
    List<String> names = new ArrayList<>();
    for (int p : positions) names.add(schema.field(p).name());
    return names;
  }

  private static Metadata metadata(String key, String table, String column) {
    for (Metadata m : Metadata.values()) {
      if (m.key().equalsIgnoreCase(key)) return m;
    }
    throw new IllegalArgumentException(
        "Column '" + column + "' of Kafka table '" + table + "' reads METADATA FROM '" + key
            + "', which Kafka records do not have; valid keys: 'topic', 'partition', 'offset', 'timestamp'");
  }

  /**
   * The row a record holds, or null for a record without a value (a tombstone), which is no row.
   *
   * @throws MalformedRecordException when the key or value does not decode
   */
  Object[] decode(ConsumerRecord<byte[], byte[]> record) throws MalformedRecordException {
    if (record.value() == null && value != null) return null;
    Object[] row = new Object[schema.size()];
    if (value != null) value.decode(record.value(), row);
    if (key != null && record.key() != null) {
      try {
        key.decode(record.key(), row);
      } catch (MalformedRecordException e) {
        throw new MalformedRecordException("key: " + e.reason());
      }
    }
    for (int m = 0; m < metadata.length; m++) {
      Object raw = switch (metadata[m]) {
        case TOPIC -> record.topic();
        case PARTITION -> record.partition();
        case OFFSET -> record.offset();
        case TIMESTAMP -> record.timestamp();
      };
      Field field = schema.field(metadataPositions[m]);
      try {
        row[metadataPositions[m]] = metadataValue(raw, field);
      } catch (IllegalArgumentException e) {
        throw new MalformedRecordException("metadata '" + metadata[m].key() + "': " + e.getMessage());
      } catch (MalformedRecordException e) {
        throw new MalformedRecordException("metadata '" + metadata[m].key() + "': " + e.reason());
      }
    }
    return row;
  }

  /**
   * A partition, offset or timestamp in a numeric column as {@link TextValues#number} reads any
   * number, refused when it does not fit (a partition 300 is no TINYINT); a cast would wrap it.
   */
  private static Object metadataValue(Object raw, Field field) {
    if (!(raw instanceof Number number)) return Values.coerce(raw, field.type());
    return switch (field.type().kind()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT, FLOAT, DOUBLE, DECIMAL ->
          TextValues.number(BigDecimal.valueOf(number.longValue()), field.type(), field.name());
      default -> Values.coerce(raw, field.type());
    };
  }

  /** The position of the column holding the record timestamp, or -1. */
  int timestampPosition() {
    for (int m = 0; m < metadata.length; m++) {
      if (metadata[m] == Metadata.TIMESTAMP) return metadataPositions[m];
    }
    return -1;
  }
}
