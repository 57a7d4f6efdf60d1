package dev.sluice.planner.calcite;

import dev.sluice.planner.NameSuggestions;
import dev.sluice.planner.catalog.FunctionDefinition;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlNameMatchers;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql.validate.SqlValidatorException;

/**
 * The user-defined functions of a catalog, as the operators Calcite's validator resolves calls
 * with. Calcite makes each operator exactly as it makes one for a schema function (its {@code
 * CalciteCatalogReader}: operand types from the {@code eval} method's parameters, the result type
 * from its return type, overloads chosen by the arguments' types). Sluice adds one check, Flink's:
 * an argument passed to a primitive parameter ({@code long}, {@code int}, {@code double}, {@code
 * boolean}, ...) must be NOT NULL, because the primitive cannot hold NULL; Calcite checks type
 * families only and would fail the running query at the first NULL instead.
 */
public final class UserFunctionOperators implements SqlOperatorTable {
  private final List<FunctionDefinition> functions;
  private final Map<String, List<SqlOperator>> operatorsByName;
  /** Where user-defined functions cannot be called, for the hint; null where they can. */
  private final String unavailableIn;

  private UserFunctionOperators(List<FunctionDefinition> functions, Map<String, List<SqlOperator>> operatorsByName, String unavailableIn) {
    this.functions = List.copyOf(functions);
    this.operatorsByName = operatorsByName;
    this.unavailableIn = unavailableIn;
  }

  /**
   * No functions, for SQL where user-defined functions cannot be called; {@code where} names that
   * place in the hint for a call of one, such as "a computed column".
   */
  public static UserFunctionOperators unavailableIn(String where) {
    return new UserFunctionOperators(List.of(), Map.of(), where);
  }

  /** The operators of {@code functions}, one per {@code eval} overload. */
  public static UserFunctionOperators of(List<FunctionDefinition> functions) {
    if (functions.isEmpty()) return new UserFunctionOperators(List.of(), Map.of(), null);
    SchemaPlus schema = CalciteSchema.createRootSchema(false, false).plus();
    for (FunctionDefinition function : functions) {
      for (ScalarFunctionImpl overload : function.overloads()) schema.add(function.name(), overload);
    }
    CalciteCatalogReader reader =
        new CalciteCatalogReader(CalciteSchema.from(schema), List.of(), SluiceTypeFactory.INSTANCE, CalciteConnectionConfig.DEFAULT);
    Map<String, List<SqlOperator>> operators = new LinkedHashMap<>();
    for (FunctionDefinition function : functions) {
      List<SqlOperator> found = new ArrayList<>();
      reader.lookupOperatorOverloads(new SqlIdentifier(function.name(), SqlParserPos.ZERO), SqlFunctionCategory.USER_DEFINED_FUNCTION,
          SqlSyntax.FUNCTION, found, SqlNameMatchers.withCaseSensitive(true));
      // The reader looks in the default schema and in the root, here one and the same.
      Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      List<SqlOperator> overloads = new ArrayList<>();
      for (SqlOperator operator : found) {
        if (operator instanceof SqlUserDefinedFunction calcite && seen.add(calcite.function)) overloads.add(new UserFunction(calcite));
      }
      operators.put(function.name(), List.copyOf(overloads));
    }
    return new UserFunctionOperators(functions, operators, null);
  }

  /**
   * What to add to Calcite's "No match found for function signature" for a call of {@code name}:
   * the signatures a user-defined function takes, or, for a name no function has, how to declare
   * one and the names nearest to it. Starts with a space when not empty.
   */
  public String hint(String name) {
    for (FunctionDefinition function : functions) {
      if (function.name().equalsIgnoreCase(name)) {
        List<String> signatures = function.signatures();
        return " " + function.name() + " is class '" + function.className() + "', whose eval method" + (signatures.size() == 1 ? " takes "
            : "s take ") + String.join(" or ", signatures) + ".";
      }
    }
    List<String> builtIns = SluiceOperatorTable.functionNames();
    if (builtIns.contains(name.toUpperCase(Locale.ROOT))) return "";
    if (unavailableIn != null) {
      return " User-defined functions cannot be called in " + unavailableIn + "; call " + name + " in a view or a query instead.";
    }
    List<String> names = new ArrayList<>(builtIns);
    functions.forEach(f -> names.add(f.name()));
    return " There is no function named '" + name + "'." + NameSuggestions.hint(name, names)
        + " A user-defined function is declared first, with CREATE FUNCTION " + name + " AS 'com.example.ItsClass'.";
  }

  @Override
  public void lookupOperatorOverloads(SqlIdentifier name, SqlFunctionCategory category, SqlSyntax syntax, List<SqlOperator> operators,
      SqlNameMatcher nameMatcher) {
    if (syntax != SqlSyntax.FUNCTION || !name.isSimple() || (category != null && category.isTableFunction())) return;
    for (Map.Entry<String, List<SqlOperator>> function : operatorsByName.entrySet()) {
      if (nameMatcher.matches(function.getKey(), name.getSimple())) operators.addAll(function.getValue());
    }
  }

  @Override
  public List<SqlOperator> getOperatorList() {
    List<SqlOperator> all = new ArrayList<>();
    operatorsByName.values().forEach(all::addAll);
    return all;
  }

  /** Calcite's operator for one {@code eval} method, refusing a nullable argument for a primitive parameter. */
  private static final class UserFunction extends SqlUserDefinedFunction {
    private final Method method;

    UserFunction(SqlUserDefinedFunction calcite) {
      super(calcite.getNameAsId(), calcite.getKind(), calcite.getReturnTypeInference(), calcite.getOperandTypeInference(),
          calcite.getOperandTypeChecker(), calcite.function, calcite.getSyntax());
      this.method = ((ScalarFunctionImpl) calcite.function).method;
    }

    @Override
    public boolean checkOperandTypes(SqlCallBinding call, boolean throwOnFailure) {
      if (!super.checkOperandTypes(call, throwOnFailure)) return false;
      Class<?>[] parameters = method.getParameterTypes();
      for (int i = 0; i < Math.min(parameters.length, call.getOperandCount()); i++) {
        if (parameters[i].isPrimitive() && call.getOperandType(i).isNullable()) {
          if (!throwOnFailure) return false;
          throw nullableArgumentForPrimitive(call.operand(i), i, parameters[i]);
        }
      }
      return true;
    }

    private CalciteContextException nullableArgumentForPrimitive(SqlNode argument, int index, Class<?> parameter) {
      String boxed = Primitive.of(parameter).boxClass.getSimpleName();
      String message = "Argument " + (index + 1) + " of " + getName() + " may be NULL, but " + method.getDeclaringClass().getSimpleName()
          + "." + method.getName() + FunctionDefinition.signature(method) + " takes it as a primitive " + parameter.getName()
          + ", which cannot hold NULL. Pass a value that is never NULL (wrap the argument in COALESCE, say), or declare the "
          + "parameter as " + boxed + " to receive NULLs.";
      SqlParserPos at = argument.getParserPosition();
      return new CalciteContextException(message, new SqlValidatorException(message, null), at.getLineNum(), at.getColumnNum(),
          at.getEndLineNum(), at.getEndColumnNum());
    }
  }
}
