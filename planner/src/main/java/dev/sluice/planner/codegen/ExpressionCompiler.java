package dev.sluice.planner.codegen;

import dev.sluice.planner.PlanningException;
import dev.sluice.planner.calcite.SluiceTypeFactory;
import dev.sluice.runtime.function.CalcFunction;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.FieldDeclaration;
import org.apache.calcite.linq4j.tree.MethodDeclaration;
import org.apache.calcite.linq4j.tree.ParameterExpression;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.codehaus.commons.compiler.InternalCompilerException;
import org.codehaus.janino.ClassBodyEvaluator;

/**
 * Compiles a filter and projection over a row into a JVM class implementing {@link CalcFunction}:
 * Calcite's RexToLixTranslator writes the Java (with Calcite's own semantics for every function
 * and NULL), Janino turns it into bytecode. Nothing is interpreted per row.
 *
 * <p>A failure while evaluating is explained ({@link ExpressionFailures}): which expression, for
 * which column, on which row.
 *
 * <p>A user-defined function is called as Calcite calls any schema function; Sluice makes its
 * instance a field of the compiled class ({@link FunctionInstanceFields}) and defines the class in
 * a loader that sees the function's class ({@link UserFunctionClasses}).
 */
public final class ExpressionCompiler {
  private static final AtomicLong CLASS_COUNTER = new AtomicLong();

  private ExpressionCompiler() {}

  /** A function returning {@code projects} of each row that passes {@code condition} (null: all rows). */
  public static CalcFunction compile(RelDataType inputType, List<RexNode> projects, RexNode condition, RexBuilder rexBuilder) {
    return compile(inputType, projects, null, condition, rexBuilder);
  }

  /**
   * As {@link #compile(RelDataType, List, RexNode, RexBuilder)}, the projections computing the
   * columns {@code columnNames}, which an error names (null: the projections are no named columns).
   */
  public static CalcFunction compile(RelDataType inputType, List<RexNode> projects, List<String> columnNames, RexNode condition,
      RexBuilder rexBuilder) {
    RexProgramBuilder builder = new RexProgramBuilder(inputType, rexBuilder);
    for (int i = 0; i < projects.size(); i++) builder.addProject(projects.get(i), "c" + i);
    if (condition != null) builder.addCondition(condition);
    return compile(builder.getProgram(), rexBuilder, columnNames);
  }

  /** A function computing {@code program}; an error names the column of the program's output row type that failed. */
  public static CalcFunction compile(RexProgram program, RexBuilder rexBuilder) {
    return compile(program, rexBuilder, program.getOutputRowType().getFieldNames());
  }

  private static CalcFunction compile(RexProgram program, RexBuilder rexBuilder, List<String> columnNames) {
    ExplainingCalcFunction function = compileUnexplained(program, rexBuilder);
    function.explainFailuresWith(new ExpressionFailures(program, rexBuilder, columnNames));
    return function;
  }

  /** {@code expression} alone, for finding which of a program's expressions failed; its own failures are left unexplained. */
  static CalcFunction compileAlone(RelDataType inputType, RexNode expression, RexBuilder rexBuilder) {
    RexProgramBuilder builder = new RexProgramBuilder(inputType, rexBuilder);
    builder.addProject(expression, "c0");
    return compileUnexplained(builder.getProgram(), rexBuilder);
  }

  private static ExplainingCalcFunction compileUnexplained(RexProgram program, RexBuilder rexBuilder) {
    program = StrictTimeCasts.rewrite(TimestampsAsMillis.rewrite(IntegerModulo.rewrite(program, rexBuilder), rexBuilder), rexBuilder);
    UserFunctionClasses functions = UserFunctionClasses.calledBy(program);
    return instantiate(generate(program, functions), functions.loader(ExpressionCompiler.class.getClassLoader()));
  }

  /** The Java source of the class body, for tests and for reading what runs. */
  public static String generate(RexProgram program) {
    return generate(program, UserFunctionClasses.calledBy(program));
  }

  private static String generate(RexProgram program, UserFunctionClasses functions) {
    refuseCasesTooLarge(program);
    var typeFactory = SluiceTypeFactory.INSTANCE;
    ParameterExpression input = Expressions.parameter(Object[].class, "input");
    PhysType inputPhysType = PhysTypeImpl.of(typeFactory, program.getInputRowType(), JavaRowFormat.ARRAY, false);
    PhysType outputPhysType = PhysTypeImpl.of(typeFactory, program.getOutputRowType(), JavaRowFormat.ARRAY, false);
    RexToLixTranslator.InputGetter getter = new RexToLixTranslator.InputGetterImpl(input, inputPhysType);

    BlockBuilder body = new BlockBuilder();
    if (program.getCondition() != null) {
      Expression condition = RexToLixTranslator.translateCondition(program, typeFactory, body, getter, null, SqlConformanceEnum.DEFAULT);
      body.add(Expressions.ifThen(Expressions.not(condition), Expressions.return_(null, Expressions.constant(null, Object[].class))));
    }
    List<Expression> values = RexToLixTranslator.translateProjects(
        program, typeFactory, SqlConformanceEnum.DEFAULT, body, null, outputPhysType, DataContext.ROOT, getter, null);
    body.add(Expressions.return_(null, Expressions.newArrayInit(Object.class, box(values))));
    MethodDeclaration apply = Expressions.methodDecl(Modifier.PRIVATE, Object[].class, "evaluate", List.of(input), body.toBlock());
    FunctionInstanceFields instances = new FunctionInstanceFields(functions);
    if (!functions.isEmpty()) apply = (MethodDeclaration) apply.accept(instances);
    StringBuilder code = new StringBuilder();
    code.append("private final org.apache.calcite.DataContext root = ").append(StreamDataContext.class.getName()).append(".INSTANCE;\n");
    for (FieldDeclaration field : instances.declarations()) code.append(Expressions.toString(field));
    // A handler costs nothing until something is thrown: the row loop pays nothing for the explanation.
    code.append("public Object[] apply(Object[] input) {\n  try {\n    return evaluate(input);\n  } catch (RuntimeException e) {\n")
        .append("    throw explain(input, e);\n  }\n}\n");
    return code.append(Expressions.toString(apply)).toString();
  }

  private static List<Expression> box(List<Expression> values) {
    return values.stream().map(v -> v.getType() instanceof Class<?> c && c.isPrimitive() ? Expressions.box(v) : v).toList();
  }

  /**
   * The most local variables the generated method may declare. Janino copies the map of a block's
   * locals at each declaration, so its time and memory grow with the square of their number (an IN
   * of 10,000 values, 20,000 locals, ran out of a 1 GB heap after 40 s), and a JVM method holds at
   * most 64 KB of bytecode, about 16 bytes a local at the least in the code measured: no method
   * past this many could be loaded anyway.
   */
  static final int MAX_LOCALS = 4_000;

  /** The most WHEN branches of one CASE; 500 measured to fit one method. */
  static final int MAX_CASE_BRANCHES = 1_000;

  /** The most characters of generated Java handed to Janino; a CASE of 500 branches measured 1.6 MB. */
  static final int MAX_CODE_CHARS = 8 << 20;

  /** Compiles {@code code} into a class defined in {@code loader}, which sees the user-defined functions it calls. */
  private static ExplainingCalcFunction instantiate(String code, ClassLoader loader) {
    if (code.length() > MAX_CODE_CHARS || localsDeclared(code) > MAX_LOCALS) throw tooLarge(null);
    try {
      ClassBodyEvaluator evaluator = new ClassBodyEvaluator();
      evaluator.setClassName("dev.sluice.generated.Calc" + CLASS_COUNTER.incrementAndGet());
      evaluator.setExtendedClass(ExplainingCalcFunction.class);
      evaluator.setParentClassLoader(loader);
      evaluator.cook(code);
      return (ExplainingCalcFunction) evaluator.getClazz().getDeclaredConstructor().newInstance();
    } catch (InternalCompilerException e) {
      if (String.valueOf(e.getMessage()).contains("grows beyond 64 KB")) throw tooLarge(e);
      throw new PlanningException("Internal error: could not compile generated expression code: " + e.getMessage() + "\n" + code, null, e);
    } catch (Exception e) {
      throw new PlanningException("Internal error: could not compile generated expression code: " + e.getMessage() + "\n" + code, null, e);
    }
  }

  /**
   * Refuses a CASE of more than {@link #MAX_CASE_BRANCHES} branches before Calcite translates it:
   * RexToLixTranslator nests each branch's code in the one before, so its time grows with the
   * square of the branches (3,000 took over 7 minutes, writing tens of MB of Java) only for the
   * result to be past a JVM method's 64 KB.
   */
  private static void refuseCasesTooLarge(RexProgram program) {
    for (RexNode expression : program.getExprList()) {
      if (expression.getKind() == SqlKind.CASE && ((RexCall) expression).getOperands().size() / 2 > MAX_CASE_BRANCHES) {
        throw tooLarge(null);
      }
    }
  }

  /** Calcite declares each local of the generated code {@code final}, once per line. */
  private static long localsDeclared(String code) {
    long locals = 0;
    for (int at = code.indexOf("final "); at >= 0; at = code.indexOf("final ", at + 6)) locals++;
    return locals;
  }

  private static PlanningException tooLarge(Exception cause) {
    return new PlanningException("Statement too large: its filter and projections compile into one JVM method, which holds"
        + " at most 64 KB of bytecode. Measured: 500 OR terms or CASE branches fit, 1,000 OR terms and an IN of 10,000 values"
        + " do not, nor a CASE of more than " + MAX_CASE_BRANCHES + " branches. Split the expression into views, or put the"
        + " values in a table and join it", null, cause);
  }
}
