package dev.sluice.planner.codegen;

import dev.sluice.runtime.function.CalcFunction;
import dev.sluice.runtime.function.ExpressionFailedException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.rel2sql.SqlImplementor;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Finds which expression of a compiled program failed on a row, and says so: the expression as SQL
 * text, the column it computes, the row's values. The generated code evaluates every expression in
 * one method, interleaved, so the culprit is found by evaluating each expression alone on the row,
 * condition first, as the program does; each is compiled only then, when the query is failing.
 */
final class ExpressionFailures {
  /** A value longer than this is cut in the message. */
  private static final int MAX_VALUE_LENGTH = 40;
  private static final SqlDialect DIALECT =
      new SqlDialect(SqlDialect.EMPTY_CONTEXT.withDatabaseProduct(SqlDialect.DatabaseProduct.CALCITE).withIdentifierQuoteString("`"));

  private final RexProgram program;
  private final RexBuilder rexBuilder;
  private final List<String> columnNames;

  /**
   * @param columnNames the names of the columns the projections compute, or null when the program
   *     computes no named columns (a join condition, a watermark); they say which column failed
   */
  ExpressionFailures(RexProgram program, RexBuilder rexBuilder, List<String> columnNames) {
    this.program = program;
    this.rexBuilder = rexBuilder;
    this.columnNames = columnNames;
  }

  RuntimeException explain(Object[] input, RuntimeException failure) {
    if (failure instanceof ExpressionFailedException) return failure;
    RexNode culprit = null;
    String column = null;
    try {
      if (program.getCondition() != null && fails(program.expandLocalRef(program.getCondition()), input)) {
        culprit = program.expandLocalRef(program.getCondition());
        column = "the filter condition";
      }
      List<RexLocalRef> projects = program.getProjectList();
      for (int i = 0; culprit == null && i < projects.size(); i++) {
        RexNode project = program.expandLocalRef(projects.get(i));
        if (fails(project, input)) {
          culprit = project;
          column = columnNames == null ? null : "column '" + columnNames.get(i) + "'";
        }
      }
    } catch (RuntimeException | LinkageError diagnosing) {
      // Explaining must never hide the failure itself.
      culprit = null;
    }
    String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    String what = culprit == null ? "Cannot evaluate the query's expressions" : "Cannot evaluate " + sql(culprit) + (column == null ? "" : " for " + column);
    return new ExpressionFailedException(what + ": " + reason + ", on the row " + row(input), failure);
  }

  private boolean fails(RexNode expression, Object[] input) {
    CalcFunction alone = ExpressionCompiler.compileAlone(program.getInputRowType(), expression, rexBuilder);
    try {
      alone.apply(input);
      return false;
    } catch (RuntimeException e) {
      return true;
    }
  }

  /** The expression as SQL, its input columns by name. */
  private String sql(RexNode expression) {
    List<String> names = program.getInputRowType().getFieldNames();
    try {
      var context = new SqlImplementor.SimpleContext(DIALECT, i -> new SqlIdentifier(names.get(i), SqlParserPos.ZERO));
      return context.toSql(null, expression).toSqlString(DIALECT).getSql().replace('\n', ' ');
    } catch (RuntimeException e) {
      return expression.toString();
    }
  }

  private String row(Object[] input) {
    RelDataType type = program.getInputRowType();
    List<String> values = new ArrayList<>();
    for (int i = 0; i < input.length && i < type.getFieldCount(); i++) {
      Object value = input[i];
      String text = value instanceof String s ? "'" + s + "'" : String.valueOf(value);
      if (text.length() > MAX_VALUE_LENGTH) text = text.substring(0, MAX_VALUE_LENGTH - 3) + "...";
      values.add(type.getFieldNames().get(i) + " = " + text);
    }
    return "(" + String.join(", ", values) + ")";
  }
}
