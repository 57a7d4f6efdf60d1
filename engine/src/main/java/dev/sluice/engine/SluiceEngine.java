package dev.sluice.engine;

import dev.sluice.connectors.format.DeadLetterTable;
import dev.sluice.connectors.memory.MemoryConnectorFactory;
import dev.sluice.connectors.memory.MemoryTables;
import dev.sluice.engine.internal.BuiltInTables;
import dev.sluice.engine.internal.ConnectorRegistry;
import dev.sluice.engine.internal.LateRowsTable;
import dev.sluice.engine.internal.ListenerSink;
import dev.sluice.engine.internal.StatementThread;
import dev.sluice.planner.ExplainWriter;
import dev.sluice.planner.NameSuggestions;
import dev.sluice.planner.PlannedQuery;
import dev.sluice.planner.PlanningException;
import dev.sluice.planner.QueryPlanner;
import dev.sluice.planner.calcite.SluiceOperatorTable;
import dev.sluice.planner.calcite.TypeMapping;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.ColumnInfo;
import dev.sluice.planner.catalog.FunctionDefinition;
import dev.sluice.planner.catalog.FunctionDefinitions;
import dev.sluice.planner.catalog.TableDefinition;
import dev.sluice.planner.catalog.TableDefinitions;
import dev.sluice.planner.catalog.ViewDefinition;
import dev.sluice.planner.physical.PhysicalNode;
import dev.sluice.runtime.checkpoint.CheckpointOptions;
import dev.sluice.runtime.checkpoint.CheckpointStore;
import dev.sluice.runtime.exec.MicroBatchExecutor;
import dev.sluice.runtime.exec.QueryExecution;
import dev.sluice.runtime.graph.QueryGraph;
import dev.sluice.runtime.operator.LateRowHandler;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.ConnectorServices;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.spi.Sink;
import dev.sluice.runtime.spi.Source;
import dev.sluice.runtime.spi.TableContext;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.sql.NestingLimit;
import dev.sluice.sql.StatementParser;
import dev.sluice.sql.SqlSyntaxException;
import dev.sluice.sql.ast.CreateFunction;
import dev.sluice.sql.ast.CreateTable;
import dev.sluice.sql.ast.CreateView;
import dev.sluice.sql.ast.Describe;
import dev.sluice.sql.ast.DropObject;
import dev.sluice.sql.ast.Explain;
import dev.sluice.sql.ast.Insert;
import dev.sluice.sql.ast.ObjectKind;
import dev.sluice.sql.ast.Query;
import dev.sluice.sql.ast.QueryText;
import dev.sluice.sql.ast.ResetOption;
import dev.sluice.sql.ast.SetOption;
import dev.sluice.sql.ast.Show;
import dev.sluice.sql.ast.SourcePosition;
import dev.sluice.sql.ast.Statement;
import dev.sluice.sql.ast.StopQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embedded Sluice engine: a catalog of tables, views and user-defined functions, session
 * settings, and the continuous queries running over them. Open one, execute statements, start
 * queries:
 *
 * <pre>{@code
 * try (SluiceEngine engine = SluiceEngine.open()) {
 *   engine.execute("CREATE TABLE words (word VARCHAR) WITH ('connector' = 'memory')");
 *   StreamingQuery q = engine.query("SELECT word, COUNT(*) AS cnt FROM words GROUP BY word")
 *       .onBatch((batch, rows) -> System.out.println(rows))
 *       .start();
 *   engine.memoryTables().append("words", List.of(new Object[] {"cat"}));
 *   q.processAllAvailable();
 * }
 * }</pre>
 *
 * The class a {@code CREATE FUNCTION} names is loaded with the context class loader of the thread
 * running the statement, or with the class loader of Sluice itself when that one lacks it.
 *
 * <p>Thread-safe; queries run on their own threads.
 */
public final class SluiceEngine implements AutoCloseable {
  /** The source option naming the memory table that malformed records go to. */
  private static final String DEAD_LETTER_TABLE = "dead-letter.table";
  /** Rows a bare SELECT's result buffer holds before its query waits for the reader. */
  private static final int RESULT_BUFFER_ROWS = 10_000;

  private final Catalog catalog = new Catalog();
  private final QueryPlanner planner = new QueryPlanner(catalog);
  private final Settings settings = new Settings();
  private final ConnectorServices services = new ConnectorServices();
  private final ConnectorRegistry connectors = new ConnectorRegistry();
  private final Map<String, StreamingQuery> queries = new LinkedHashMap<>();
  private final AtomicInteger queryCounter = new AtomicInteger();

  private SluiceEngine() {}

  public static SluiceEngine open() {
    return new SluiceEngine();
  }

  public Settings settings() {
    return settings;
  }

  /** The rows of this engine's {@code 'connector' = 'memory'} tables; append to feed them. */
  public MemoryTables memoryTables() {
    return services.get(MemoryTables.class, MemoryTables::new);
  }

  /** Shared objects of this engine's connectors. */
  public ConnectorServices connectorServices() {
    return services;
  }

  /** Runs every statement of a script in order and returns their results; stops at the first error. */
  public List<StatementResult> executeScript(String script) {
    List<StatementResult> results = new ArrayList<>();
    for (Statement statement : parse(script)) results.add(execute(statement, script));
    return results;
  }

  /** Runs one statement. A SELECT starts a query whose rows arrive in {@link StreamingQuery#results()}. */
  public StatementResult execute(String sql) {
    List<Statement> statements = parse(sql);
    if (statements.size() != 1) {
      throw new SluiceException("execute() takes one statement, but found " + statements.size() + "; use executeScript()", 0, 0, null, null);
    }
    return execute(statements.get(0), sql);
  }

  /** A builder for a continuous query started from the API. */
  public QueryBuilder query(String sql) {
    return new QueryBuilder(this, sql);
  }

  /** EXPLAIN of a query under the current settings. */
  public String explain(String sql) {
    return guarded(sql, () -> ExplainWriter.explain(planner.plan(sql, new SourcePosition(1, 1), settings.outputMode(), collectsLateRows(),
        settings.stateTtlMillis())));
  }

  public synchronized List<StreamingQuery> queries() {
    queries.values().removeIf(q -> !q.isActive());
    return new ArrayList<>(queries.values());
  }

  public synchronized StreamingQuery findQuery(String id) {
    return queries.get(id);
  }

  public List<TableDefinition> tables() {
    return catalog.tables();
  }

  public List<ViewDefinition> views() {
    return catalog.views();
  }

  /** The functions declared with {@code CREATE FUNCTION}. */
  public List<FunctionDefinition> functions() {
    return catalog.functions();
  }

  /** The columns of a table or view. */
  public Schema describe(String name) {
    return guarded(name, () -> TypeMapping.toSchema(planner.rowType(name)));
  }

  private List<Statement> parse(String script) {
    return guarded(script, () -> StatementParser.parseScript(script));
  }

  private StatementResult execute(Statement statement, String script) {
    return guarded(script, () -> dispatch(statement, script));
  }

  private StatementResult dispatch(Statement statement, String script) {
    if (statement instanceof CreateTable ddl) return createTable(ddl);
    if (statement instanceof CreateView view) return createView(view);
    if (statement instanceof CreateFunction function) return createFunction(function);
    if (statement instanceof DropObject drop) return drop(drop);
    if (statement instanceof Query query) return startSelect(query.query());
    if (statement instanceof Insert insert) return startInsert(insert);
    if (statement instanceof SetOption set) return set(set);
    if (statement instanceof ResetOption reset) {
      settings.reset(reset.key());
      return StatementResult.ok(reset.key() == null ? "All settings reset" : "Setting '" + reset.key() + "' reset");
    }
    if (statement instanceof Show show) return show(show);
    if (statement instanceof Describe describe) return describe(describe);
    if (statement instanceof Explain explain) return explain(explain);
    if (statement instanceof StopQuery stop) return stop(stop);
    throw new PlanningException("Unsupported statement: " + statement.text(), statement.position());
  }

  private StatementResult createTable(CreateTable ddl) {
    TableDefinition table = TableDefinitions.of(ddl);
    try {
      connectors.any(table.connector(), table.name()).validate(new ConnectorOptions(table.name(), table.connectorOptions()));
      String deadLetters = table.options().get(DEAD_LETTER_TABLE);
      if (deadLetters != null) BuiltInTables.requireIdentifier(DEAD_LETTER_TABLE, deadLetters);
    } catch (IllegalArgumentException e) {
      throw new PlanningException(e.getMessage(), ddl.position());
    }
    boolean existed = catalog.exists(table.name());
    catalog.addTable(table, ddl.ifNotExists());
    // Rows appended from code are then checked against the columns, not found wrong inside a query.
    if (!existed && MemoryConnectorFactory.IDENTIFIER.equals(table.connector())) memoryTables().declare(table.name(), storedSchema(table));
    createDeadLetterTable(table);
    return StatementResult.ok("Table '" + table.name() + "' created");
  }

  private StatementResult createView(CreateView ddl) {
    String sql = ddl.query().sql();
    if (!ddl.columnNames().isEmpty()) {
      sql = "SELECT * FROM (" + sql + ") AS `" + ddl.name() + "`(" + String.join(", ", ddl.columnNames().stream().map(c -> "`" + c + "`").toList()) + ")";
    }
    ViewDefinition view = planner.planView(ddl.name(), sql, ddl.query().position(), ddl.text());
    catalog.addView(view, ddl.ifNotExists());
    return StatementResult.ok("View '" + view.name() + "' created");
  }

  /**
   * Loads and checks the function's class, then adds it to the catalog. Nothing else changes when
   * it fails: the catalog is untouched and running queries go on.
   */
  private StatementResult createFunction(CreateFunction ddl) {
    FunctionDefinition existing = catalog.function(ddl.name());
    if (existing != null && ddl.ifNotExists()) {
      return StatementResult.ok("Function '" + existing.name() + "' already exists (class '" + existing.className() + "')");
    }
    FunctionDefinition function = FunctionDefinitions.of(ddl, functionClassLoaders());
    try {
      if (!catalog.addFunction(function, ddl.ifNotExists())) {
        return StatementResult.ok("Function '" + function.name() + "' already exists");
      }
    } catch (PlanningException e) {
      throw new PlanningException(e.getMessage(), ddl.position(), e);
    }
    return StatementResult.ok("Function '" + function.name() + "' created (class '" + function.className() + "')");
  }

  /** Where a CREATE FUNCTION's class is looked for: the running thread's context class loader, then Sluice's own. */
  private static List<ClassLoader> functionClassLoaders() {
    List<ClassLoader> loaders = new ArrayList<>();
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null) loaders.add(context);
    ClassLoader own = SluiceEngine.class.getClassLoader();
    if (own != context) loaders.add(own);
    return loaders;
  }

  private StatementResult drop(DropObject drop) {
    boolean dropped = switch (drop.kind()) {
      case TABLE -> {
        boolean droppedTable = catalog.dropTable(drop.name());
        if (droppedTable) memoryTables().undeclare(drop.name());
        yield droppedTable;
      }
      case VIEW -> catalog.dropView(drop.name());
      case FUNCTION -> catalog.dropFunction(drop.name());
    };
    String what = switch (drop.kind()) {
      case TABLE -> "Table";
      case VIEW -> "View";
      case FUNCTION -> "Function";
    };
    boolean builtIn = drop.kind() == ObjectKind.FUNCTION && SluiceOperatorTable.functionNames().contains(drop.name().toUpperCase(Locale.ROOT));
    if (!dropped && builtIn) {
      throw new PlanningException("'" + drop.name() + "' is a built-in function, which cannot be dropped; DROP FUNCTION drops "
          + "functions declared with CREATE FUNCTION", drop.position());
    }
    if (!dropped && !drop.ifExists()) {
      String hint = drop.kind() != ObjectKind.FUNCTION ? ""
          : "." + NameSuggestions.hint(drop.name(), catalog.functions().stream().map(FunctionDefinition::name).toList())
              + " SHOW USER FUNCTIONS lists the functions there are.";
      throw new PlanningException("There is no " + what.toLowerCase(Locale.ROOT) + " named '" + drop.name() + "'" + hint, drop.position());
    }
    return StatementResult.ok(dropped ? what + " '" + drop.name() + "' dropped" : what + " '" + drop.name() + "' did not exist");
  }

  private StatementResult set(SetOption set) {
    if (set.key() == null) {
      List<List<String>> rows = new ArrayList<>();
      for (Map.Entry<String, String> e : settings.asMap().entrySet()) rows.add(List.of(e.getKey(), e.getValue()));
      return StatementResult.rows(List.of("key", "value"), rows);
    }
    try {
      settings.set(set.key(), set.value());
    } catch (IllegalArgumentException e) {
      throw new PlanningException(e.getMessage(), set.position());
    }
    return StatementResult.ok("Set '" + set.key() + "' = '" + set.value() + "'");
  }

  private StatementResult show(Show show) {
    List<List<String>> rows = new ArrayList<>();
    switch (show.kind()) {
      case TABLES -> catalog.tables().forEach(t -> rows.add(List.of(t.name(), t.connector())));
      case VIEWS -> catalog.views().forEach(v -> rows.add(List.of(v.name())));
      case FUNCTIONS -> {
        catalog.functions().forEach(f -> rows.add(List.of(f.name(), "user", f.className())));
        SluiceOperatorTable.functionNames().forEach(f -> rows.add(List.of(f, "built-in", "")));
      }
      case USER_FUNCTIONS -> catalog.functions().forEach(f -> rows.add(List.of(f.name(), f.className())));
      case QUERIES -> {
        for (StreamingQuery q : queries()) {
          var p = q.lastProgress();
          rows.add(List.of(q.id(), q.outputMode().sqlName(), p == null ? "-" : Long.toString(p.batchId()),
              p == null ? "-" : Long.toString(p.stateRows()), p == null ? "-" : Long.toString(p.malformedRows()),
              p == null || p.watermark() == null ? "-" : p.watermark(), q.sql()));
        }
        return StatementResult.rows(List.of("id", "mode", "batch", "state rows", "malformed rows", "watermark", "query"), rows);
      }
    }
    List<String> columns = switch (show.kind()) {
      case TABLES -> List.of("table", "connector");
      case VIEWS -> List.of("view");
      case FUNCTIONS -> List.of("function", "kind", "class");
      default -> List.of("function", "class");
    };
    return StatementResult.rows(columns, rows);
  }

  private StatementResult describe(Describe describe) {
    TableDefinition table = catalog.table(describe.name());
    List<List<String>> rows = new ArrayList<>();
    if (table != null) {
      for (ColumnInfo c : table.columns()) {
        String extra = c.isComputed() ? "AS " + c.expression() : c.metadataKey() != null ? "METADATA FROM '" + c.metadataKey() + "'" : "";
        if (table.watermark() != null && table.watermark().column().equals(c.name())) {
          extra = (extra + " WATERMARK AS " + table.watermark().expression()).trim();
        }
        if (table.primaryKey().contains(c.name())) extra = (extra + " PRIMARY KEY").trim();
        rows.add(List.of(c.name(), TypeMapping.toDataType(c.type()).toString(), extra));
      }
    } else {
      Schema schema;
      try {
        schema = describe(describe.name());
      } catch (SluiceException e) {
        throw new PlanningException(e.getMessage(), describe.position());
      }
      for (Field f : schema.fields()) rows.add(List.of(f.name(), f.type().toString(), ""));
    }
    return StatementResult.rows(List.of("column", "type", "extra"), rows);
  }

  private StatementResult explain(Explain explain) {
    QueryText query = explain.target() instanceof Insert insert ? insert.query() : ((Query) explain.target()).query();
    PlannedQuery plan = explain.target() instanceof Insert insert
        ? planner.planInsert(insert.table(), query.sql(), query.position(), settings.outputMode(), collectsLateRows(), settings.stateTtlMillis(), settings.dropNullRows())
        : planner.plan(query.sql(), query.position(), settings.outputMode(), collectsLateRows(), settings.stateTtlMillis());
    return new StatementResult(StatementResult.Kind.EXPLAIN, ExplainWriter.explain(plan), List.of(), List.of(), null);
  }

  private StatementResult stop(StopQuery stop) {
    StreamingQuery query = findQuery(stop.queryId());
    if (query == null) {
      throw new PlanningException("There is no running query '" + stop.queryId() + "'. SHOW QUERIES lists them.", stop.position());
    }
    query.stop();
    return StatementResult.ok("Query " + query.id() + " stopped");
  }

  private StatementResult startSelect(QueryText query) {
    ResultBuffer buffer = new ResultBuffer(RESULT_BUFFER_ROWS);
    QueryBuilder builder = new QueryBuilder(this, query.sql());
    builder.listener = buffer;
    StreamingQuery started = start(builder, query.position(), buffer);
    return new StatementResult(StatementResult.Kind.QUERY, "Query " + started.id() + " started in " + started.outputMode().sqlName()
        + " mode", List.of(), List.of(), started);
  }

  private StatementResult startInsert(Insert insert) {
    QueryBuilder builder = new QueryBuilder(this, insert.query().sql());
    builder.targetTable = insert.table();
    StreamingQuery started = start(builder, insert.query().position(), null);
    return new StatementResult(StatementResult.Kind.INSERT, "Query " + started.id() + " started: inserting into '" + insert.table()
        + "' in " + started.outputMode().sqlName() + " mode", List.of(), List.of(), started);
  }

  StreamingQuery start(QueryBuilder builder, SourcePosition position) {
    return guarded(builder.sql(), () -> start(builder, position, null));
  }

  private StreamingQuery start(QueryBuilder builder, SourcePosition position, ResultBuffer buffer) {
    SourcePosition at = position == null ? new SourcePosition(1, 1) : position;
    // An INSERT's columns are checked against the table's and widened to them when its query is planned.
    PlannedQuery plan = builder.targetTable != null && builder.sink == null && builder.listener == null
        ? planner.planInsert(builder.targetTable, builder.sql(), at, builder.mode, collectsLateRows(), builder.stateTtlMillis, settings.dropNullRows())
        : planner.plan(builder.sql(), at, builder.mode, collectsLateRows(), builder.stateTtlMillis);
    String id = "q" + queryCounter.incrementAndGet();
    Sink sink = sinkFor(builder, plan, position);
    if (plan.mode() == OutputMode.UPDATE && !sink.supportsDeletes() && plan.root().changelog() == dev.sluice.planner.physical.Changelog.UPDATING) {
      String which = builder.targetTable == null ? "The sink of this query" : "The " + catalog.table(builder.targetTable).connector()
          + " sink of table '" + builder.targetTable + "'";
      throw new PlanningException(which + " cannot apply deletes, but in update mode this query may produce them. Use append mode "
          + "with a watermark-bound aggregation, complete mode, or a sink that applies deletes (memory, jdbc, kafka).", position);
    }
    QueryGraph graph = plan.toGraph(this::openSource);
    CheckpointStore checkpoints = builder.checkpointLocation == null ? null : new CheckpointStore(builder.checkpointLocation,
        CheckpointOptions.DEFAULTS.withSnapshotInterval(settings.checkpointSnapshotInterval()).withRetainedBatches(settings.checkpointRetainedBatches()));
    if (checkpoints != null) {
      try {
        var metadata = checkpoints.readMetadata();
        if (metadata.isPresent()) id = metadata.get().queryId();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the checkpoint at " + builder.checkpointLocation + ": " + e.getMessage(), e);
      }
    }
    MicroBatchExecutor executor = new MicroBatchExecutor(id, builder.sql(), graph, sink, checkpoints, stateLayout(plan), lateRowHandler(id, position));
    QueryExecution execution = new QueryExecution(id, executor, builder.trigger);
    String queryId = id;
    StreamingQuery query = new StreamingQuery(id, builder.sql(), plan.mode(), plan.resultSchema(), plan.resultKey(), ExplainWriter.explain(plan),
        execution, buffer, () -> forget(queryId));
    try {
      execution.start();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    synchronized (this) {
      queries.put(id, query);
    }
    return query;
  }

  /**
   * The output mode and each stateful operator as EXPLAIN shows it with its columns, inputs first:
   * what a checkpoint records so that refusing a changed query can say what changed.
   */
  private static List<String> stateLayout(PlannedQuery plan) {
    List<String> layout = new ArrayList<>();
    layout.add("output mode " + plan.mode().sqlName());
    addStatefulNodes(plan.root(), layout);
    return layout;
  }

  private static void addStatefulNodes(PhysicalNode node, List<String> layout) {
    for (PhysicalNode input : node.inputs()) addStatefulNodes(input, layout);
    if (!node.state().isEmpty()) layout.add(node.explain() + " producing " + TypeMapping.toSchema(node.rowType()));
  }

  /** Whether queries started now record their late rows, which must then reach their operators whole. */
  private boolean collectsLateRows() {
    return settings.get(Settings.LATE_ROWS_TABLE) != null;
  }

  /** Where the query's late rows go: the table named by 'late-rows.table', created as a memory table if missing. */
  private LateRowHandler lateRowHandler(String queryId, SourcePosition position) {
    String name = settings.get(Settings.LATE_ROWS_TABLE);
    if (name == null) return LateRowHandler.DISCARD;
    synchronized (catalog) {
      if (!catalog.exists(name)) createTable(BuiltInTables.memoryTable(BuiltInTables.requireIdentifier(Settings.LATE_ROWS_TABLE, name),
          LateRowsTable.COLUMNS));
    }
    TableDefinition table = catalog.table(name);
    if (table == null || !"memory".equals(table.connector())) {
      throw new PlanningException("'late-rows.table' names '" + name + "', which must be a memory table; drop it or name a new table "
          + "and Sluice creates it", position);
    }
    return new LateRowsTable(memoryTables(), table.name(), queryId);
  }

  private synchronized void forget(String id) {
    queries.remove(id);
  }

  private Sink sinkFor(QueryBuilder builder, PlannedQuery plan, SourcePosition position) {
    if (builder.sink != null) return builder.sink;
    if (builder.listener != null) return new ListenerSink(builder.listener);
    if (builder.targetTable != null) {
      TableDefinition table = catalog.table(builder.targetTable);
      if (table == null) {
        throw new PlanningException("INSERT INTO '" + builder.targetTable + "': there is no such table." + dev.sluice.planner.NameSuggestions.hint(builder.targetTable, catalog.names()), position);
      }
      Schema target = storedSchema(table);
      try {
        return connectors.sink(table.connector(), table.name()).createSink(tableContext(table, target));
      } catch (IllegalArgumentException e) {
        throw new PlanningException(e.getMessage(), position);
      }
    }
    throw new PlanningException("A query started from the API needs a sink, a listener or a target table", position);
  }

  /** Creates the memory table a source's {@code 'dead-letter.table'} names, if it does not exist yet. */
  private void createDeadLetterTable(TableDefinition table) {
    String name = table.options().get(DEAD_LETTER_TABLE);
    if (name == null) return;
    synchronized (catalog) {
      if (!catalog.exists(name)) createTable(BuiltInTables.memoryTable(name, DeadLetterTable.COLUMNS));
    }
    TableDefinition deadLetters = catalog.table(name);
    if (deadLetters == null || !"memory".equals(deadLetters.connector())) {
      catalog.dropTable(table.name());
      memoryTables().undeclare(table.name());
      throw new PlanningException("Table '" + table.name() + "' sends malformed records to '" + name + "', which must be a memory table; "
          + "name a new table and Sluice creates it");
    }
  }

  private Source openSource(TableDefinition table) {
    return connectors.source(table.connector(), table.name())
        .createSource(tableContext(table, storedSchema(table)));
  }

  /** What a connector learns of {@code table}: its stored columns, options, metadata columns and primary key. */
  private TableContext tableContext(TableDefinition table, Schema stored) {
    Map<String, String> metadataKeys = new LinkedHashMap<>();
    for (ColumnInfo c : table.storedColumns()) {
      if (c.metadataKey() != null) metadataKeys.put(c.name(), c.metadataKey());
    }
    return new TableContext(table.name(), stored, new ConnectorOptions(table.name(), table.connectorOptions()), services, metadataKeys,
        table.primaryKey());
  }

  private static Schema storedSchema(TableDefinition table) {
    List<Field> fields = new ArrayList<>();
    for (ColumnInfo c : table.storedColumns()) fields.add(new Field(c.name(), TypeMapping.toDataType(c.type())));
    return new Schema(fields);
  }

  /**
   * Runs {@code action} on a {@link StatementThread}, turning every refusal into a {@link
   * SluiceException} that points into {@code script}.
   */
  private static <T> T guarded(String script, java.util.function.Supplier<T> action) {
    try {
      return StatementThread.run(action);
    } catch (StackOverflowError e) {
      // Past what NestingLimit foresaw: say so as it would, at the start of the script.
      SqlSyntaxException tooDeep = NestingLimit.tooDeep(new SourcePosition(1, 1), line(script, 1));
      throw new SluiceException(tooDeep.getMessage(), tooDeep.line(), tooDeep.column(), tooDeep.sourceLine(), tooDeep);
    } catch (SluiceException e) {
      throw e;
    } catch (PlanningException e) {
      SourcePosition p = e.position();
      throw new SluiceException(e.getMessage(), p == null ? 0 : p.line(), p == null ? 0 : p.column(), p == null ? null : line(script, p.line()), e);
    } catch (SqlSyntaxException e) {
      throw new SluiceException(e.getMessage(), e.line(), e.column(), e.sourceLine(), e);
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      throw new SluiceException(e.getMessage(), 0, 0, null, e);
    }
  }

  private static String line(String script, int line) {
    String[] lines = script.split("\n", -1);
    return line >= 1 && line <= lines.length ? lines[line - 1] : null;
  }

  /** Stops every running query. */
  @Override
  public void close() {
    for (StreamingQuery q : queries()) q.stop();
  }
}
