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
        FieldsFormat.of("json", List.of(new Field("v", c.type())), new int[] {0}, ',', JsonFieldsFormat.Options.DEFAULT, "t", "value");
    boolean isNumber = c.text().matches("-?[0-9.]+([eE][-+]?[0-9]+)?");
    String value = isNumber && !asString ? c.text() : "\"" + c.text() + "\"";
    return decode(format, 1, "{\"v\":" + value + "}")[0];
  }

  private static Object readAsCsv(ValuesThatDoNotFit.Case c) {
    FieldsFormat format =
        FieldsFormat.of("csv", List.of(new Field("v", c.type())), new int[] {0}, ',', JsonFieldsFormat.Options.DEFAULT, "t", "value");
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
  void bytesThatAreNotUtf8AreMalformedInEveryTextFormat() {
    byte[] invalid = {'a', ',', (byte) 0xC3, (byte) 0x28};
    List<Field> two = List.of(new Field("a", DataType.of(TypeKind.VARCHAR)), new Field("b", DataType.of(TypeKind.VARCHAR)));
    FieldsFormat csv = FieldsFormat.of("csv", two, new int[] {0, 1}, ',', JsonFieldsFormat.Options.DEFAULT, "t", "value");
    assertEquals(
        "not valid UTF-8 text",
        assertThrows(MalformedRecordException.class, () -> csv.decode(invalid, new Object[2])).reason());
    FieldsFormat raw = FieldsFormat.of("raw", two.subList(0, 1), new int[] {0}, ',', JsonFieldsFormat.Options.DEFAULT, "t", "value");
    assertThrows(MalformedRecordException.class, () -> raw.decode(invalid, new Object[1]));
    FieldsFormat json = FieldsFormat.of("json", two, new int[] {0, 1}, ',', JsonFieldsFormat.Options.DEFAULT, "t", "value");
    byte[] invalidJson = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    assertThrows(MalformedRecordException.class, () -> json.decode(invalidJson, new Object[2]));
    Object[] row = new Object[2];
    csv.decode("é,ü".getBytes(StandardCharsets.UTF_8), row);
    assertArrayEquals(new Object[] {"é", "ü"}, row);
  }

  @Test
  void whatEachFormatWritesItReadsBackForEveryScalarType() {
    List<Field> fields =
        List.of(
            new Field("flag", DataType.of(TypeKind.BOOLEAN)),
            new Field("tiny", DataType.of(TypeKind.TINYINT)),
            new Field("n", DataType.of(TypeKind.BIGINT)),
            new Field("ratio", DataType.of(TypeKind.DOUBLE)),
            new Field("price", DataType.decimal(10, 2)),
            new Field("name", DataType.of(TypeKind.VARCHAR)),
            new Field("day", DataType.of(TypeKind.DATE)),
            new Field("at", DataType.of(TypeKind.TIME)),
            new Field("ts", DataType.timestamp(3)),
            new Field("ltz", new DataType(TypeKind.TIMESTAMP_LTZ, 3, 0, true, null, null)),
            new Field("bytes", DataType.of(TypeKind.BINARY)));
    int[] positions = new int[fields.size()];
    for (int i = 0; i < positions.length; i++) positions[i] = i;
    Object[] row = {
      true, (byte) -7, 1L << 40, 0.25, new java.math.BigDecimal("12.50"), "a, \"b\"", 19_844, 43_200_000,
      1_714_564_800_005L, 1_714_564_800_000L, new byte[] {0, 1, (byte) 255}
    };
    for (String name : List.of("json", "csv")) {
      FieldsFormat format = FieldsFormat.of(name, fields, positions, ',', JsonFieldsFormat.Options.DEFAULT, "t", "value");
      Object[] back = new Object[row.length];
      format.decode(format.encode(row), back);
      assertArrayEquals((byte[]) row[10], (byte[]) back[10], name);
      back[10] = row[10];
      assertArrayEquals(row, back, name);
    }
  }

  @Test
  void aTimestampGivenInEpochMillisecondsMustFitALong() {
    FieldsFormat format =
        FieldsFormat.of("json", List.of(new Field("ts", DataType.timestamp(3))), new int[] {0}, ',', JsonFieldsFormat.Options.DEFAULT, "t", "value");
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
    FieldsFormat nested =
        FieldsFormat.of(
            "json",
            List.of(new Field("address", DataType.row(List.of(new Field("city", DataType.of(TypeKind.VARCHAR)))))),
            new int[] {0}, ',', new JsonFieldsFormat.Options(true, false), "t", "value");
    assertEquals(
        "field 'address.city' is missing",
        assertThrows(MalformedRecordException.class, () -> decode(nested, 1, "{\"address\":{}}")).reason());
    TableContext lenient = validated(options("format", "json"));
    RecordLayout nulls = RecordLayout.of(lenient, KafkaTableOptions.of(lenient.options()));
    assertArrayEquals(new Object[] {1L, null}, decode(nulls.value, 2, "{\"id\":1}"));
  }

  @Test
  void flinksTimestampStandardChoosesHowTimestampsAreWritten() {
    TableContext iso = validated(options("format", "json", "json.timestamp-format.standard", "ISO-8601"));
    assertTrue(KafkaTableOptions.of(iso.options()).valueJson.isoTimestamps());
    TableContext key =
        validated(
            options("format", "json", "key.format", "json", "key.fields", "id", "key.json.timestamp-format.standard", "iso-8601"));
    assertTrue(KafkaTableOptions.of(key.options()).keyJson.isoTimestamps());
    assertTrue(!KafkaTableOptions.of(key.options()).valueJson.isoTimestamps());
    List<Field> ts = List.of(new Field("ts", DataType.timestamp(3)), new Field("ltz", new DataType(TypeKind.TIMESTAMP_LTZ, 3, 0, true, null, null)));
    Object[] row = {1_714_564_800_000L, 1_714_564_800_000L};
    FieldsFormat isoFormat = FieldsFormat.of("json", ts, new int[] {0, 1}, ',', new JsonFieldsFormat.Options(false, true), "t", "value");
    assertEquals(
        "{\"ts\":\"2024-05-01T12:00:00\",\"ltz\":\"2024-05-01T12:00:00Z\"}",
        new String(isoFormat.encode(row), StandardCharsets.UTF_8));
    FieldsFormat sqlFormat = FieldsFormat.of("json", ts, new int[] {0, 1}, ',', JsonFieldsFormat.Options.DEFAULT, "t", "value");
    assertEquals(
        "{\"ts\":\"2024-05-01 12:00:00\",\"ltz\":\"2024-05-01 12:00:00Z\"}",
        new String(sqlFormat.encode(row), StandardCharsets.UTF_8));
    IllegalArgumentException rfc =
        assertThrows(
            IllegalArgumentException.class,
            () -> validated(options("format", "json", "json.timestamp-format.standard", "RFC")));
    assertTrue(rfc.getMessage().contains("'SQL' (the default) or 'ISO-8601'"), rfc.getMessage());
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
