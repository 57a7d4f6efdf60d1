package dev.sluice.engine.support;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The correctness oracle of SEMANTICS.md: Calcite runs the same SQL as a batch query over the
 * rows a stream received so far. Configured as Sluice reads SQL (backtick identifiers matched
 * case-insensitively, the default conformance, Sluice's type system so {@code AVG} over an integer
 * is {@code DOUBLE}, and the function libraries Sluice resolves names from).
 *
 * <p>Each table's rows are swapped in with {@link #setRows} before a query runs; statements are
 * prepared once per SQL text and re-executed, which keeps thousands of oracle runs cheap.
 */
public final class BatchOracle implements AutoCloseable {
  /** A column of an oracle table. */
  public record Column(String name, SqlTypeName type) {}

  private final Connection connection;
  private final Map<String, RowsTable> tables = new HashMap<>();
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  /** An oracle over tables with the given columns, keyed by table name. */
  public BatchOracle(Map<String, List<Column>> schema) {
    Properties info = new Properties();
    info.setProperty("lex", "JAVA");
    info.setProperty("caseSensitive", "false");
    info.setProperty("conformance", "DEFAULT");
    info.setProperty("fun", "standard,spark,mysql,bigquery,postgresql");
    info.setProperty("typeSystem", "dev.sluice.planner.calcite.SluiceTypeSystem#INSTANCE");
    // Timestamps have no time zone in Sluice: epoch milliseconds read as UTC wall-clock time.
    info.setProperty("timeZone", "UTC");
    try {
      connection = DriverManager.getConnection("jdbc:calcite:", info);
      SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
      for (Map.Entry<String, List<Column>> e : schema.entrySet()) {
        RowsTable table = new RowsTable(e.getValue());
        tables.put(e.getKey(), table);
        root.add(e.getKey(), table);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot open the Calcite oracle: " + e.getMessage(), e);
    }
  }

  /** The oracle for the differential tests' table {@code t (k VARCHAR, g INT, v BIGINT, d DOUBLE)}. */
  public static BatchOracle forTableT() {
    Map<String, List<Column>> schema = new LinkedHashMap<>();
    schema.put("t", List.of(new Column("k", SqlTypeName.VARCHAR), new Column("g", SqlTypeName.INTEGER),
        new Column("v", SqlTypeName.BIGINT), new Column("d", SqlTypeName.DOUBLE)));
    return new BatchOracle(schema);
  }

  /** Makes {@code rows} (in Sluice's row representation, TIMESTAMP as epoch milliseconds) the contents of {@code table}. */
  public void setRows(String table, List<Object[]> rows) {
    RowsTable t = tables.get(table);
    if (t == null) throw new IllegalArgumentException("The oracle has no table " + table);
    t.rows = List.copyOf(rows);
  }

  /**
   * The result of {@code sql} over the current rows, in Sluice's row representation: ARRAY values
   * as lists, TIMESTAMP values as epoch milliseconds.
   */
  public List<Object[]> query(String sql) {
    try {
      PreparedStatement statement = statements.get(sql);
      if (statement == null) {
        statement = connection.prepareStatement(sql);
        statements.put(sql, statement);
      }
      List<Object[]> result = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          Object[] row = new Object[columns];
          for (int c = 0; c < columns; c++) row[c] = plain(rs.getObject(c + 1));
          result.add(row);
        }
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException("The oracle could not run " + sql + ": " + e.getMessage(), e);
    }
  }

  private static Object plain(Object value) throws SQLException {
    if (value instanceof java.sql.Timestamp timestamp) return timestamp.getTime();
    if (value instanceof Array array) {
      List<Object> list = new ArrayList<>();
      for (Object element : (Object[]) array.getArray()) list.add(plain(element));
      return list;
    }
    return value;
  }

  @Override
  public void close() {
    try {
      for (PreparedStatement s : statements.values()) s.close();
      connection.close();
    } catch (SQLException e) {
      // closing an in-memory connection cannot lose anything
    }
  }

  /** A table whose rows the test replaces between queries. */
  private static final class RowsTable extends AbstractTable implements ScannableTable {
    private final List<Column> columns;
    volatile List<Object[]> rows = List.of();

    RowsTable(List<Column> columns) {
      this.columns = columns;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      RelDataTypeFactory.Builder builder = typeFactory.builder();
      for (Column c : columns) {
        builder.add(c.name(), typeFactory.createTypeWithNullability(typeFactory.createSqlType(c.type()), true));
      }
      return builder.build();
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      return Linq4j.asEnumerable(rows);
    }
  }
}
