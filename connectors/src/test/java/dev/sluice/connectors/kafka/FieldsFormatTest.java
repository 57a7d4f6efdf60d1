package dev.sluice.connectors.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.connectors.format.MalformedRecordException;
import dev.sluice.connectors.format.MalformedRecords;
import dev.sluice.connectors.format.ValuesThatDoNotFit;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.ConnectorServices;
import dev.sluice.runtime.spi.TableContext;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Kafka key and value formats on their own, without a broker. */
class FieldsFormatTest {
  private static final Schema ORDERS =
      new Schema(
          List.of(
              new Field("id", DataType.of(TypeKind.BIGINT)),
              new Field("item", DataType.of(TypeKind.VARCHAR))));

  private static Object[] decode(FieldsFormat format, int columns, String record) {
    Object[] row = new Object[columns];
    format.decode(record.getBytes(StandardCharsets.UTF_8), row);
    return row;
  }

  private static Object readAsJson(ValuesThatDoNotFit.Case c, boolean asString) {
    FieldsFormat format =
        FieldsFormat.of("json", List.of(new Field("v", c.type())), new int[] {0}, ',', false, "t", "value");
    boolean isNumber = c.text().matches("-?[0-9.]+([eE][-+]?[0-9]+)?");
    String value = isNumber && !asString ? c.text() : "\"" + c.text() + "\"";
    return decode(format, 1, "{\"v\":" + value + "}")[0];
  }

  private static Object readAsCsv(ValuesThatDoNotFit.Case c) {
    FieldsFormat format =
        FieldsFormat.of("csv", List.of(new Field("v", c.type())), new int[] {0}, ',', false, "t", "value");
    return decode(format, 1, c.text())[0];
  }

  @Test
  void numbersThatDoNotFitTheirColumnAreMalformedAsInTheFileFormats() {
    ValuesThatDoNotFit.check(ValuesThatDoNotFit.numbers(), c -> readAsJson(c, false));
    ValuesThatDoNotFit.check(ValuesThatDoNotFit.numbers(), c -> readAsJson(c, true));
    ValuesThatDoNotFit.check(ValuesThatDoNotFit.numbers(), FieldsFormatTest::readAsCsv);
  }

  @Test
  void datesAndTimesAreReadStrictlyAsInTheFileFormats() {
    ValuesThatDoNotFit.check(ValuesThatDoNotFit.temporals(), c -> readAsJson(c, true));
    ValuesThatDoNotFit.check(ValuesThatDoNotFit.temporals(), FieldsFormatTest::readAsCsv);
  }

  @Test
  void aTimestampGivenInEpochMillisecondsMustFitALong() {
    FieldsFormat format =
        FieldsFormat.of("json", List.of(new Field("ts", DataType.timestamp(3))), new int[] {0}, ',', false, "t", "value");
    assertEquals(1_714_564_800_000L, decode(format, 1, "{\"ts\":1714564800000}")[0]);
    assertThrows(MalformedRecordException.class, () -> decode(format, 1, "{\"ts\":99999999999999999999}"));
  }

  @Test
  void metadataThatDoesNotFitItsColumnIsMalformedNotWrapped() {
    Schema schema =
        new Schema(
            List.of(
                new Field("item", DataType.of(TypeKind.VARCHAR)),
                new Field("part", DataType.of(TypeKind.TINYINT)),
                new Field("position", DataType.of(TypeKind.SMALLINT))));
    ConnectorOptions options = new ConnectorOptions("orders", options("format", "json"));
    TableContext context =
        new TableContext(
            "orders", schema, options, new ConnectorServices(), Map.of("part", "partition", "position", "offset"),
            List.of());
    RecordLayout layout = RecordLayout.of(context, KafkaTableOptions.of(options));
    byte[] value = "{\"item\":\"a\"}".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(
        new Object[] {"a", (byte) 7, (short) 42},
        layout.decode(new org.apache.kafka.clients.consumer.ConsumerRecord<>("orders", 7, 42L, null, value)));
    assertThrows(
        MalformedRecordException.class,
        () -> layout.decode(new org.apache.kafka.clients.consumer.ConsumerRecord<>("orders", 300, 42L, null, value)));
    assertThrows(
        MalformedRecordException.class,
        () -> layout.decode(new org.apache.kafka.clients.consumer.ConsumerRecord<>("orders", 7, 40_000L, null, value)));
  }

  private static Map<String, String> options(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("connector", "kafka");
    map.put("topic", "orders");
    map.put("properties.bootstrap.servers", "localhost:9092");
    for (int i = 0; i < keysAndValues.length; i += 2) map.put(keysAndValues[i], keysAndValues[i + 1]);
    return map;
  }

  private static TableContext validated(Map<String, String> map) {
    ConnectorOptions options = new ConnectorOptions("orders", map);
    new KafkaConnectorFactory().validate(options);
    return new TableContext("orders", ORDERS, options, new ConnectorServices(), Map.of(), List.of());
  }

  @Test
  void flinksJsonOptionsAreAcceptedAndMeanWhatTheyMeanInFlink() {
    TableContext skip = validated(options("format", "json", "json.ignore-parse-errors", "true"));
    assertEquals(MalformedRecords.Policy.SKIP, MalformedRecords.of(skip).policy());
    TableContext fail = validated(options("format", "json", "json.ignore-parse-errors", "false"));
    assertEquals(MalformedRecords.Policy.FAIL, MalformedRecords.of(fail).policy());
    TableContext prefixed = validated(options("value.format", "json", "value.json.ignore-parse-errors", "false"));
    assertEquals(MalformedRecords.Policy.FAIL, MalformedRecords.of(prefixed).policy());

    TableContext strict = validated(options("format", "json", "json.fail-on-missing-field", "true"));
    RecordLayout layout = RecordLayout.of(strict, KafkaTableOptions.of(strict.options()));
    assertArrayEquals(new Object[] {1L, "a"}, decode(layout.value, 2, "{\"id\":1,\"item\":\"a\"}"));
    assertEquals(
        "field 'item' is missing",
        assertThrows(MalformedRecordException.class, () -> decode(layout.value, 2, "{\"id\":1}")).reason());
    TableContext lenient = validated(options("format", "json"));
    RecordLayout nulls = RecordLayout.of(lenient, KafkaTableOptions.of(lenient.options()));
    assertArrayEquals(new Object[] {1L, null}, decode(nulls.value, 2, "{\"id\":1}"));
  }

  @Test
  void aFormatOptionOfAnotherFormatIsRefused() {
    IllegalArgumentException csv =
        assertThrows(
            IllegalArgumentException.class,
            () -> validated(options("format", "csv", "json.fail-on-missing-field", "true")));
    assertTrue(csv.getMessage().contains("'json.fail-on-missing-field'") && csv.getMessage().contains("'csv'"), csv.getMessage());
    IllegalArgumentException both =
        assertThrows(
            IllegalArgumentException.class,
            () -> validated(options("format", "json", "json.ignore-parse-errors", "true", "on-error", "fail")));
    assertTrue(both.getMessage().contains("both 'on-error' and 'json.ignore-parse-errors'"), both.getMessage());
  }
}
