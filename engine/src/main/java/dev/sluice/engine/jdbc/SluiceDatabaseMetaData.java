package dev.sluice.engine.jdbc;

import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.SluiceException;
import dev.sluice.planner.catalog.ColumnInfo;
import dev.sluice.planner.catalog.TableDefinition;
import dev.sluice.planner.catalog.ViewDefinition;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The catalog as JDBC tools browse it: tables (type {@code TABLE}) and views ({@code VIEW}) with
 * their columns, primary keys, the types and the functions. Sluice has no catalogs or schemas, so
 * those lists are empty and every object has NULL for both; a catalog argument of {@code ""} or
 * null and a schema pattern matching the empty string ({@code null}, {@code ""} or {@code %})
 * find them. Name patterns are SQL LIKE patterns ({@code %}, {@code _}, escaped by {@code \}),
 * matched case-insensitively as Sluice compares identifiers. What Sluice does not have
 * (procedures, foreign keys, indexes, privileges, user-defined types) is listed as empty.
 */
final class SluiceDatabaseMetaData extends DatabaseCapabilities {
  private static final DataType TEXT = DataType.varchar(DataType.NO_PRECISION);
  private static final List<DataType> TYPES = List.of(DataType.of(TypeKind.BOOLEAN), DataType.of(TypeKind.TINYINT),
      DataType.of(TypeKind.SMALLINT), DataType.of(TypeKind.INTEGER), DataType.of(TypeKind.BIGINT), DataType.of(TypeKind.FLOAT),
      DataType.of(TypeKind.DOUBLE), DataType.decimal(38, 18), TEXT, DataType.of(TypeKind.DATE), DataType.of(TypeKind.TIME),
      DataType.timestamp(3), new DataType(TypeKind.TIMESTAMP_LTZ, 3, 0, true, null, null), DataType.array(DataType.of(TypeKind.ANY)),
      DataType.of(TypeKind.MAP), DataType.row(List.of()));

  private final SluiceConnection connection;

  SluiceDatabaseMetaData(SluiceConnection connection) {
    this.connection = connection;
  }

  private SluiceEngine engine() throws SQLException {
    connection.checkOpen();
    return connection.engine();
  }

  // Tables, views, columns, keys.

  @Override
  public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types) throws SQLException {
    Set<String> wanted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    wanted.addAll(types == null ? List.of("TABLE", "VIEW") : List.of(types));
    List<Object[]> rows = new ArrayList<>();
    if (inSluicesNamespace(catalog, schemaPattern)) {
      if (wanted.contains("TABLE")) {
        for (TableDefinition t : engine().tables()) {
          if (matches(t.name(), tableNamePattern)) rows.add(tableRow(t.name(), "TABLE", "connector '" + t.connector() + "'"));
        }
      }
      if (wanted.contains("VIEW")) {
        for (ViewDefinition v : engine().views()) {
          if (matches(v.name(), tableNamePattern)) rows.add(tableRow(v.name(), "VIEW", null));
        }
      }
    }
    rows.sort(Comparator.comparing((Object[] r) -> (String) r[3]).thenComparing(r -> (String) r[2]));
    return result(rows, "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS", "TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME",
        "SELF_REFERENCING_COL_NAME", "REF_GENERATION");
  }

  private static Object[] tableRow(String name, String type, String remarks) {
    return new Object[] {null, null, name, type, remarks, null, null, null, null, null};
  }

  @Override
  public ResultSet getTableTypes() {
    return result(List.of(new Object[] {"TABLE"}, new Object[] {"VIEW"}), "TABLE_TYPE");
  }

  @Override
  public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    if (inSluicesNamespace(catalog, schemaPattern)) {
      List<String> names = new ArrayList<>();
      engine().tables().forEach(t -> names.add(t.name()));
      engine().views().forEach(v -> names.add(v.name()));
      names.sort(null);
      for (String name : names) {
        if (matches(name, tableNamePattern)) addColumns(name, columnNamePattern, rows);
      }
    }
    return result(rows, "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE:INTEGER", "TYPE_NAME", "COLUMN_SIZE:INTEGER",
        "BUFFER_LENGTH:INTEGER", "DECIMAL_DIGITS:INTEGER", "NUM_PREC_RADIX:INTEGER", "NULLABLE:INTEGER", "REMARKS", "COLUMN_DEF", "SQL_DATA_TYPE:INTEGER",
        "SQL_DATETIME_SUB:INTEGER", "CHAR_OCTET_LENGTH:INTEGER", "ORDINAL_POSITION:INTEGER", "IS_NULLABLE", "SCOPE_CATALOG", "SCOPE_SCHEMA",
        "SCOPE_TABLE", "SOURCE_DATA_TYPE:SMALLINT", "IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN");
  }

  private void addColumns(String table, String columnNamePattern, List<Object[]> rows) throws SQLException {
    Schema schema;
    try {
      schema = engine().describe(table);
    } catch (SluiceException e) {
      return; // dropped meanwhile, or a view that no longer plans: it has no columns to show
    }
    TableDefinition definition = engine().tables().stream().filter(t -> t.name().equals(table)).findFirst().orElse(null);
    for (int i = 0; i < schema.size(); i++) {
      Field field = schema.field(i);
      if (!matches(field.name(), columnNamePattern)) continue;
      DataType type = field.type();
      ColumnInfo info = definition == null ? null : definition.column(field.name());
      String remarks = info == null ? null : info.isComputed() ? "AS " + info.expression()
          : info.metadataKey() != null ? "METADATA FROM '" + info.metadataKey() + "'" : null;
      if (definition != null && definition.watermark() != null && definition.watermark().column().equalsIgnoreCase(field.name())) {
        remarks = ((remarks == null ? "" : remarks + " ") + "WATERMARK AS " + definition.watermark().expression()).trim();
      }
      boolean numeric = type.kind().isNumeric();
      boolean text = type.kind() == TypeKind.VARCHAR;
      rows.add(new Object[] {null, null, table, field.name(), JdbcTypes.sqlType(type), JdbcTypes.typeName(type), JdbcTypes.precision(type),
          null, numeric || JdbcTypes.scale(type) > 0 ? JdbcTypes.scale(type) : null, numeric ? JdbcTypes.radix(type) : null,
          type.nullable() ? columnNullable : columnNoNulls, remarks, null, null, null,
          text ? JdbcTypes.precision(type) : null, i + 1, type.nullable() ? "YES" : "NO", null, null, null, null, "NO",
          info != null && info.isComputed() ? "YES" : "NO"});
    }
  }

  @Override
  public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    if (inSluicesNamespace(catalog, schema)) {
      for (TableDefinition t : engine().tables()) {
        if (!t.name().equalsIgnoreCase(table)) continue;
        List<String> key = t.primaryKey();
        for (int i = 0; i < key.size(); i++) rows.add(new Object[] {null, null, t.name(), key.get(i), (short) (i + 1), null});
      }
    }
    rows.sort(Comparator.comparing((Object[] r) -> (String) r[3]));
    return result(rows, "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ:SMALLINT", "PK_NAME");
  }

  @Override
  public ResultSet getSchemas() {
    return result(List.of(), "TABLE_SCHEM", "TABLE_CATALOG");
  }

  @Override
  public ResultSet getSchemas(String catalog, String schemaPattern) {
    return getSchemas();
  }

  @Override
  public ResultSet getCatalogs() {
    return result(List.of(), "TABLE_CAT");
  }

  @Override
  public ResultSet getTypeInfo() {
    List<Object[]> rows = new ArrayList<>();
    for (DataType type : TYPES) {
      String prefix = switch (type.kind()) {
        case VARCHAR -> "'";
        case DATE -> "DATE '";
        case TIME -> "TIME '";
        case TIMESTAMP -> "TIMESTAMP '";
        default -> null;
      };
      String createParams = switch (type.kind()) {
        case DECIMAL -> "precision,scale";
        case VARCHAR -> "length";
        case TIMESTAMP, TIMESTAMP_LTZ -> "precision";
        default -> null;
      };
      rows.add(new Object[] {JdbcTypes.typeName(type), JdbcTypes.sqlType(type), JdbcTypes.precision(type), prefix,
          prefix == null ? null : "'", createParams, (short) typeNullable, type.kind() == TypeKind.VARCHAR, (short) typeSearchable,
          !JdbcTypes.isSigned(type), false, false, JdbcTypes.typeName(type), (short) 0, (short) JdbcTypes.scale(type), null, null,
          JdbcTypes.radix(type)});
    }
    rows.sort(Comparator.comparing((Object[] r) -> (Integer) r[1]));
    return result(rows, "TYPE_NAME", "DATA_TYPE:INTEGER", "PRECISION:INTEGER", "LITERAL_PREFIX", "LITERAL_SUFFIX", "CREATE_PARAMS",
        "NULLABLE:SMALLINT", "CASE_SENSITIVE:BOOLEAN", "SEARCHABLE:SMALLINT", "UNSIGNED_ATTRIBUTE:BOOLEAN", "FIXED_PREC_SCALE:BOOLEAN",
        "AUTO_INCREMENT:BOOLEAN", "LOCAL_TYPE_NAME", "MINIMUM_SCALE:SMALLINT", "MAXIMUM_SCALE:SMALLINT", "SQL_DATA_TYPE:INTEGER",
        "SQL_DATETIME_SUB:INTEGER", "NUM_PREC_RADIX:INTEGER");
  }

  /**
   * The functions {@code SHOW FUNCTIONS} lists, a user-defined one with its class as the remark;
   * their parameters are not described.
   */
  @Override
  public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    if (inSluicesNamespace(catalog, schemaPattern)) {
      try {
        for (List<String> row : engine().execute("SHOW FUNCTIONS").rows()) {
          String name = row.get(0);
          String remarks = row.size() > 2 && !row.get(2).isEmpty() ? row.get(2) : null;
          if (matches(name, functionNamePattern)) rows.add(new Object[] {null, null, name, remarks, (short) functionResultUnknown, name});
        }
      } catch (SluiceException e) {
        throw JdbcErrors.fromEngine(e);
      }
    }
    return result(rows, "FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "REMARKS", "FUNCTION_TYPE:SMALLINT", "SPECIFIC_NAME");
  }

  @Override
  public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern, String columnNamePattern)
      throws SQLException {
    throw JdbcErrors.notSupported("describing function parameters; SHOW FUNCTIONS lists the functions");
  }

  // What Sluice does not have: empty lists with the columns JDBC specifies.

  @Override
  public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern) {
    return result(List.of(), "PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", "RESERVED1", "RESERVED2", "RESERVED3", "REMARKS",
        "PROCEDURE_TYPE:SMALLINT", "SPECIFIC_NAME");
  }

  @Override
  public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern, String columnNamePattern) {
    return result(List.of(), "PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", "COLUMN_NAME", "COLUMN_TYPE:SMALLINT", "DATA_TYPE:INTEGER",
        "TYPE_NAME", "PRECISION:INTEGER", "LENGTH:INTEGER", "SCALE:SMALLINT", "RADIX:SMALLINT", "NULLABLE:SMALLINT", "REMARKS", "COLUMN_DEF",
        "SQL_DATA_TYPE:INTEGER", "SQL_DATETIME_SUB:INTEGER", "CHAR_OCTET_LENGTH:INTEGER", "ORDINAL_POSITION:INTEGER", "IS_NULLABLE", "SPECIFIC_NAME");
  }

  @Override
  public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern) {
    return result(List.of(), "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "GRANTOR", "GRANTEE", "PRIVILEGE", "IS_GRANTABLE");
  }

  @Override
  public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern) {
    return result(List.of(), "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "GRANTOR", "GRANTEE", "PRIVILEGE", "IS_GRANTABLE");
  }

  @Override
  public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable) {
    return result(List.of(), "SCOPE:SMALLINT", "COLUMN_NAME", "DATA_TYPE:INTEGER", "TYPE_NAME", "COLUMN_SIZE:INTEGER", "BUFFER_LENGTH:INTEGER",
        "DECIMAL_DIGITS:SMALLINT", "PSEUDO_COLUMN:SMALLINT");
  }

  @Override
  public ResultSet getVersionColumns(String catalog, String schema, String table) {
    return result(List.of(), "SCOPE:SMALLINT", "COLUMN_NAME", "DATA_TYPE:INTEGER", "TYPE_NAME", "COLUMN_SIZE:INTEGER", "BUFFER_LENGTH:INTEGER",
        "DECIMAL_DIGITS:SMALLINT", "PSEUDO_COLUMN:SMALLINT");
  }

  @Override
  public ResultSet getImportedKeys(String catalog, String schema, String table) {
    return foreignKeys();
  }

  @Override
  public ResultSet getExportedKeys(String catalog, String schema, String table) {
    return foreignKeys();
  }

  @Override
  public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable, String foreignCatalog,
      String foreignSchema, String foreignTable) {
    return foreignKeys();
  }

  private static ResultSet foreignKeys() {
    return result(List.of(), "PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_CAT", "FKTABLE_SCHEM",
        "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ:SMALLINT", "UPDATE_RULE:SMALLINT", "DELETE_RULE:SMALLINT", "FK_NAME", "PK_NAME",
        "DEFERRABILITY:SMALLINT");
  }

  @Override
  public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate) {
    return result(List.of(), "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "NON_UNIQUE:BOOLEAN", "INDEX_QUALIFIER", "INDEX_NAME",
        "TYPE:SMALLINT", "ORDINAL_POSITION:SMALLINT", "COLUMN_NAME", "ASC_OR_DESC", "CARDINALITY:BIGINT", "PAGES:BIGINT", "FILTER_CONDITION");
  }

  @Override
  public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types) {
    return result(List.of(), "TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "CLASS_NAME", "DATA_TYPE:INTEGER", "REMARKS", "BASE_TYPE:SMALLINT");
  }

  @Override
  public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern) {
    return result(List.of(), "TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "SUPERTYPE_CAT", "SUPERTYPE_SCHEM", "SUPERTYPE_NAME");
  }

  @Override
  public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern) {
    return result(List.of(), "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "SUPERTABLE_NAME");
  }

  @Override
  public ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern, String attributeNamePattern) {
    return result(List.of(), "TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "ATTR_NAME", "DATA_TYPE:INTEGER", "ATTR_TYPE_NAME", "ATTR_SIZE:INTEGER",
        "DECIMAL_DIGITS:INTEGER", "NUM_PREC_RADIX:INTEGER", "NULLABLE:INTEGER", "REMARKS", "ATTR_DEF", "SQL_DATA_TYPE:INTEGER", "SQL_DATETIME_SUB:INTEGER",
        "CHAR_OCTET_LENGTH:INTEGER", "ORDINAL_POSITION:INTEGER", "IS_NULLABLE", "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_TABLE",
        "SOURCE_DATA_TYPE:SMALLINT");
  }

  @Override
  public ResultSet getClientInfoProperties() {
    return result(List.of(), "NAME", "MAX_LEN:INTEGER", "DEFAULT_VALUE", "DESCRIPTION");
  }

  @Override
  public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern) {
    return result(List.of(), "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE:INTEGER", "COLUMN_SIZE:INTEGER",
        "DECIMAL_DIGITS:INTEGER", "NUM_PREC_RADIX:INTEGER", "COLUMN_USAGE", "REMARKS", "CHAR_OCTET_LENGTH:INTEGER", "IS_NULLABLE");
  }

  // Names and versions.

  @Override
  public String getURL() {
    return connection.url();
  }

  /** An embedded engine has no users. */
  @Override
  public String getUserName() {
    return "";
  }

  @Override
  public String getDatabaseProductName() {
    return "Sluice";
  }

  @Override
  public String getDatabaseProductVersion() {
    return SluiceDriver.version();
  }

  @Override
  public int getDatabaseMajorVersion() {
    return SluiceDriver.versionPart(1);
  }

  @Override
  public int getDatabaseMinorVersion() {
    return SluiceDriver.versionPart(2);
  }

  @Override
  public String getDriverName() {
    return "Sluice JDBC driver";
  }

  @Override
  public String getDriverVersion() {
    return SluiceDriver.version();
  }

  @Override
  public int getDriverMajorVersion() {
    return SluiceDriver.versionPart(1);
  }

  @Override
  public int getDriverMinorVersion() {
    return SluiceDriver.versionPart(2);
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) return iface.cast(this);
    throw new SQLException("Not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  // Helpers.

  /** Whether a catalog and schema (pattern) select Sluice's objects, which have neither. */
  private static boolean inSluicesNamespace(String catalog, String schemaPattern) {
    return (catalog == null || catalog.isEmpty()) && (schemaPattern == null || matches("", schemaPattern));
  }

  /** Whether {@code name} matches the LIKE {@code pattern} ({@code %}, {@code _}, {@code \} escapes), ignoring case; null matches all. */
  static boolean matches(String name, String pattern) {
    if (pattern == null) return true;
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      else if (c == '%') regex.append(".*");
      else if (c == '_') regex.append('.');
      else regex.append(Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL).matcher(name).matches();
  }

  /** A result of the given columns, each {@code NAME} (VARCHAR) or {@code NAME:TYPE}. */
  private static ResultSet result(List<Object[]> rows, String... columns) {
    List<Field> fields = new ArrayList<>();
    for (String column : columns) {
      int colon = column.indexOf(':');
      DataType type = colon < 0 ? TEXT : DataType.of(TypeKind.valueOf(column.substring(colon + 1).toUpperCase(Locale.ROOT)));
      fields.add(new Field(colon < 0 ? column : column.substring(0, colon), type));
    }
    return new RowListResultSet(new Schema(fields), rows, null);
  }
}
