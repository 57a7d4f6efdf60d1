package dev.sluice.planner;

import dev.sluice.planner.calcite.CatalogSchemas;
import dev.sluice.planner.calcite.ColumnTrimmer;
import dev.sluice.planner.calcite.ExpressionSubqueries;
import dev.sluice.planner.calcite.NumericComparisons;
import dev.sluice.planner.calcite.SluiceOperatorTable;
import dev.sluice.planner.calcite.SluiceTypeFactory;
import dev.sluice.planner.calcite.SluiceTypeSystem;
import dev.sluice.planner.calcite.TypeMapping;
import dev.sluice.planner.calcite.UserFunctionOperators;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.TableDefinition;
import dev.sluice.planner.catalog.ViewDefinition;
import dev.sluice.planner.physical.PhysicalNode;
import dev.sluice.planner.translate.OutputModeChecker;
import dev.sluice.planner.translate.RowOrder;
import dev.sluice.planner.translate.StreamTranslator;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.type.Field;
import dev.sluice.sql.NestingLimit;
import dev.sluice.sql.SluiceDialect;
import dev.sluice.sql.ast.SourcePosition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;

/**
 * Plans continuous queries: Calcite validation against the catalog, logical rewrites, then the
 * incremental physical plan for an output mode, refused with the reason when the mode cannot be
 * honoured.
 */
public final class QueryPlanner {
  private static final Pattern UNKNOWN_COLUMN = Pattern.compile("Column '([^']+)' not found in (any table|table '[^']+')");
  private static final Pattern UNKNOWN_OBJECT = Pattern.compile("Object '([^']+)' not found");
  private static final Pattern GROUP_WINDOW = Pattern.compile("\\$(TUMBLE|HOP|SESSION)\\b");
  private static final Pattern UNMATCHED_FUNCTION = Pattern.compile("No match found for function signature ([^(]+)\\(");

  /** Logical rewrites: merge and push filters and projections, fold constants, then fuse into Calc nodes. */
  private static final HepProgram REWRITES = new HepProgramBuilder()
      .addRuleInstance(CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW)
      .addRuleCollection(List.of(
          CoreRules.UNION_TO_DISTINCT,
          CoreRules.FILTER_INTO_JOIN,
          CoreRules.JOIN_CONDITION_PUSH,
          CoreRules.FILTER_MERGE,
          CoreRules.PROJECT_MERGE,
          CoreRules.FILTER_PROJECT_TRANSPOSE,
          CoreRules.PROJECT_REMOVE,
          CoreRules.AGGREGATE_PROJECT_MERGE,
          CoreRules.FILTER_REDUCE_EXPRESSIONS,
          CoreRules.PROJECT_REDUCE_EXPRESSIONS))
      .addRuleCollection(List.of(CoreRules.FILTER_TO_CALC, CoreRules.PROJECT_TO_CALC, CoreRules.CALC_MERGE, CoreRules.CALC_REMOVE))
      .build();

  private final Catalog catalog;

  public QueryPlanner(Catalog catalog) {
    this.catalog = catalog;
  }

  public Catalog catalog() {
    return catalog;
  }

  /**
   * Plans {@code sql} for {@code requested}, or for the default mode when it is null: append when
   * the query allows it, update otherwise, complete for an ordered aggregation.
   *
   * @param position where the query starts in its script, for error positions
   */
  public PlannedQuery plan(String sql, SourcePosition position, OutputMode requested) {
    return plan(sql, position, requested, false);
  }

  /**
   * As {@link #plan(String, SourcePosition, OutputMode)}; with {@code wholeLateRows} every column
   * of a table reaches the operators that may drop rows as late, so a row they drop (for the
   * {@code 'late-rows.table'}) is whole. Otherwise columns no operator reads are dropped as early
   * as possible, so that no state holds them.
   */
  public PlannedQuery plan(String sql, SourcePosition position, OutputMode requested, boolean wholeLateRows) {
    return plan(sql, position, requested, wholeLateRows, 0);
  }

  /**
   * As {@link #plan(String, SourcePosition, OutputMode, boolean)}, with the {@code 'state.ttl'} in
   * milliseconds (0: none) for state no time bound limits.
   */
  public PlannedQuery plan(String sql, SourcePosition position, OutputMode requested, boolean wholeLateRows, long stateTtlMillis) {
    RelNode logical = toRel(CatalogSchemas.of(catalog), UserFunctionOperators.of(catalog.functions()), sql, position);
    RexBuilder rexBuilder = logical.getCluster().getRexBuilder();

    RelCollation collation = null;
    long limit = -1;
    RelNode body = logical;
    int[] projection = null;
    if (body instanceof LogicalProject project && project.getInput() instanceof Sort sort && isPermutation(project)) {
      projection = project.getProjects().stream().mapToInt(e -> ((RexInputRef) e).getIndex()).toArray();
      body = project.copy(project.getTraitSet(), sort.getInput(), project.getProjects(), project.getRowType());
      collation = sort.getCollation();
      limit = fetch(sort, position);
    } else if (body instanceof Sort sort) {
      collation = sort.getCollation();
      limit = fetch(sort, position);
      body = sort.getInput();
    }
    boolean ordered = collation != null && !collation.getFieldCollations().isEmpty();
    if (!ordered && limit >= 0) {
      throw new PlanningException("LIMIT without ORDER BY is not supported in a continuous query", position);
    }

    // Rewrites keep each column's type but not its name (a projection that only renames is removed): the names are the query's.
    List<String> columnNames = body.getRowType().getFieldNames();
    // A 'state.ttl' reads each row's event time, so the column reaches the stateful operators even when the query does not read it.
    if (!wholeLateRows && stateTtlMillis <= 0) body = ColumnTrimmer.trimUnused(body);
    HepPlanner hep = new HepPlanner(REWRITES);
    hep.setRoot(body);
    RelNode optimized = hep.findBestExp();

    Map<OutputMode, String> modes = new EnumMap<>(OutputMode.class);
    Map<OutputMode, PhysicalNode> plans = new EnumMap<>(OutputMode.class);
    PlanningException untranslatable = null;
    for (OutputMode mode : OutputMode.values()) {
      PhysicalNode plan;
      try {
        plan = new StreamTranslator(mode, rexBuilder, stateTtlMillis).translate(optimized);
      } catch (PlanningException e) {
        // A construct may work in one mode only (a join of windowed aggregates is insert-only in
        // append mode alone): refuse this mode, not the query. The translator sees plan nodes, not
        // text, so point at the query.
        if (untranslatable == null) untranslatable = e.position() != null ? e : new PlanningException(e.getMessage(), position, e);
        modes.put(mode, e.getMessage());
        continue;
      }
      try {
        OutputModeChecker.check(plan, mode, ordered);
        plans.put(mode, plan);
        modes.put(mode, null);
      } catch (PlanningException refusal) {
        modes.put(mode, refusal.getMessage());
      }
    }
    if (plans.isEmpty() && untranslatable != null) throw untranslatable;
    OutputMode mode = requested;
    if (mode == null) {
      mode = plans.containsKey(OutputMode.APPEND) ? OutputMode.APPEND : plans.containsKey(OutputMode.UPDATE) ? OutputMode.UPDATE : OutputMode.COMPLETE;
    }
    if (!plans.containsKey(mode)) throw new PlanningException(modes.get(mode), position);

    Comparator<Object[]> order = ordered ? comparator(collation, projection) : null;
    PhysicalNode root = plans.get(mode);
    return new PlannedQuery(sql, mode, requested == null, root, TypeMapping.toSchema(columnNames, optimized.getRowType()), root.uniqueKey(),
        order, limit, modes);
  }

  /**
   * Plans {@code INSERT INTO table sql} as {@link #plan(String, SourcePosition, OutputMode, boolean, long)}
   * plans its query, refusing it unless each column may be written into the table's column at its
   * position ({@link InsertColumns}). A column of another type is cast to the table's, so the sink
   * receives values of its own types; the result columns are the table's.
   */
  public PlannedQuery planInsert(String tableName, String sql, SourcePosition position, OutputMode requested, boolean wholeLateRows,
      long stateTtlMillis) {
    return planInsert(tableName, sql, position, requested, wholeLateRows, stateTtlMillis, false);
  }

  /**
   * As {@link #planInsert(String, String, SourcePosition, OutputMode, boolean, long)}, with the
   * table's NOT NULL columns the query can leave NULL checked row by row.
   *
   * @param dropNullRows whether a row with a NULL in such a column is left out and counted
   *     ({@code 'sink.not-null-enforcer' = 'drop'}), rather than failing the query
   */
  public PlannedQuery planInsert(String tableName, String sql, SourcePosition position, OutputMode requested, boolean wholeLateRows,
      long stateTtlMillis, boolean dropNullRows) {
    TableDefinition table = catalog.table(tableName);
    if (table == null) {
      throw new PlanningException("INSERT INTO '" + tableName + "': there is no such table." + NameSuggestions.hint(tableName, catalog.names()),
          position);
    }
    PlannedQuery query = plan(sql, position, requested, wholeLateRows, stateTtlMillis);
    List<String> queryNames = query.resultSchema().fields().stream().map(Field::name).toList();
    RelDataType queryType = query.root().rowType();
    InsertColumns.check(table, queryNames, queryType, position);

    InsertColumns.Written written = InsertColumns.castToTable(query.root(), table);
    PhysicalNode checked = InsertColumns.enforceNotNull(written.root(), table, dropNullRows, position);
    return new PlannedQuery(sql, query.mode(), query.modeChosen(), checked, TypeMapping.toSchema(written.rowType()), query.resultKey(),
        query.order(), query.limit(), query.modes());
  }

  /** Validates a view's query and returns its row type. */
  public ViewDefinition planView(String name, String sql, SourcePosition position, String ddl) {
    RelNode rel = toRel(CatalogSchemas.of(catalog), UserFunctionOperators.of(catalog.functions()), sql, position);
    return new ViewDefinition(name, sql, rel.getRowType(), ddl);
  }

  /** The columns of a table or view, as DESCRIBE shows them. */
  public RelDataType rowType(String name) {
    TableDefinition table = catalog.table(name);
    if (table != null) return table.rowType(SluiceTypeFactory.INSTANCE);
    ViewDefinition view = catalog.view(name);
    if (view != null) return view.rowType();
    throw new PlanningException("There is no table or view named '" + name + "'." + NameSuggestions.hint(name, catalog.names()));
  }

  private static boolean isPermutation(LogicalProject project) {
    return project.getProjects().stream().allMatch(e -> e instanceof RexInputRef);
  }

  private static long fetch(Sort sort, SourcePosition position) {
    if (sort.offset != null) throw new PlanningException("OFFSET is not supported in a continuous query", position);
    if (sort.fetch == null) return -1;
    if (sort.fetch instanceof RexLiteral literal) return literal.getValueAs(Long.class);
    throw new PlanningException("LIMIT must be a constant in a continuous query", position);
  }

  /** Orders result rows as the collation says; {@code projection} maps output columns to the sort's input. */
  private static Comparator<Object[]> comparator(RelCollation collation, int[] projection) {
    List<RelFieldCollation> fields = collation.getFieldCollations();
    int[] columns = new int[fields.size()];
    for (int i = 0; i < columns.length; i++) {
      int column = fields.get(i).getFieldIndex();
      if (projection != null) {
        column = -1;
        for (int p = 0; p < projection.length; p++) {
          if (projection[p] == fields.get(i).getFieldIndex()) column = p;
        }
        if (column < 0) throw new PlanningException("ORDER BY a column that is not selected is not supported in a continuous query; select it too");
      }
      columns[i] = column;
    }
    return RowOrder.of(fields, columns);
  }

  /**
   * Parses, validates and converts {@code sql} against {@code schema}, with the built-in functions
   * and {@code userFunctions}; errors carry script positions.
   */
  public static RelNode toRel(SchemaPlus schema, UserFunctionOperators userFunctions, String sql, SourcePosition position) {
    FrameworkConfig config = Frameworks.newConfigBuilder()
        .parserConfig(SluiceDialect.parserConfig())
        .defaultSchema(schema)
        .operatorTable(SqlOperatorTables.chain(SluiceOperatorTable.instance(), userFunctions))
        .typeSystem(SluiceTypeSystem.INSTANCE)
        // An IN list of any length is a plain predicate, as in Flink: past Calcite's threshold (20) it became a subquery.
        .sqlToRelConverterConfig(SqlToRelConverter.config().withTrimUnusedFields(false).withExpand(false)
            .withInSubQueryThreshold(Integer.MAX_VALUE))
        // No implicit casts between strings and numbers: SUM(varchar) or varchar + 1 is a type error, as in Flink.
        .sqlValidatorConfig(org.apache.calcite.sql.validate.SqlValidator.Config.DEFAULT.withTypeCoercionEnabled(false))
        .build();
    Planner planner = Frameworks.getPlanner(config);
    SourcePosition start = position == null ? new SourcePosition(1, 1) : position;
    try {
      NestingLimit.checkParentheses(sql, start);
      SqlNode parsed = planner.parse(sql);
      NestingLimit.checkTree(parsed, sql, start);
      SqlNode validated = planner.validate(parsed);
      refuseSubqueryExpressions(validated, position);
      return NumericComparisons.unify(planner.rel(validated).project());
    } catch (SqlParseException e) {
      if (e.getCause() instanceof StackOverflowError) throw NestingLimit.tooDeep(start, sql.lines().findFirst().orElse(""));
      var pos = e.getPos();
      throw new PlanningException(firstLine(e.getMessage()), shift(position, pos.getLineNum(), pos.getColumnNum()), e);
    } catch (org.apache.calcite.tools.ValidationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      SourcePosition at = position;
      String message = cause.getMessage();
      if (cause instanceof CalciteContextException context) {
        at = shift(position, context.getPosLine(), context.getPosColumn());
        message = context.getCause() != null ? context.getCause().getMessage() : message;
      }
      throw new PlanningException(withHint(message, schema, userFunctions), at, e);
    } catch (org.apache.calcite.tools.RelConversionException e) {
      throw new PlanningException(e.getMessage(), position, e);
    } finally {
      planner.close();
    }
  }

  private static void refuseSubqueryExpressions(SqlNode validated, SourcePosition position) {
    ExpressionSubqueries.Found subquery = ExpressionSubqueries.find(validated);
    if (subquery == null) return;
    var at = subquery.node().getParserPosition();
    throw new PlanningException(subquery.construct() + " is not supported in a continuous query yet: no incremental operator "
        + "evaluates a subquery inside a condition or a value. Write it as a JOIN with the subquery in FROM.",
        shift(position, at.getLineNum(), at.getColumnNum()));
  }

  private static String firstLine(String message) {
    if (message == null) return "Syntax error";
    String[] lines = message.split("\n");
    return lines.length > 3 ? String.join(" ", lines[0], lines[1]).trim() + " ..." : message.replace('\n', ' ').trim();
  }

  private static String withHint(String message, SchemaPlus schema, UserFunctionOperators userFunctions) {
    if (message == null) return "Invalid query";
    // Calcite names the group windows of GROUP BY TUMBLE/HOP/SESSION(...) $TUMBLE, $HOP and $SESSION.
    message = GROUP_WINDOW.matcher(message).replaceAll("$1");
    Matcher function = UNMATCHED_FUNCTION.matcher(message);
    if (function.find()) return message + "." + userFunctions.hint(function.group(1));
    Matcher column = UNKNOWN_COLUMN.matcher(message);
    if (column.find()) {
      List<String> names = new ArrayList<>();
      for (String tableName : schema.getTableNames()) {
        var table = schema.getTable(tableName);
        if (table != null) names.addAll(table.getRowType(SluiceTypeFactory.INSTANCE).getFieldNames());
      }
      return message + "." + NameSuggestions.hint(column.group(1), names);
    }
    Matcher object = UNKNOWN_OBJECT.matcher(message);
    if (object.find()) {
      List<String> names = new ArrayList<>(schema.getTableNames());
      String hint = NameSuggestions.hint(object.group(1), names);
      return "Table or view '" + object.group(1) + "' not found." + (hint.isEmpty() ? " Declare it with CREATE TABLE first." : hint);
    }
    return message;
  }

  /** A position inside a query body, moved to the script: line 1 of the body starts at {@code base}'s column. */
  static SourcePosition shift(SourcePosition base, int line, int column) {
    if (line <= 0) return base;
    if (base == null) return new SourcePosition(line, column);
    return line == 1 ? new SourcePosition(base.line(), base.column() + column - 1) : new SourcePosition(base.line() + line - 1, column);
  }
}
