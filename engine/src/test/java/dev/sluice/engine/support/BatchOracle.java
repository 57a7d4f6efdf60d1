package dev.sluice.engine.support;

import dev.sluice.planner.calcite.FlinkFunctions;
import dev.sluice.planner.calcite.SluiceOperatorTable;
import dev.sluice.planner.calcite.SluiceTypeSystem;
import dev.sluice.planner.calcite.WindowTableFunctions;
import dev.sluice.planner.catalog.ColumnInfo;
import dev.sluice.planner.catalog.TableDefinition;
import dev.sluice.planner.catalog.ViewDefinition;
import dev.sluice.sql.SluiceDialect;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;
import org.apache.calcite.tools.RelRunner;

/**
 * The correctness oracle of SEMANTICS.md: Calcite runs the same SQL as a batch query over the
 * rows a stream received so far. Configured as Sluice reads SQL: Sluice's parser settings
 * (backtick identifiers matched case-insensitively), its type system (so {@code AVG} over an
 * integer is {@code DOUBLE}) and its functions, each name resolved as Sluice resolves it (so {@code DATE_FORMAT} is Flink's, with Java patterns, not
 * MySQL's). Only the window table functions are Calcite's own, because Calcite's batch engine
 * implements those and not Sluice's (which add {@code window_time}, a column no oracle query
 * reads). Everything else (scans, joins, windows, aggregates, ranking) is Calcite's enumerable
 * engine.
 *
 * <p>Tables hold rows in Sluice's representation (TIMESTAMP as epoch milliseconds, a ROW as an
 * {@code Object[]}); each table's rows are swapped in with {@link #setRows} before a query runs.
 * Statements are prepared once per SQL text and re-executed, which keeps thousands of oracle runs
 * cheap.
 */
public final class BatchOracle implements AutoCloseable {
  /** A column of an oracle table. */
  public record Column(String name, SqlTypeName type) {}

  private final Connection connection;
  private final SchemaPlus root;
  private final FrameworkConfig config;
  private final Map<String, RowsTable> tables = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final Map<String, PreparedStatement> statements = new LinkedHashMap<>();

  /** An oracle over tables with the given columns, keyed by table name. */
  public BatchOracle(Map<String, List<Column>> schema) {
    this();
    for (Map.Entry<String, List<Column>> e : schema.entrySet()) addTable(e.getKey(), rowType(e.getValue()));
  }

  private BatchOracle() {
    Properties info = new Properties();
    info.setProperty("typeSystem", SluiceTypeSystem.class.getName() + "#INSTANCE");
    // Timestamps have no time zone in Sluice: epoch milliseconds read as UTC wall-clock time.
    info.setProperty("timeZone", "UTC");
    try {
      connection = DriverManager.getConnection("jdbc:calcite:", info);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot open the Calcite oracle: " + e.getMessage(), e);
    }
    try {
      root = connection.unwrap(CalciteConnection.class).getRootSchema();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    FlinkFunctions.register(root);
    config =
        Frameworks.newConfigBuilder()
            .parserConfig(SluiceDialect.parserConfig())
            .defaultSchema(root)
            .operatorTable(new WithCalciteWindowFunctions(SluiceOperatorTable.instance()))
            .typeSystem(SluiceTypeSystem.INSTANCE)
            // Implicit casts stay on, unlike in Sluice: a query Sluice accepts needs none, but Calcite's
            // batch engine relies on the casts they add to give the branches of a UNION one type.
            .build();
  }

  /** An oracle declared piece by piece: tables, tables as Sluice's catalog declares them, views and functions. */
  public static Builder builder() {
    return new Builder();
  }

  /** The oracle for the differential tests' table {@code t (k VARCHAR, g INT, v BIGINT, d DOUBLE)}. */
  public static BatchOracle forTableT() {
    Map<String, List<Column>> schema = new LinkedHashMap<>();
    schema.put("t", List.of(new Column("k", SqlTypeName.VARCHAR), new Column("g", SqlTypeName.INTEGER),
        new Column("v", SqlTypeName.BIGINT), new Column("d", SqlTypeName.DOUBLE)));
    return new BatchOracle(schema);
  }

  private static RelProtoDataType rowType(List<Column> columns) {
    return typeFactory -> {
      RelDataTypeFactory.Builder builder = typeFactory.builder();
      for (Column c : columns) {
        builder.add(c.name(), typeFactory.createTypeWithNullability(typeFactory.createSqlType(c.type()), true));
      }
      return builder.build();
    };
  }

  private void addTable(String name, RelProtoDataType rowType) {
    RowsTable table = new RowsTable(rowType);
    tables.put(name, table);
    root.add(name, table);
  }

  /**
   * Declares {@code definition} as Sluice's catalog holds it: its stored columns are a table whose
   * rows {@link #setRows} sets, and its computed columns are computed by Calcite from the
   * expressions in the DDL, through a view of the table's name over the stored columns.
   */
  private void addDeclaredTable(TableDefinition definition) {
    List<ColumnInfo> stored = definition.storedColumns();
    RelProtoDataType storedType = typeFactory -> {
      RelDataTypeFactory.Builder builder = typeFactory.builder();
      for (ColumnInfo c : stored) builder.add(c.name(), typeFactory.copyType(c.type()));
      return builder.build();
    };
    if (!definition.hasComputedColumns()) {
      addTable(definition.name(), storedType);
      return;
    }
    String storedName = definition.name() + "$stored";
    RowsTable table = new RowsTable(storedType);
    tables.put(definition.name(), table);
    root.add(storedName, table);
    List<String> select = new ArrayList<>();
    for (ColumnInfo c : definition.columns()) {
      select.add(c.isComputed() ? "(" + c.expression() + ") AS " + quote(c.name()) : quote(c.name()));
    }
    addView(definition.name(), "SELECT " + String.join(", ", select) + " FROM " + quote(storedName));
  }

  /** Declares a view; its columns are those Calcite validates its query to. */
  private void addView(String name, String sql) {
    Planner planner = Frameworks.getPlanner(config);
    try {
      RelDataType rowType = planner.validateAndGetType(planner.parse(sql)).right;
      root.add(name, new View(name, sql, rowType));
    } catch (Exception e) {
      throw new IllegalStateException("The oracle cannot declare view " + name + " as " + sql + ": " + e.getMessage(), e);
    } finally {
      planner.close();
    }
  }

  private static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** Makes {@code rows} (in Sluice's row representation, TIMESTAMP as epoch milliseconds) the contents of {@code table}. */
  public void setRows(String table, List<Object[]> rows) {
    table(table).rows = List.copyOf(rows);
  }

  private RowsTable table(String name) {
    RowsTable t = tables.get(name);
    if (t == null) throw new IllegalArgumentException("The oracle has no table " + name);
    return t;
  }

  /**
   * The result of {@code sql} over the current rows, in Sluice's row representation: ARRAY values
   * as lists, TIMESTAMP values as epoch milliseconds.
   */
  public List<Object[]> query(String sql) {
    try {
      PreparedStatement statement = statements.get(sql);
      if (statement == null) {
        statement = prepare(sql);
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

  /** Parses and validates {@code sql} as Sluice does, then hands the logical plan to Calcite's batch engine. */
  private PreparedStatement prepare(String sql) throws SQLException {
    Planner planner = Frameworks.getPlanner(config);
    try {
      RelNode rel = planner.rel(planner.validate(planner.parse(sql))).project();
      return connection.unwrap(RelRunner.class).prepareStatement(rel);
    } catch (SQLException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("The oracle could not prepare " + sql + ": " + e.getMessage(), e);
    } finally {
      planner.close();
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

  /** Declarations of an oracle, made in order: a view may read the tables and views before it. */
  public static final class Builder {
    private final List<java.util.function.Consumer<BatchOracle>> declarations = new ArrayList<>();

    private Builder() {}

    /** A table with the given columns, all nullable. */
    public Builder table(String name, List<Column> columns) {
      declarations.add(oracle -> oracle.addTable(name, rowType(columns)));
      return this;
    }

    /** A table of any row type, nested ROW columns among them. */
    public Builder table(String name, RelProtoDataType rowType) {
      declarations.add(oracle -> oracle.addTable(name, rowType));
      return this;
    }

    /**
     * A table as Sluice's catalog declares it: stored columns hold the rows {@link #setRows} sets;
     * computed columns are computed from the DDL's expressions.
     */
    public Builder table(TableDefinition definition) {
      declarations.add(oracle -> oracle.addDeclaredTable(definition));
      return this;
    }

    /** A view, expanded where queries use it. */
    public Builder view(String name, String sql) {
      declarations.add(oracle -> oracle.addView(name, sql));
      return this;
    }

    /** The tables and views of Sluice's catalog, in the order they were declared. */
    public Builder catalog(List<TableDefinition> tables, List<ViewDefinition> views) {
      for (TableDefinition t : tables) table(t);
      for (ViewDefinition v : views) view(v.name(), v.sql());
      return this;
    }

    /** A function queries call by {@code name}, such as {@code ScalarFunctionImpl.create(SomeClass.class, "eval")}. */
    public Builder function(String name, Function function) {
      declarations.add(oracle -> oracle.root.add(name, function));
      return this;
    }

    public BatchOracle build() {
      BatchOracle oracle = new BatchOracle();
      try {
        for (var declaration : declarations) declaration.accept(oracle);
      } catch (RuntimeException e) {
        oracle.close();
        throw e;
      }
      return oracle;
    }
  }

  /** A table whose rows the test replaces between queries. */
  private static final class RowsTable extends AbstractTable implements ScannableTable {
    private final RelProtoDataType rowType;
    volatile List<Object[]> rows = List.of();

    RowsTable(RelProtoDataType rowType) {
      this.rowType = rowType;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      return rowType.apply(typeFactory);
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      return Linq4j.asEnumerable(rows);
    }
  }

  /** A view, expanded by Calcite wherever a query reads it. */
  private static final class View extends AbstractTable implements TranslatableTable {
    private final String name;
    private final String sql;
    private final RelDataType rowType;

    View(String name, String sql, RelDataType rowType) {
      this.name = name;
      this.sql = sql;
      this.rowType = rowType;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      return typeFactory.copyType(rowType);
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable table) {
      return context.expandView(table.getRowType(), sql, List.of(), List.of(name)).project();
    }
  }

  /**
   * Sluice's operator table with Calcite's own TUMBLE, HOP and SESSION table functions in place of
   * Sluice's, because Calcite's batch engine implements only its own.
   */
  private static final class WithCalciteWindowFunctions implements SqlOperatorTable {
    private final SqlOperatorTable sluice;

    WithCalciteWindowFunctions(SqlOperatorTable sluice) {
      this.sluice = sluice;
    }

    private static SqlOperator calcites(SqlOperator op) {
      if (op == WindowTableFunctions.TUMBLE) return SqlStdOperatorTable.TUMBLE;
      if (op == WindowTableFunctions.HOP) return SqlStdOperatorTable.HOP;
      if (op == WindowTableFunctions.SESSION) return SqlStdOperatorTable.SESSION;
      return op;
    }

    @Override
    public void lookupOperatorOverloads(SqlIdentifier name, SqlFunctionCategory category, SqlSyntax syntax, List<SqlOperator> operators,
        SqlNameMatcher nameMatcher) {
      List<SqlOperator> found = new ArrayList<>();
      sluice.lookupOperatorOverloads(name, category, syntax, found, nameMatcher);
      for (SqlOperator op : found) operators.add(calcites(op));
    }

    @Override
    public List<SqlOperator> getOperatorList() {
      return sluice.getOperatorList().stream().map(WithCalciteWindowFunctions::calcites).toList();
    }
  }
}
