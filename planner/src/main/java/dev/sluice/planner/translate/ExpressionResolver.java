package dev.sluice.planner.translate;

import dev.sluice.planner.PlanningException;
import dev.sluice.planner.QueryPlanner;
import dev.sluice.planner.calcite.UserFunctionOperators;
import dev.sluice.sql.ast.SourcePosition;
import java.util.List;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * Resolves expressions written against one row (a watermark, a computed column) into Calcite
 * expressions over that row, by validating {@code SELECT expr FROM row} with the same settings
 * as queries.
 */
public final class ExpressionResolver {
  static final String ROW_TABLE = "__row";

  private ExpressionResolver() {}

  public static List<RexNode> resolve(RelDataType rowType, List<String> expressions, SourcePosition position) {
    SchemaPlus schema = CalciteSchema.createRootSchema(false, false).plus();
    dev.sluice.planner.calcite.FlinkFunctions.register(schema);
    schema.add(ROW_TABLE, new AbstractTable() {
      @Override
      public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return typeFactory.copyType(rowType);
      }
    });
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < expressions.size(); i++) {
      if (i > 0) sql.append(", ");
      sql.append(expressions.get(i)).append(" AS `__e").append(i).append('`');
    }
    sql.append(" FROM `").append(ROW_TABLE).append('`');
    RelNode rel;
    try {
      rel = QueryPlanner.toRel(schema, UserFunctionOperators.unavailableIn("a computed column or a watermark"), sql.toString(), null);
    } catch (PlanningException e) {
      throw new PlanningException(e.getMessage().replace("`" + ROW_TABLE + "`", "the table").replace(ROW_TABLE, "the table"), position, e);
    }
    if (rel instanceof LogicalProject project) return project.getProjects();
    throw new PlanningException("Expressions here must be plain row expressions: " + String.join(", ", expressions), position);
  }
}
