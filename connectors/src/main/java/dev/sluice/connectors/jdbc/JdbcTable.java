package dev.sluice.connectors.jdbc;

import dev.sluice.runtime.type.Schema;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sink's table as the database knows it: its quoted name, the database spelling of each sink
 * column, and its primary key (the one declared in Sluice's DDL, else the database's own), with
 * the statements the sink runs against it.
 */
final class JdbcTable {
  final String qualifiedName;
  /** The quoted database column of each sink column, in sink column order. */
  final List<String> columns;
  /** Positions, in sink column order, of the primary key columns; empty when there is none. */
  final int[] primaryKey;

  private JdbcTable(String qualifiedName, List<String> columns, int[] primaryKey) {
    this.qualifiedName = qualifiedName;
    this.columns = List.copyOf(columns);
    this.primaryKey = primaryKey;
  }

  /**
   * Looks {@code tableName} up in the database and matches {@code schema}'s columns to its columns.
   *
   * @param declaredKey the sink table's PRIMARY KEY in Sluice's DDL, empty to use the database's
   * @throws IllegalArgumentException naming what is missing
   */
  static JdbcTable resolve(Connection connection, String sinkTable, String tableName, Schema schema, List<String> declaredKey)
      throws SQLException {
    DatabaseMetaData metadata = connection.getMetaData();
    String quote = metadata.getIdentifierQuoteString().trim();
    String[] found = find(metadata, tableName);
    if (found == null) {
      throw new IllegalArgumentException(
          "JDBC table '" + sinkTable + "': the database has no table '" + tableName + "' ('table-name'). Create it first; Sluice"
              + " writes to an existing table");
    }
    Map<String, String> databaseColumns = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    try (ResultSet rs = metadata.getColumns(found[0], found[1], escape(metadata, found[2]), null)) {
      while (rs.next()) {
        if (found[2].equals(rs.getString("TABLE_NAME"))) databaseColumns.put(rs.getString("COLUMN_NAME"), rs.getString("COLUMN_NAME"));
      }
    }
    List<String> columns = new ArrayList<>();
    for (String name : schema.names()) {
      String column = databaseColumns.get(name);
      if (column == null) {
        throw new IllegalArgumentException(
            "JDBC table '" + sinkTable + "': column '" + name + "' is not a column of database table '" + tableName + "', which has "
                + String.join(", ", databaseColumns.values()));
      }
      columns.add(quote(column, quote));
    }
    List<String> keyNames = new ArrayList<>(declaredKey);
    if (keyNames.isEmpty()) {
      Map<Short, String> byPosition = new TreeMap<>();
      try (ResultSet rs = metadata.getPrimaryKeys(found[0], found[1], found[2])) {
        while (rs.next()) byPosition.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
      }
      keyNames.addAll(byPosition.values());
    }
    int[] key = new int[keyNames.size()];
    for (int k = 0; k < key.length; k++) {
      key[k] = schema.indexOf(keyNames.get(k));
      if (key[k] < 0) {
        throw new IllegalArgumentException(
            "JDBC table '" + sinkTable + "': primary key column '" + keyNames.get(k) + "' is not a column of the sink table "
                + schema);
      }
    }
    String qualified = (found[1] == null ? "" : quote(found[1], quote) + ".") + quote(found[2], quote);
    return new JdbcTable(qualified, columns, key);
  }

  /** {catalog, schema, table} of the table named {@code name} ({@code table} or {@code schema.table}), or null. */
  private static String[] find(DatabaseMetaData metadata, String name) throws SQLException {
    String schemaName = null;
    String table = name.trim();
    int dot = table.indexOf('.');
    if (dot > 0) {
      schemaName = table.substring(0, dot);
      table = table.substring(dot + 1);
    }
    for (String[] candidate : spellings(schemaName, table)) {
      String schemaPattern = candidate[0] == null ? null : escape(metadata, candidate[0]);
      try (ResultSet rs = metadata.getTables(null, schemaPattern, escape(metadata, candidate[1]), null)) {
        while (rs.next()) {
          if (candidate[1].equals(rs.getString("TABLE_NAME"))) {
            return new String[] {rs.getString("TABLE_CAT"), rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME")};
          }
        }
      }
    }
    return null;
  }

  /** The spellings a database may keep an unquoted name in: as written, lower case, upper case. */
  private static List<String[]> spellings(String schemaName, String table) {
    Map<String, String[]> spellings = new LinkedHashMap<>();
    for (int i = 0; i < 3; i++) {
      String s = schemaName == null ? null : i == 0 ? schemaName : i == 1 ? schemaName.toLowerCase(Locale.ROOT) : schemaName.toUpperCase(Locale.ROOT);
      String t = i == 0 ? table : i == 1 ? table.toLowerCase(Locale.ROOT) : table.toUpperCase(Locale.ROOT);
      spellings.put(s + "\u0000" + t, new String[] {s, t});
    }
    return List.copyOf(spellings.values());
  }

  private static String escape(DatabaseMetaData metadata, String name) throws SQLException {
    String escape = metadata.getSearchStringEscape();
    if (escape == null || escape.isEmpty()) return name;
    return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
  }

  static String quote(String identifier, String quote) {
    if (quote.isEmpty()) return identifier;
    return quote + identifier.replace(quote, quote + quote) + quote;
  }

  String insert() {
    return "INSERT INTO " + qualifiedName + " (" + String.join(", ", columns) + ") VALUES (" + placeholders(columns.size()) + ")";
  }

  /** PostgreSQL's upsert: insert, or on a primary key conflict set every other column. */
  String upsert() {
    List<String> keyColumns = new ArrayList<>();
    for (int k : primaryKey) keyColumns.add(columns.get(k));
    List<String> updates = new ArrayList<>();
    for (String column : columns) {
      if (!keyColumns.contains(column)) updates.add(column + " = EXCLUDED." + column);
    }
    return insert() + " ON CONFLICT (" + String.join(", ", keyColumns) + ") "
        + (updates.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + String.join(", ", updates));
  }

  String deleteByKey() {
    List<String> conditions = new ArrayList<>();
    for (int k : primaryKey) conditions.add(columns.get(k) + " = ?");
    return "DELETE FROM " + qualifiedName + " WHERE " + String.join(" AND ", conditions);
  }

  String deleteAll() {
    return "DELETE FROM " + qualifiedName;
  }

  private static String placeholders(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) sb.append(i == 0 ? "?" : ", ?");
    return sb.toString();
  }
}
