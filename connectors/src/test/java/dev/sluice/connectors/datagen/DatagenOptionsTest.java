package dev.sluice.connectors.datagen;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.ConnectorServices;
import dev.sluice.runtime.spi.TableContext;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatagenOptionsTest {
  private static final Schema SCHEMA =
      new Schema(
          List.of(
              new Field("id", DataType.of(TypeKind.BIGINT)),
              new Field("name", DataType.of(TypeKind.VARCHAR)),
              new Field("ts", DataType.timestamp(3))));

  private static String refusal(Schema schema, Map<String, String> options) {
    Map<String, String> all = new HashMap<>(options);
    all.put("connector", "datagen");
    TableContext context =
        new TableContext("t", schema, new ConnectorOptions("t", all), new ConnectorServices());
    return assertThrows(
            IllegalArgumentException.class, () -> new DatagenSourceFactory().createSource(context))
        .getMessage();
  }

  private static String refusal(Map<String, String> options) {
    return refusal(SCHEMA, options);
  }

  private static void assertContains(String message, String... parts) {
    for (String part : parts)
      assertTrue(message.contains(part), "'" + part + "' missing from: " + message);
  }

  private static final String VALID_OPTIONS =
      "Valid options: connector, fields.id.end, fields.id.kind, fields.id.max, fields.id.min,"
          + " fields.id.start, fields.name.kind, fields.name.length, fields.ts.kind,"
          + " fields.ts.max-past, number-of-rows, rows-per-second, seed";

  @Test
  void anUnknownTableOptionIsRefusedWithTheValidOptionsListed() {
    assertContains(
        refusal(Map.of("rows-per-sec", "5")),
        "Unknown option 'rows-per-sec'",
        "table 't'",
        VALID_OPTIONS);
  }

  @Test
  void theFactoryRefusesUnknownOptionsBeforeSeeingTheColumns() {
    ConnectorOptions options =
        new ConnectorOptions("t", Map.of("connector", "datagen", "rate", "5"));
    String message =
        assertThrows(
                IllegalArgumentException.class, () -> new DatagenSourceFactory().validate(options))
            .getMessage();
    assertContains(message, "'rate'", "fields.*", "rows-per-second");
  }

  @Test
  void aFieldOptionForAMissingColumnIsRefused() {
    assertContains(
        refusal(Map.of("fields.price.min", "1")),
        "'fields.price.min'",
        "no column 'price'",
        VALID_OPTIONS);
  }

  @Test
  void anUnknownFieldOptionIsRefused() {
    assertContains(refusal(Map.of("fields.id.minimum", "1")), "'fields.id.minimum'", VALID_OPTIONS);
    assertContains(
        refusal(Map.of("fields.id", "1")),
        "'fields.id'",
        "fields.<column>.<option>",
        VALID_OPTIONS);
  }

  @Test
  void aFieldOptionThatDoesNotFitTheColumnTypeIsRefused() {
    assertContains(
        refusal(Map.of("fields.id.length", "3")), "'fields.id.length'", "BIGINT", VALID_OPTIONS);
    assertContains(
        refusal(Map.of("fields.name.max-past", "3")), "'fields.name.max-past'", VALID_OPTIONS);
  }

  @Test
  void aSequenceOnANonNumericColumnIsRefused() {
    assertContains(refusal(Map.of("fields.name.kind", "sequence")), "'name'", "numeric", "VARCHAR");
    assertContains(refusal(Map.of("fields.ts.kind", "sequence")), "'ts'", "numeric");
  }

  @Test
  void anUnknownKindIsRefused() {
    assertContains(
        refusal(Map.of("fields.id.kind", "counter")),
        "'fields.id.kind'",
        "'random' or 'sequence'",
        "'counter'");
  }

  @Test
  void rangeOptionsOfTheOtherKindAreRefused() {
    assertContains(refusal(Map.of("fields.id.start", "1")), "'fields.id.start'", "random");
    assertContains(
        refusal(Map.of("fields.id.kind", "sequence", "fields.id.max", "1")),
        "'fields.id.max'",
        "sequence");
  }

  @Test
  void badNumbersAreRefused() {
    assertContains(
        refusal(Map.of("fields.id.min", "9", "fields.id.max", "1")),
        "'fields.id.min'",
        "must not be above");
    assertContains(refusal(Map.of("fields.id.min", "1.5")), "'fields.id.min'", "whole number");
    assertContains(refusal(Map.of("rows-per-second", "0")), "'rows-per-second'", "at least 1");
    assertContains(refusal(Map.of("fields.ts.max-past", "-1")), "'fields.ts.max-past'");
    assertContains(refusal(Map.of("fields.name.length", "-1")), "'fields.name.length'");
  }

  @Test
  void aValueOutsideTheColumnTypeIsRefused() {
    Schema small = new Schema(List.of(new Field("b", DataType.of(TypeKind.TINYINT))));
    assertContains(
        refusal(small, Map.of("fields.b.max", "1000")), "'fields.b.max'", "TINYINT", "127");
    assertContains(
        refusal(
            small,
            Map.of("fields.b.kind", "sequence", "fields.b.start", "100", "fields.b.end", "200")),
        "'fields.b.end'");
  }

  @Test
  void aColumnTypeDatagenCannotFillIsRefused() {
    Schema schema =
        new Schema(List.of(new Field("tags", DataType.array(DataType.of(TypeKind.VARCHAR)))));
    assertContains(refusal(schema, Map.of()), "'tags'", "ARRAY<VARCHAR>", "TIMESTAMP");
  }
}
