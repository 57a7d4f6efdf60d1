package dev.sluice.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.connectors.memory.MemoryTables;
import dev.sluice.engine.SluiceEngine;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rows appended from code to a declared memory table are checked against its columns when they are
 * appended, with a message naming the table, the row and the column, not later inside a query.
 */
class MemoryTablesAppendCheckTest {
  private SluiceEngine engine;
  private MemoryTables tables;

  @BeforeEach
  void openEngine() {
    engine = SluiceEngine.open();
    engine.execute("CREATE TABLE orders (id BIGINT NOT NULL, item VARCHAR, price DECIMAL(10, 2), ts TIMESTAMP(3), tags ARRAY<VARCHAR>) "
        + "WITH ('connector' = 'memory')");
    tables = engine.memoryTables();
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  private String refusal(Object[]... rows) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tables.append("orders", List.of(rows)));
    assertEquals(0, tables.size("orders"), "a refused append adds none of its rows");
    return e.getMessage();
  }

  private static Object[] good(long id) {
    return new Object[] {id, "tea", new BigDecimal("2.50"), 1_700_000_000_000L, List.of("hot")};
  }

  @Test
  void rowsOfTheTablesTypesAreAppended() {
    tables.append("orders", List.of(good(1), new Object[] {2L, null, null, null, null}));
    assertEquals(2, tables.size("orders"));
  }

  @Test
  void aRowWithTheWrongNumberOfValuesIsRefusedNamingTableAndRow() {
    String message = refusal(good(1), new Object[] {2L, "tea"});
    assertTrue(message.contains("'orders'") && message.contains("Row 2") && message.contains("2 values") && message.contains("5 columns"),
        message);
  }

  @Test
  void aValueOfTheWrongTypeIsRefusedNamingTableRowColumnAndType() {
    String message = refusal(new Object[] {1, "tea", null, null, null});
    assertTrue(message.contains("'orders'") && message.contains("Row 1") && message.contains("'id'") && message.contains("BIGINT")
        && message.contains("Integer") && message.contains("Long"), message);
  }

  @Test
  void aTimestampGivenAsAnInstantIsRefusedSayingItsRepresentation() {
    String message = refusal(new Object[] {1L, "tea", null, java.time.Instant.EPOCH, null});
    assertTrue(message.contains("'ts'") && message.contains("epoch milliseconds"), message);
  }

  @Test
  void aNullInANotNullColumnIsRefused() {
    String message = refusal(new Object[] {null, "tea", null, null, null});
    assertTrue(message.contains("'id'") && message.contains("NOT NULL"), message);
  }

  @Test
  void anArrayElementOfTheWrongTypeIsRefused() {
    String message = refusal(new Object[] {1L, "tea", null, null, List.of("hot", 3)});
    assertTrue(message.contains("'tags'") && message.contains("Integer"), message);
  }

  @Test
  void aTableDroppedAndDeclaredAgainIsCheckedAgainstItsNewColumns() {
    engine.execute("DROP TABLE orders");
    engine.execute("CREATE TABLE orders (id INT) WITH ('connector' = 'memory')");
    tables.append("orders", List.<Object[]>of(new Object[] {7}));
    assertTrue(refusal0(new Object[] {7L}).contains("INT"));
  }

  private String refusal0(Object[] row) {
    return assertThrows(IllegalArgumentException.class, () -> tables.append("orders", List.<Object[]>of(row))).getMessage();
  }
}
