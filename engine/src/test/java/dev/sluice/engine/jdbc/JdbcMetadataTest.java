package dev.sluice.engine.jdbc;

import static dev.sluice.engine.jdbc.JdbcTables.FIVE_NUMBERS;
import static dev.sluice.engine.jdbc.JdbcTables.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** DatabaseMetaData over the catalog, and ResultSetMetaData and values of a query's result. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdbcMetadataTest {
  private static final String ORDERS = """
      CREATE TABLE orders (
        id BIGINT NOT NULL, customer VARCHAR, amount DECIMAL(10, 2), ts TIMESTAMP(3), doubled AS amount * 2,
        WATERMARK FOR ts AS ts - INTERVAL '5' SECOND, PRIMARY KEY (id) NOT ENFORCED
      ) WITH ('connector' = 'memory')""";
  private static final String BIG_ORDERS = "CREATE VIEW big_orders AS SELECT id, amount FROM orders WHERE amount > 100";

  private static List<String> column(ResultSet rows, String label) throws SQLException {
    List<String> values = new ArrayList<>();
    while (rows.next()) values.add(rows.getString(label));
    rows.close();
    return values;
  }

  @Test
  void getTablesListsTablesAndViewsByPatternAndType() throws SQLException {
    try (Connection connection = connect(ORDERS, BIG_ORDERS)) {
      DatabaseMetaData meta = connection.getMetaData();
      try (ResultSet all = meta.getTables(null, null, "%", null)) {
        assertTrue(all.next());
        assertEquals("orders", all.getString("TABLE_NAME"));
        assertEquals("TABLE", all.getString("TABLE_TYPE"));
        assertNull(all.getString("TABLE_CAT"));
        assertNull(all.getString("TABLE_SCHEM"));
        assertTrue(all.next());
        assertEquals("big_orders", all.getString("TABLE_NAME"));
        assertEquals("VIEW", all.getString("TABLE_TYPE"));
        assertFalse(all.next());
      }
      assertEquals(List.of("orders"), column(meta.getTables(null, null, "ORD%", new String[] {"TABLE"}), "TABLE_NAME"));
      assertEquals(List.of("big_orders"), column(meta.getTables("", "%", "big\\_orders", new String[] {"VIEW"}), "TABLE_NAME"));
      assertEquals(List.of(), column(meta.getTables(null, null, "big_orders", new String[] {"TABLE"}), "TABLE_NAME"));
      assertEquals(List.of(), column(meta.getTables("sluice", null, null, null), "TABLE_NAME"), "Sluice has no catalogs");
      assertEquals(List.of("TABLE", "VIEW"), column(meta.getTableTypes(), "TABLE_TYPE"));
      assertEquals(List.of(), column(meta.getSchemas(), "TABLE_SCHEM"));
      assertEquals(List.of(), column(meta.getCatalogs(), "TABLE_CAT"));
    }
  }

  @Test
  void getColumnsDescribesEachColumnWithItsJdbcType() throws SQLException {
    try (Connection connection = connect(ORDERS, BIG_ORDERS)) {
      DatabaseMetaData meta = connection.getMetaData();
      try (ResultSet columns = meta.getColumns(null, null, "orders", null)) {
        assertTrue(columns.next());
        assertEquals("id", columns.getString("COLUMN_NAME"));
        assertEquals(Types.BIGINT, columns.getInt("DATA_TYPE"));
        assertEquals("BIGINT", columns.getString("TYPE_NAME"));
        assertEquals(DatabaseMetaData.columnNoNulls, columns.getInt("NULLABLE"));
        assertEquals("NO", columns.getString("IS_NULLABLE"));
        assertEquals(1, columns.getInt("ORDINAL_POSITION"));
        assertTrue(columns.next());
        assertEquals("customer", columns.getString("COLUMN_NAME"));
        assertEquals(Types.VARCHAR, columns.getInt("DATA_TYPE"));
        assertEquals("YES", columns.getString("IS_NULLABLE"));
        assertTrue(columns.next());
        assertEquals("amount", columns.getString("COLUMN_NAME"));
        assertEquals(Types.DECIMAL, columns.getInt("DATA_TYPE"));
        assertEquals(10, columns.getInt("COLUMN_SIZE"));
        assertEquals(2, columns.getInt("DECIMAL_DIGITS"));
        assertTrue(columns.next());
        assertEquals("ts", columns.getString("COLUMN_NAME"));
        assertEquals(Types.TIMESTAMP, columns.getInt("DATA_TYPE"));
        assertTrue(columns.getString("REMARKS").contains("WATERMARK"), columns.getString("REMARKS"));
        assertTrue(columns.next());
        assertEquals("doubled", columns.getString("COLUMN_NAME"));
        assertEquals("YES", columns.getString("IS_GENERATEDCOLUMN"));
        assertEquals(5, columns.getInt("ORDINAL_POSITION"));
        assertFalse(columns.next());
      }
      assertEquals(List.of("amount"), column(meta.getColumns(null, null, "BIG_ORDERS", "am%"), "COLUMN_NAME"));
      assertEquals(List.of("id"), column(meta.getPrimaryKeys(null, null, "orders"), "COLUMN_NAME"));
      assertEquals(List.of(), column(meta.getImportedKeys(null, null, "orders"), "FKCOLUMN_NAME"));
    }
  }

  @Test
  void theDatabaseNamesItselfAndItsTypes() throws SQLException {
    try (Connection connection = connect()) {
      DatabaseMetaData meta = connection.getMetaData();
      assertEquals("Sluice", meta.getDatabaseProductName());
      assertFalse(meta.getDatabaseProductVersion().isEmpty());
      assertEquals("Sluice JDBC driver", meta.getDriverName());
      assertEquals("jdbc:sluice:", meta.getURL());
      assertEquals("`", meta.getIdentifierQuoteString());
      assertFalse(meta.supportsTransactions());
      assertEquals(Connection.TRANSACTION_NONE, meta.getDefaultTransactionIsolation());
      assertTrue(meta.supportsResultSetType(ResultSet.TYPE_FORWARD_ONLY));
      assertFalse(meta.supportsResultSetType(ResultSet.TYPE_SCROLL_INSENSITIVE));
      List<String> types = column(meta.getTypeInfo(), "TYPE_NAME");
      assertTrue(types.containsAll(List.of("BOOLEAN", "INT", "BIGINT", "DECIMAL", "VARCHAR", "DATE", "TIMESTAMP", "TIMESTAMP_LTZ")), types.toString());
      assertTrue(column(meta.getFunctions(null, null, "UPPER"), "FUNCTION_NAME").contains("UPPER"));
    }
  }

  /**
   * A TIMESTAMP has no time zone: it reads as the same wall-clock time whatever the JVM's zone,
   * through getTimestamp, getObject and getObject(LocalDateTime.class); a Calendar says in which
   * zone that wall-clock time is meant.
   */
  @Test
  void resultColumnsHaveTheirNamesTypesAndValues() throws SQLException {
    TimeZone original = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Auckland"));
    try (Connection connection = connect(FIVE_NUMBERS, "SET 'trigger' = 'available-now'");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("""
            SELECT id, CAST(id AS INT) AS i, CAST(id AS DECIMAL(10, 2)) AS d, CAST(id AS DOUBLE) AS x, id > 2 AS big,
                   TIMESTAMP '2024-05-01 12:00:00.123' AS t, DATE '2024-05-01' AS the_day, CAST(NULL AS VARCHAR) AS nothing
            FROM numbers WHERE id = 3""")) {
      ResultSetMetaData columns = rows.getMetaData();
      assertEquals(8, columns.getColumnCount());
      int[] types = {Types.BIGINT, Types.INTEGER, Types.DECIMAL, Types.DOUBLE, Types.BOOLEAN, Types.TIMESTAMP, Types.DATE, Types.VARCHAR};
      for (int c = 1; c <= types.length; c++) assertEquals(types[c - 1], columns.getColumnType(c), columns.getColumnName(c));
      assertEquals("DECIMAL", columns.getColumnTypeName(3));
      assertEquals(10, columns.getPrecision(3));
      assertEquals(2, columns.getScale(3));
      assertEquals(Timestamp.class.getName(), columns.getColumnClassName(6));
      assertTrue(rows.next());
      assertEquals(3L, rows.getObject(1));
      assertEquals(3, rows.getInt("i"));
      assertEquals(new BigDecimal("3.00"), rows.getBigDecimal("d"));
      assertEquals(3.0, rows.getDouble("x"));
      assertTrue(rows.getBoolean("big"));
      assertEquals("2024-05-01 12:00:00.123", rows.getTimestamp("t").toString());
      assertInstanceOf(Timestamp.class, rows.getObject("t"));
      assertEquals(Timestamp.valueOf("2024-05-01 12:00:00.123"), rows.getObject("t"));
      assertEquals(LocalDateTime.of(2024, 5, 1, 12, 0, 0, 123_000_000), rows.getObject("t", LocalDateTime.class));
      assertEquals("2024-05-01 12:00:00.123", rows.getString("t"));
      Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
      assertEquals(1714564800123L, rows.getTimestamp("t", utc).getTime());
      assertEquals(Date.valueOf("2024-05-01"), rows.getDate("the_day"));
      assertEquals(LocalDate.of(2024, 5, 1), rows.getObject("the_day", LocalDate.class));
      assertNull(rows.getString("nothing"));
      assertTrue(rows.wasNull());
      assertEquals(0, rows.getInt("nothing"));
      assertFalse(rows.next());
    } finally {
      TimeZone.setDefault(original);
    }
  }
}
