package dev.sluice.planner.codegen;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.FieldDeclaration;
import org.apache.calcite.linq4j.tree.MemberDeclaration;
import org.apache.calcite.linq4j.tree.NewExpression;
import org.apache.calcite.linq4j.tree.ParameterExpression;
import org.apache.calcite.linq4j.tree.Shuttle;

/**
 * Moves the instances of user-defined functions out of the per-row code: Calcite writes a call to
 * a non-static {@code eval} as {@code new F().eval(...)} in the code it generates for the row, which
 * would allocate an instance per row. Each such {@code new F()} becomes a final field of the
 * compiled class instead, one per function class, made once when the compiled class is.
 */
final class FunctionInstanceFields extends Shuttle {
  private final UserFunctionClasses functions;
  private final Map<Class<?>, ParameterExpression> fields = new LinkedHashMap<>();

  FunctionInstanceFields(UserFunctionClasses functions) {
    this.functions = functions;
  }

  @Override
  public Expression visit(NewExpression expression, List<Expression> arguments, List<MemberDeclaration> memberDeclarations) {
    if (expression.type instanceof Class<?> type && arguments.isEmpty() && memberDeclarations == null && functions.contains(type)) {
      return fields.computeIfAbsent(type, t -> Expressions.parameter(Modifier.FINAL, t, "function" + fields.size()));
    }
    return super.visit(expression, arguments, memberDeclarations);
  }

  /** The fields the visited code now reads, each initialized with a new instance of its class. */
  List<FieldDeclaration> declarations() {
    List<FieldDeclaration> declarations = new ArrayList<>();
    for (Map.Entry<Class<?>, ParameterExpression> field : fields.entrySet()) {
      declarations.add(Expressions.fieldDecl(Modifier.PRIVATE | Modifier.FINAL, field.getValue(), Expressions.new_(field.getKey())));
    }
    return declarations;
  }
}
