package dev.sluice.connectors.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.connectors.memory.MemoryTables;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.ConnectorServices;
import dev.sluice.runtime.spi.TableContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MalformedRecordsTest {
  private final ConnectorServices services = new ConnectorServices();
  private final RecordDecoder decoder = CsvFormatTest.csv(CsvFormatTest.SCHEMA).decoder();

  private MalformedRecords policy(String... options) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < options.length; i += 2) map.put(options[i], options[i + 1]);
    return MalformedRecords.of(
        new TableContext(
            "orders", CsvFormatTest.SCHEMA, new ConnectorOptions("orders", map), services));
  }

  private String refusal(String... options) {
    return assertThrows(IllegalArgumentException.class, () -> policy(options)).getMessage();
  }

  @Test
  void byDefaultAMalformedRecordIsCountedAndSkipped() {
    MalformedRecords records = policy();
    assertEquals(MalformedRecords.Policy.SKIP, records.policy());
    assertNull(records.decode(decoder, "1,cat", "a.csv:1"));
    assertEquals(1, records.count());
    assertEquals(5, records.decode(decoder, "5,dog,1,2024-05-01", "a.csv:2")[0]);
    assertEquals(1, records.count());
  }

  @Test
  void failStopsWithTheTableTheLocationTheReasonAndTheRecord() {
    MalformedRecords records = policy("on-error", "fail");
    MalformedRecordException e =
        assertThrows(
            MalformedRecordException.class, () -> records.decode(decoder, "1,cat", "/in/a.csv:3"));
    assertEquals(
        "Malformed record in table 'orders' at /in/a.csv:3: expected 4 fields but found 2. The"
            + " record: '1,cat'. With 'on-error' = 'fail' the query stops; 'skip' counts and skips"
            + " such records, 'dead-letter' routes them to a table",
        e.getMessage());
    assertEquals("expected 4 fields but found 2", e.reason());
  }

  @Test
  void deadLetterAppendsTheRawRecordAndTheReasonToTheNamedMemoryTable() {
    MalformedRecords records = policy("on-error", "dead-letter", "dead-letter.table", "bad_orders");
    assertNull(records.decode(decoder, "x,cat,1,2024-05-01", "/in/a.csv:7"));
    assertEquals(1, records.count());
    MemoryTables tables = services.get(MemoryTables.class, MemoryTables::new);
    List<Object[]> rows = tables.rows("bad_orders", 0, tables.size("bad_orders"));
    assertEquals(1, rows.size());
    Object[] row = rows.get(0);
    assertEquals(DeadLetterTable.WIDTH, row.length);
    assertArrayEquals(
        new Object[] {
          "orders", "/in/a.csv:7", "column 'id': 'x' is not a valid INT", "x,cat,1,2024-05-01"
        },
        java.util.Arrays.copyOf(row, 4));
    assertTrue(row[4] instanceof Long);
  }

  @Test
  void flinksIgnoreParseErrorsMeansSkipOrFail() {
    assertEquals(MalformedRecords.Policy.SKIP, policy("csv.ignore-parse-errors", "true").policy());
    assertEquals(
        MalformedRecords.Policy.FAIL, policy("json.ignore-parse-errors", "false").policy());
    assertEquals(
        MalformedRecords.Policy.SKIP,
        policy("value.json.ignore-parse-errors", "true", "key.csv.ignore-parse-errors", "true")
            .policy());
    assertTrue(
        refusal("value.json.ignore-parse-errors", "true", "key.json.ignore-parse-errors", "false")
            .contains("differently; a table has one policy for malformed records"));
  }

  @Test
  void inconsistentOptionsAreRefused() {
    assertEquals(
        "Option 'on-error' of table 'orders' must be 'skip', 'fail' or 'dead-letter', not 'ignore'",
        refusal("on-error", "ignore"));
    assertTrue(refusal("on-error", "dead-letter").contains("no 'dead-letter.table'"));
    assertTrue(refusal("dead-letter.table", "bad").contains("takes 'on-error' = 'dead-letter'"));
    assertTrue(
        refusal("on-error", "skip", "csv.ignore-parse-errors", "true")
            .contains("sets both 'on-error' and 'csv.ignore-parse-errors'"));
  }
}
