package dev.sluice.planner.catalog;

import dev.sluice.planner.PlanningException;
import dev.sluice.planner.calcite.SluiceTypeFactory;
import dev.sluice.planner.calcite.TypeMapping;
import dev.sluice.planner.translate.ExpressionResolver;
import dev.sluice.sql.ast.ColumnDefinition;
import dev.sluice.sql.ast.CreateTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/** Checks a {@code CREATE TABLE} and turns it into a {@link TableDefinition}. */
public final class TableDefinitions {
  private TableDefinitions() {}

  public static TableDefinition of(CreateTable ddl) {
    RelDataTypeFactory f = SluiceTypeFactory.INSTANCE;
    Set<String> seen = new HashSet<>();
    List<ColumnInfo> columns = new ArrayList<>();
    RelDataTypeFactory.Builder stored = f.builder();
    List<ColumnDefinition> computed = new ArrayList<>();
    for (ColumnDefinition c : ddl.columns()) {
      if (!seen.add(c.name().toLowerCase(Locale.ROOT))) {
        throw new PlanningException("Column '" + c.name() + "' is declared twice in table '" + ddl.name() + "'", c.position());
      }
      if (!c.isComputed()) stored.add(c.name(), TypeMapping.toRelDataType(c.type(), f));
      else computed.add(c);
    }
    RelDataType storedType = stored.build();
    List<RexNode> computedExpressions = computed.isEmpty() ? List.of()
        : ExpressionResolver.resolve(storedType, computed.stream().map(c -> unparse(c.computedExpression())).toList(), computed.get(0).position());
    int computedIndex = 0;
    for (ColumnDefinition c : ddl.columns()) {
      if (c.isComputed()) {
        RexNode e = computedExpressions.get(computedIndex++);
        columns.add(new ColumnInfo(c.name(), e.getType(), unparse(c.computedExpression()), null));
      } else {
        columns.add(new ColumnInfo(c.name(), TypeMapping.toRelDataType(c.type(), f), null, c.metadataKey()));
      }
    }
    List<String> primaryKey = new ArrayList<>();
    for (String key : ddl.primaryKey()) {
      ColumnInfo column = find(columns, key);
      if (column == null) {
        throw new PlanningException("PRIMARY KEY column '" + key + "' is not a column of table '" + ddl.name() + "'", ddl.position());
      }
      primaryKey.add(column.name());
    }
    WatermarkInfo watermark = null;
    if (ddl.watermark() != null) watermark = watermark(ddl, columns, f);
    if (!ddl.options().containsKey("connector")) {
      throw new PlanningException("Table '" + ddl.name() + "' needs a connector: add WITH ('connector' = '...'), for example 'memory', "
          + "'datagen' or 'filesystem'", ddl.position());
    }
    return new TableDefinition(ddl.name(), columns, watermark, primaryKey, ddl.options(), ddl.text());
  }

  private static WatermarkInfo watermark(CreateTable ddl, List<ColumnInfo> columns, RelDataTypeFactory f) {
    var w = ddl.watermark();
    ColumnInfo column = find(columns, w.column());
    if (column == null) {
      throw new PlanningException("WATERMARK FOR '" + w.column() + "': table '" + ddl.name() + "' has no such column", w.position());
    }
    SqlTypeName type = column.type().getSqlTypeName();
    if (type != SqlTypeName.TIMESTAMP && type != SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
      throw new PlanningException("WATERMARK FOR '" + column.name() + "': the event-time column must be a TIMESTAMP(3), not " + column.type(),
          w.position());
    }
    RelDataTypeFactory.Builder all = f.builder();
    for (ColumnInfo c : columns) all.add(c.name(), c.type());
    RexNode expression = ExpressionResolver.resolve(all.build(), List.of(w.expressionText()), w.position()).get(0);
    SqlTypeName resultType = expression.getType().getSqlTypeName();
    if (resultType != SqlTypeName.TIMESTAMP && resultType != SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
      throw new PlanningException("The WATERMARK expression must return a TIMESTAMP, but '" + w.expressionText() + "' returns "
          + expression.getType(), w.position());
    }
    return new WatermarkInfo(column.name(), w.expressionText(), delay(expression, columns.indexOf(column)));
  }

  /**
   * The delay of {@code column - INTERVAL ...}, or of the column itself (0); -1 for other
   * expressions, and for month and year intervals, which have no fixed length.
   */
  private static long delay(RexNode expression, int columnIndex) {
    if (expression instanceof RexInputRef ref && ref.getIndex() == columnIndex) return 0;
    if (expression instanceof RexCall call && (call.getKind() == SqlKind.MINUS || call.getKind() == SqlKind.MINUS_PREFIX)
        && call.getOperands().size() == 2 && call.getOperands().get(0) instanceof RexInputRef ref && ref.getIndex() == columnIndex
        && call.getOperands().get(1) instanceof RexLiteral literal && SqlTypeName.DAY_INTERVAL_TYPES.contains(literal.getType().getSqlTypeName())) {
      return literal.getValueAs(Long.class);
    }
    return -1;
  }

  /** SQL text of an expression in the dialect queries are parsed with (backtick-quoted names). */
  static String unparse(org.apache.calcite.sql.SqlNode node) {
    var dialect = new org.apache.calcite.sql.SqlDialect(org.apache.calcite.sql.SqlDialect.EMPTY_CONTEXT
        .withDatabaseProduct(org.apache.calcite.sql.SqlDialect.DatabaseProduct.CALCITE)
        .withIdentifierQuoteString("`"));
    return node.toSqlString(dialect).getSql();
  }

  private static ColumnInfo find(List<ColumnInfo> columns, String name) {
    for (ColumnInfo c : columns) {
      if (c.name().equalsIgnoreCase(name)) return c;
    }
    return null;
  }
}
