package dev.sluice.connectors.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.data.Values;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonFormatTest {
  private static final DataType INT = DataType.of(TypeKind.INTEGER);
  private static final Schema SCHEMA =
      new Schema(
          List.of(
              new Field("id", INT),
              new Field("name", DataType.of(TypeKind.VARCHAR)),
              new Field("ts", DataType.timestamp(3)),
              new Field(
                  "address",
                  DataType.row(
                      List.of(
                          new Field("city", DataType.of(TypeKind.VARCHAR)),
                          new Field("zip", INT)))),
              new Field("tags", DataType.array(DataType.of(TypeKind.VARCHAR)))));

  private static RecordFormat json(Schema schema, String... options) {
    Map<String, String> map = new HashMap<>();
    map.put("format", "json");
    for (int i = 0; i < options.length; i += 2) map.put(options[i], options[i + 1]);
    return RecordFormat.of("t", schema, new ConnectorOptions("t", map), null);
  }

  private static String reason(RecordDecoder decoder, String record) {
    return assertThrows(MalformedRecordException.class, () -> decoder.decode(record)).reason();
  }

  private static final long NOON = Values.parseTimestamp("2024-05-01 12:00:00");

  @Test
  void fieldsAreReadByColumnNameWithNestedRowsAndArrays() {
    Object[] row =
        json(SCHEMA)
            .decoder()
            .decode(
                "{\"tags\":[\"a\",null],\"ID\":7,\"name\":\"cat\",\"ts\":\"2024-05-01 12:00:00\","
                    + "\"address\":{\"city\":\"Oslo\",\"zip\":150},\"ignored\":{\"x\":1}}");
    assertEquals(7, row[0]);
    assertEquals("cat", row[1]);
    assertEquals(NOON, row[2]);
    assertArrayEquals(new Object[] {"Oslo", 150}, (Object[]) row[3]);
    assertEquals(java.util.Arrays.asList("a", null), row[4]);
  }

  @Test
  void aMissingFieldIsNullUnlessTheTableSaysItMustBeThere() {
    assertArrayEquals(
        new Object[] {1, null, null, null, null}, json(SCHEMA).decoder().decode("{\"id\":1}"));
    assertEquals(
        "field 'name' is missing",
        reason(json(SCHEMA, "json.fail-on-missing-field", "true").decoder(), "{\"id\":1}"));
  }

  @Test
  void textThatIsNotOneJsonObjectIsMalformed() {
    RecordDecoder decoder = json(SCHEMA).decoder();
    assertTrue(reason(decoder, "{\"id\":1").startsWith("not valid JSON"));
    assertTrue(reason(decoder, "{\"id\":1} {\"id\":2}").startsWith("not valid JSON"));
    assertEquals("expected a JSON object but found array", reason(decoder, "[1,2]"));
    assertEquals("expected a JSON object but found number", reason(decoder, "42"));
  }

  @Test
  void aValueThatDoesNotFitItsColumnIsMalformed() {
    RecordDecoder decoder = json(SCHEMA).decoder();
    assertEquals("column 'id': '1.5' is not a valid INT", reason(decoder, "{\"id\":1.5}"));
    assertEquals(
        "column 'id': '3000000000' is not a valid INT", reason(decoder, "{\"id\":3000000000}"));
    assertEquals("column 'id': true is not a valid INT", reason(decoder, "{\"id\":true}"));
    assertEquals("column 'id': 'seven' is not a valid INT", reason(decoder, "{\"id\":\"seven\"}"));
    assertEquals(
        "column 'address.zip': 'x' is not a valid INT",
        reason(decoder, "{\"address\":{\"zip\":\"x\"}}"));
    assertEquals(
        "column 'address': \"Oslo\" is not a valid ROW<city VARCHAR, zip INT>",
        reason(decoder, "{\"address\":\"Oslo\"}"));
    assertEquals(
        "column 'ts': 'noon' is not a valid TIMESTAMP(3)", reason(decoder, "{\"ts\":\"noon\"}"));
    Schema tiny = new Schema(List.of(new Field("b", DataType.of(TypeKind.TINYINT))));
    assertEquals(
        "column 'b': '300' is not a valid TINYINT", reason(json(tiny).decoder(), "{\"b\":300}"));
  }

  @Test
  void aFieldGivenTwiceOrInAnotherCaseCountsAsInAJsonTree() {
    RecordDecoder decoder = json(SCHEMA).decoder();
    assertEquals(2, decoder.decode("{\"ID\":1,\"id\":2}")[0]);
    assertEquals(1, decoder.decode("{\"ID\":1,\"Id\":2}")[0]);
    assertEquals(3, decoder.decode("{\"ID\":1,\"Id\":2,\"ID\":3}")[0]);
    assertEquals(5, decoder.decode("{\"id\":\"x\",\"id\":5}")[0]);
    assertEquals(6, decoder.decode("{\"\\u0069d\":6,\"n\\u0061me\":\"x\"}")[0]);
    assertEquals("column 'id': 'x' is not a valid INT", reason(decoder, "{\"id\":5,\"id\":\"x\"}"));
  }

  @Test
  void theFirstProblemIsReportedTextBeforeColumnsAndColumnsInTheirOrder() {
    RecordDecoder decoder = json(SCHEMA).decoder();
    assertTrue(reason(decoder, "{\"id\":\"x\",\"name\":").startsWith("not valid JSON"));
    assertTrue(reason(decoder, "{\"id\":\"x\"} 1").startsWith("not valid JSON"));
    assertEquals(
        "column 'id': 'x' is not a valid INT", reason(decoder, "{\"ts\":\"noon\",\"id\":\"x\"}"));
    assertEquals(
        "field 'id' is missing",
        reason(json(SCHEMA, "json.fail-on-missing-field", "true").decoder(), "{\"ts\":\"noon\"}"));
  }

  @Test
  void numbersConvertByTheirExactDecimalValue() {
    Schema numbers =
        new Schema(
            List.of(
                new Field("n", DataType.of(TypeKind.BIGINT)),
                new Field("d", DataType.of(TypeKind.DOUBLE)),
                new Field("dec", DataType.decimal(5, 2)),
                new Field("name", DataType.of(TypeKind.VARCHAR))));
    RecordDecoder decoder = json(numbers).decoder();
    assertArrayEquals(
        new Object[] {100L, 0.0, new BigDecimal("1.00"), "1E+2"},
        decoder.decode("{\"n\":1e2,\"d\":-0.0,\"dec\":1,\"name\":1e2}"));
    assertArrayEquals(
        new Object[] {-7L, 0.1, new BigDecimal("0.13"), "[1,{\"a\":null}]"},
        decoder.decode("{\"n\":-7,\"d\":0.1,\"dec\":0.125,\"name\":[1,{\"a\":null}]}"));
    assertEquals(
        "column 'n': '12345678901234567890' is not a valid BIGINT",
        reason(decoder, "{\"n\":12345678901234567890}"));
    assertEquals("column 'd': '1E+400' is not a valid DOUBLE", reason(decoder, "{\"d\":1e400}"));
  }

  /** A case's text as a JSON number when it is one, else as a JSON string. */
  private static Object readAsJson(ValuesThatDoNotFit.Case c, boolean asString) {
    Schema schema = new Schema(List.of(new Field("v", c.type())));
    boolean isNumber = c.text().matches("-?[0-9.]+([eE][-+]?[0-9]+)?");
    String value = isNumber && !asString ? c.text() : "\"" + c.text() + "\"";
    String record = "{\"v\":" + value + "}";
    Object streamed = json(schema).decoder().decode(record)[0];
    // The tree decoder defines the format: it must agree with the streaming one.
    JsonTreeDecoder tree = new JsonTreeDecoder(JsonFormatTest.treeReader(), schema, false);
    assertEquals(streamed, tree.decode(record)[0], record);
    return streamed;
  }

  private static com.fasterxml.jackson.databind.ObjectReader treeReader() {
    return com.fasterxml.jackson.databind.json.JsonMapper.builder()
        .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .nodeFactory(
            com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true))
        .build()
        .reader();
  }

  @Test
  void numbersThatDoNotFitTheirColumnAreMalformedHoweverLargeTheirExponent() {
    ValuesThatDoNotFit.check(ValuesThatDoNotFit.numbers(), c -> readAsJson(c, false));
    ValuesThatDoNotFit.check(ValuesThatDoNotFit.numbers(), c -> readAsJson(c, true));
  }

  @Test
  void datesAndTimesAreReadStrictly() {
    ValuesThatDoNotFit.check(ValuesThatDoNotFit.temporals(), c -> readAsJson(c, true));
  }

  @Test
  void numbersInStringsAndTimestampsInTheUsualFormsAreRead() {
    RecordDecoder decoder = json(SCHEMA).decoder();
    assertEquals(42, decoder.decode("{\"id\":\"42\"}")[0]);
    assertEquals("12", decoder.decode("{\"name\":12}")[1]);
    for (String ts :
        List.of(
            "2024-05-01 12:00:00",
            "2024-05-01T12:00:00",
            "2024-05-01T12:00:00.000Z",
            "2024-05-01 12:00:00Z",
            "2024-05-01T14:00:00+02:00")) {
      assertEquals(NOON, decoder.decode("{\"ts\":\"" + ts + "\"}")[2], ts);
    }
  }

  @Test
  void whatTheEncoderWritesTheDecoderReadsBack() {
    Schema schema =
        new Schema(
            List.of(
                new Field("id", DataType.of(TypeKind.BIGINT)),
                new Field("price", DataType.decimal(20, 2)),
                new Field("ratio", DataType.of(TypeKind.DOUBLE)),
                new Field("ts", DataType.timestamp(3)),
                new Field("day", DataType.of(TypeKind.DATE)),
                new Field("flag", DataType.of(TypeKind.BOOLEAN)),
                new Field("address", SCHEMA.field(3).type()),
                new Field("tags", SCHEMA.field(4).type())));
    Object[] row = {
      1L,
      new BigDecimal("12345678901234567.50"),
      0.25,
      NOON + 5,
      19_844,
      false,
      new Object[] {"Oslo", null},
      List.of("a", "b")
    };
    String record = json(schema).encoder().encode(row);
    assertEquals(
        "{\"id\":1,\"price\":12345678901234567.50,\"ratio\":0.25,\"ts\":\"2024-05-01"
            + " 12:00:00.005\","
            + "\"day\":\"2024-05-01\",\"flag\":false,\"address\":{\"city\":\"Oslo\",\"zip\":null},"
            + "\"tags\":[\"a\",\"b\"]}",
        record);
    Object[] back = json(schema).decoder().decode(record);
    assertArrayEquals((Object[]) row[6], (Object[]) back[6]);
    back[6] = row[6];
    assertArrayEquals(row, back);
    assertTrue(
        json(schema, "json.timestamp-format.standard", "ISO-8601")
            .encoder()
            .encode(row)
            .contains("\"ts\":\"2024-05-01T12:00:00.005\""));
  }

  @Test
  void rowsEncodedOneAfterAnotherAreRecordsOfTheirOwn() {
    RecordEncoder encoder = json(SCHEMA).encoder();
    Object[] first = {1, "a", null, new Object[] {"Oslo", 150}, List.of("x")};
    Object[] second = {2, null, NOON, null, java.util.Arrays.asList("y", null)};
    assertEquals(
        "{\"id\":1,\"name\":\"a\",\"ts\":null,\"address\":{\"city\":\"Oslo\",\"zip\":150},"
            + "\"tags\":[\"x\"]}",
        encoder.encode(first));
    assertEquals(
        "{\"id\":2,\"name\":null,\"ts\":\"2024-05-01 12:00:00\",\"address\":null,"
            + "\"tags\":[\"y\",null]}",
        encoder.encode(second));
  }

  @Test
  void blankLinesAreNotRecords() throws IOException {
    List<String> records = new ArrayList<>();
    json(SCHEMA)
        .readRecords(
            new BufferedReader(new StringReader("{\"id\":1}\n\n  \n{\"id\":2}\n")),
            (line, record) -> records.add(line + ":" + record));
    assertEquals(List.of("1:{\"id\":1}", "4:{\"id\":2}"), records);
  }

  @Test
  void mapColumnsAndBadOptionsAreRefused() {
    Schema map = new Schema(List.of(new Field("m", DataType.of(TypeKind.MAP))));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> json(map))
            .getMessage()
            .contains("cannot hold column 'm' of type MAP"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> json(SCHEMA, "json.timestamp-format.standard", "RFC"))
            .getMessage()
            .contains("must be 'SQL' or 'ISO-8601'"));
  }

  @Test
  void theRawFormatIsTheWholeRecordInOneVarcharColumn() {
    Schema line = new Schema(List.of(new Field("line", DataType.of(TypeKind.VARCHAR))));
    RecordFormat raw = RecordFormat.of("t", line, new ConnectorOptions("t", Map.of()), "raw");
    assertArrayEquals(new Object[] {"{not json"}, raw.decoder().decode("{not json"));
    String refusal =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    RecordFormat.of(
                        "t", SCHEMA, new ConnectorOptions("t", Map.of("format", "raw")), null))
            .getMessage();
    assertTrue(refusal.contains("needs exactly one VARCHAR column"), refusal);
  }

  @Test
  void aFormatAndItsOptionsCanSitUnderAPrefixAsKafkaValuesDo() {
    ConnectorOptions options =
        new ConnectorOptions(
            "t",
            Map.of(
                "value.format", "json",
                "value.json.fail-on-missing-field", "true",
                "key.format", "raw"));
    RecordFormat value = RecordFormat.of("t", SCHEMA, options, "value.", null);
    assertEquals("json", value.name());
    assertEquals("field 'name' is missing", reason(value.decoder(), "{\"id\":1}"));
  }
}
