package dev.sluice.connectors.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvFormatTest {
  static final Schema SCHEMA =
      new Schema(
          List.of(
              new Field("id", DataType.of(TypeKind.INTEGER)),
              new Field("name", DataType.of(TypeKind.VARCHAR)),
              new Field("price", DataType.decimal(5, 2)),
              new Field("ts", DataType.timestamp(3))));

  static RecordFormat csv(Schema schema, String... options) {
    Map<String, String> map = new HashMap<>();
    map.put("format", "csv");
    for (int i = 0; i < options.length; i += 2) map.put(options[i], options[i + 1]);
    return RecordFormat.of("t", schema, new ConnectorOptions("t", map), null);
  }

  static String reason(RecordDecoder decoder, String record) {
    return assertThrows(MalformedRecordException.class, () -> decoder.decode(record)).reason();
  }

  static List<String> records(RecordFormat format, String text) throws IOException {
    List<String> records = new ArrayList<>();
    format.readRecords(
        new BufferedReader(new StringReader(text)),
        (line, record) -> records.add(line + ":" + record));
    return records;
  }

  @Test
  void aRecordBecomesARowOfTheColumnTypes() {
    Object[] row = csv(SCHEMA).decoder().decode("7,cat,12.5,2024-05-01 12:00:00.250");
    assertArrayEquals(
        new Object[] {
          7, "cat", new BigDecimal("12.50"), Values.parseTimestamp("2024-05-01 12:00:00.250")
        },
        row);
  }

  @Test
  void quotedFieldsHoldDelimitersQuotesAndLineBreaks() throws IOException {
    RecordFormat format = csv(SCHEMA);
    assertEquals("a,\"b\"", format.decoder().decode("1,\"a,\"\"b\"\"\",1,2024-05-01 00:00:00")[1]);
    List<String> records = records(format, "1,\"two\nlines\",1,2024-05-01\n2,x,2,2024-05-01\n");
    assertEquals(List.of("1:1,\"two\nlines\",1,2024-05-01", "3:2,x,2,2024-05-01"), records);
    assertEquals("two\nlines", format.decoder().decode(records.get(0).substring(2))[1]);
  }

  @Test
  void anEmptyFieldIsNullAndAQuotedEmptyFieldIsTheEmptyString() {
    RecordDecoder decoder = csv(SCHEMA).decoder();
    assertArrayEquals(new Object[] {null, null, null, null}, decoder.decode(",,,"));
    assertArrayEquals(new Object[] {null, "", null, null}, decoder.decode("\"\",\"\",\"\",\"\""));
    assertArrayEquals(
        new Object[] {null, null, null, null},
        csv(SCHEMA, "csv.null-literal", "N/A").decoder().decode("N/A,N/A,N/A,N/A"));
  }

  @Test
  void aRecordWithTheWrongNumberOfFieldsIsMalformed() {
    RecordDecoder decoder = csv(SCHEMA).decoder();
    assertEquals("expected 4 fields but found 2", reason(decoder, "1,cat"));
    assertEquals("expected 4 fields but found 5", reason(decoder, "1,cat,1,2024-05-01,extra"));
  }

  @Test
  void aValueThatDoesNotFitItsColumnIsMalformedAndNamesTheColumn() {
    RecordDecoder decoder = csv(SCHEMA).decoder();
    assertEquals(
        "column 'id': 'seven' is not a valid INT", reason(decoder, "seven,cat,1,2024-05-01"));
    assertEquals(
        "column 'id': '9999999999' is not a valid INT",
        reason(decoder, "9999999999,cat,1,2024-05-01"));
    assertEquals(
        "column 'price': 1234.5 does not fit DECIMAL(5, 2)",
        reason(decoder, "1,cat,1234.5,2024-05-01"));
    assertEquals(
        "column 'ts': 'yesterday' is not a valid TIMESTAMP(3)",
        reason(decoder, "1,cat,1,yesterday"));
    assertTrue(reason(decoder, "1,\"unclosed,1,2024-05-01").startsWith("not valid CSV"));
  }

  private static Object readAsCsv(ValuesThatDoNotFit.Case c) {
    Schema schema = new Schema(List.of(new Field("v", c.type())));
    return csv(schema).decoder().decode(c.text())[0];
  }

  @Test
  void numbersThatDoNotFitTheirColumnAreMalformedHoweverLargeTheirExponent() {
    ValuesThatDoNotFit.check(ValuesThatDoNotFit.numbers(), CsvFormatTest::readAsCsv);
  }

  @Test
  void datesAndTimesAreReadStrictly() {
    ValuesThatDoNotFit.check(ValuesThatDoNotFit.temporals(), CsvFormatTest::readAsCsv);
  }

  static String outcome(RecordDecoder decoder, String record) {
    try {
      return Arrays.deepToString(decoder.decode(record));
    } catch (MalformedRecordException e) {
      return "malformed: " + e.reason();
    }
  }

  @Test
  void aDecoderReadsEachRecordAsIfItWereAloneWhateverCameBefore() {
    List<String> records =
        List.of(
            "1,a,1,2024-05-01",
            "2,\"unclosed,1,2024-05-01",
            "3,\"two\nlines\",1,2024-05-01",
            "4,b,1,2024-05-01\n5,c,1,2024-05-01",
            "6,c,1,2024-05-01\r",
            "x,y",
            "",
            "7,\"d\",1,2024-05-01",
            "8," + "e".repeat(10_000) + ",1,2024-05-01",
            "9,\"" + "f\n".repeat(5_000) + "\",1,2024-05-01");
    RecordDecoder shared = csv(SCHEMA).decoder();
    List<String> outcomes = new ArrayList<>();
    for (String record : records) {
      String alone = outcome(csv(SCHEMA).decoder(), record);
      assertEquals(alone, outcome(shared, record), record);
      outcomes.add(alone);
    }
    assertEquals("malformed: not valid CSV: " + CsvFormat.unclosedQuote(), outcomes.get(1));
    assertEquals("[3, two\nlines, 1.00, 1714521600000]", outcomes.get(2));
    assertEquals("[4, b, 1.00, 1714521600000]", outcomes.get(3));
    assertEquals("[7, d, 1.00, 1714521600000]", outcomes.get(7));
    assertEquals(10_000, ((String) shared.decode(records.get(8))[1]).length());

    Schema two =
        new Schema(
            List.of(
                new Field("a", DataType.of(TypeKind.VARCHAR)),
                new Field("b", DataType.of(TypeKind.VARCHAR))));
    RecordFormat escaped = csv(two, "csv.escape-character", "\\");
    RecordDecoder escapedShared = escaped.decoder();
    for (String record : List.of("a,b\\", "a,b\\\\", "a\\,b,c")) {
      assertEquals(outcome(escaped.decoder(), record), outcome(escapedShared, record), record);
    }
    assertEquals("[a, b\\]", outcome(escapedShared, "a,b\\\\"));
  }

  @Test
  void aNotNullColumnRefusesAnEmptyField() {
    Schema schema =
        new Schema(List.of(new Field("id", DataType.of(TypeKind.BIGINT).withNullable(false))));
    assertEquals(
        "column 'id' is NOT NULL but the field is empty", reason(csv(schema).decoder(), "\"\""));
  }

  @Test
  void delimiterQuoteAndEscapeFollowTheFlinkOptions() {
    Schema two =
        new Schema(
            List.of(
                new Field("a", DataType.of(TypeKind.VARCHAR)),
                new Field("b", DataType.of(TypeKind.VARCHAR))));
    assertArrayEquals(
        new Object[] {"x,y", "z"},
        csv(two, "csv.field-delimiter", "\\t").decoder().decode("x,y\tz"));
    assertArrayEquals(
        new Object[] {"x|y", "z"},
        csv(two, "csv.field-delimiter", "|", "csv.quote-character", "'")
            .decoder()
            .decode("'x|y'|z"));
    assertArrayEquals(
        new Object[] {"\"x", "z"},
        csv(two, "csv.disable-quote-character", "true").decoder().decode("\"x,z"));
    assertArrayEquals(
        new Object[] {"x,y", "z"},
        csv(two, "csv.escape-character", "\\").decoder().decode("x\\,y,z"));
  }

  @Test
  void commentsBlankLinesAndTheHeaderAreSkipped() throws IOException {
    RecordFormat format =
        csv(SCHEMA, "csv.allow-comments", "true", "csv.ignore-first-line", "true");
    assertEquals(
        List.of("4:1,a,1,2024-05-01", "6:2,b,2,2024-05-01"),
        records(
            format, "# a comment\nid,name,price,ts\n\n1,a,1,2024-05-01\n   \n2,b,2,2024-05-01"));
    assertEquals(List.of("1:#x,y", "2:1,a"), records(csv(SCHEMA), "#x,y\n1,a"));
  }

  @Test
  void anUnclosedQuoteTakesAtMostTheLinesARecordMaySpanAndReadingGoesOnAfterThem() {
    int after = 50_000;
    StringBuilder text = new StringBuilder("1,a,1,2024-05-01\n2,\"open,1,2024-05-01\n");
    for (int i = 0; i < after; i++) text.append("3,b,1,2024-05-01\n");
    RecordFormat format = csv(SCHEMA);
    List<String> records =
        assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(10), () -> records(format, text.toString()));
    int swallowed = CsvFormat.MAX_RECORD_LINES - 1;
    assertEquals(2 + after - swallowed, records.size());
    assertEquals("1:1,a,1,2024-05-01", records.get(0));
    String unclosed = records.get(1);
    assertTrue(unclosed.startsWith("2:2,\"open,1,2024-05-01\n3,b"), unclosed);
    assertEquals(CsvFormat.MAX_RECORD_LINES, unclosed.split("\n", -1).length);
    assertEquals((3 + swallowed) + ":3,b,1,2024-05-01", records.get(2));
    String reason = reason(format.decoder(), unclosed.substring(2));
    assertTrue(
        reason.startsWith("not valid CSV: a quoted field is not closed")
            && reason.contains(CsvFormat.MAX_RECORD_LINES + " lines"),
        reason);
  }

  @Test
  void aRecordStopsTakingLinesOnceItHoldsTheMostTextARecordMayHold() throws IOException {
    String longLine = "x".repeat(CsvFormat.MAX_RECORD_CHARS / 4);
    StringBuilder text = new StringBuilder("1,\"" + longLine + "\n");
    for (int i = 0; i < 10; i++) text.append(longLine).append('\n');
    text.append("2,b,1,2024-05-01\n");
    List<String> records = records(csv(SCHEMA), text.toString());
    assertEquals(9, records.size(), "the record takes 4 lines, then 7 long lines and a row follow");
    assertTrue(records.get(0).length() > CsvFormat.MAX_RECORD_CHARS);
    assertTrue(records.get(0).length() < CsvFormat.MAX_RECORD_CHARS + longLine.length() + 10);
    assertEquals("12:2,b,1,2024-05-01", records.get(8));
  }

  @Test
  void arraysAreElementsBetweenTheArrayDelimiter() {
    Schema schema =
        new Schema(List.of(new Field("tags", DataType.array(DataType.of(TypeKind.INTEGER)))));
    assertEquals(List.of(1, 2, 3), csv(schema).decoder().decode("1;2;3")[0]);
    assertEquals(
        List.of(1, 2), csv(schema, "csv.array-element-delimiter", "|").decoder().decode("1|2")[0]);
    assertEquals("column 'tags': 'x' is not a valid INT", reason(csv(schema).decoder(), "1;x"));
  }

  @Test
  void whatTheEncoderWritesTheDecoderReadsBack() {
    Schema schema =
        new Schema(
            List.of(
                new Field("s", DataType.of(TypeKind.VARCHAR)),
                new Field("e", DataType.of(TypeKind.VARCHAR)),
                new Field("n", DataType.of(TypeKind.VARCHAR)),
                new Field("d", DataType.decimal(10, 3)),
                new Field("day", DataType.of(TypeKind.DATE)),
                new Field("t", DataType.of(TypeKind.TIME)),
                new Field("ts", DataType.timestamp(3)),
                new Field("b", DataType.of(TypeKind.BOOLEAN)),
                new Field("a", DataType.array(DataType.of(TypeKind.BIGINT)))));
    Object[] row = {
      "say \"hi\", then\nleave",
      "",
      null,
      new BigDecimal("1.500"),
      19_844,
      45_296_789,
      Values.parseTimestamp("2024-05-01 12:00:00.5"),
      true,
      List.of(1L, 2L)
    };
    RecordFormat format = csv(schema);
    String record = format.encoder().encode(row);
    assertEquals(
        "\"say \"\"hi\"\", then\n"
            + "leave\",\"\",,1.500,2024-05-01,12:34:56.789,\"2024-05-01 12:00:00.500\",true,1;2",
        record);
    assertArrayEquals(row, format.decoder().decode(record));
  }

  @Test
  void rowsEncodedOneAfterAnotherAreRecordsOfTheirOwn() {
    RecordEncoder encoder = csv(SCHEMA, "csv.null-literal", "N/A").encoder();
    Object[] first = {1, "a,b", new BigDecimal("1.50"), 0L};
    Object[] second = {null, "", null, 1L};
    assertEquals("1,\"a,b\",1.50,\"1970-01-01 00:00:00\"", encoder.encode(first));
    assertEquals("N/A,\"\",N/A,\"1970-01-01 00:00:00.001\"", encoder.encode(second));
    assertEquals(
        encoder.encode(first), csv(SCHEMA, "csv.null-literal", "N/A").encoder().encode(first));
  }

  @Test
  void badOptionsAreRefusedWithTheReason() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> csv(SCHEMA, "csv.field-delimiter", "ab"))
            .getMessage()
            .contains("must be a single character"));
    Schema nested =
        new Schema(
            List.of(
                new Field(
                    "r", DataType.row(List.of(new Field("x", DataType.of(TypeKind.INTEGER)))))));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> csv(nested))
            .getMessage()
            .contains("use 'format' = 'json' for nested values"));
    String wrongFamily =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    RecordFormat.of(
                        "t",
                        SCHEMA,
                        new ConnectorOptions(
                            "t", Map.of("format", "json", "csv.field-delimiter", ";")),
                        null))
            .getMessage();
    assertEquals(
        "Option 'csv.field-delimiter' of table 't' belongs to format 'csv', but the table's format"
            + " is 'json'",
        wrongFamily);
    String unknown =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    RecordFormat.of(
                        "t", SCHEMA, new ConnectorOptions("t", Map.of("format", "avro")), null))
            .getMessage();
    assertEquals(
        "Unknown format 'avro' for table 't': valid formats are 'csv', 'json' and 'raw'", unknown);
  }
}
