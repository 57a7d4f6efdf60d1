package dev.sluice.planner.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.planner.QueryPlanner;
import dev.sluice.planner.calcite.SluiceTypeFactory;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.FunctionDefinitions;
import dev.sluice.planner.catalog.TableDefinitions;
import dev.sluice.planner.physical.StreamCalc;
import dev.sluice.runtime.function.CalcFunction;
import dev.sluice.sql.StatementParser;
import dev.sluice.sql.ast.CreateFunction;
import dev.sluice.sql.ast.CreateTable;
import dev.sluice.sql.ast.SourcePosition;
import java.util.List;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexProgram;
import org.junit.jupiter.api.Test;

/** A user-defined function in compiled expression code: called like a built-in, one instance per compiled class. */
class UserFunctionCodeTest {

  private static StreamCalc plan(String query) {
    Catalog catalog = new Catalog();
    catalog.addTable(TableDefinitions.of((CreateTable) StatementParser.parseStatement(
        "CREATE TABLE t (v BIGINT NOT NULL, s VARCHAR) WITH ('connector' = 'memory')")), false);
    CreateFunction twice = (CreateFunction) StatementParser.parseStatement("CREATE FUNCTION twice AS '" + Twice.class.getName() + "'");
    catalog.addFunction(FunctionDefinitions.of(twice, List.of(UserFunctionCodeTest.class.getClassLoader())), false);
    return (StreamCalc) new QueryPlanner(catalog).plan(query, new SourcePosition(1, 1), null).root();
  }

  @Test
  void theFunctionsInstanceIsAFieldOfTheCompiledClassNotMadePerRow() {
    RexProgram program = plan("SELECT TWICE(v) AS a, twice(v + 1) AS b, twice(s) AS c FROM t WHERE twice(v) > 2").program();
    String code = ExpressionCompiler.generate(program);
    String creation = "new " + Twice.class.getName() + "()";

    assertEquals(1, code.split(java.util.regex.Pattern.quote(creation), -1).length - 1, "one instance for every call:\n" + code);
    assertTrue(code.indexOf(creation) < code.indexOf("public Object[] apply"), "made in a field, before the per-row method:\n" + code);
  }

  @Test
  void compiledCallsPickTheOverloadByArgumentTypeAndMakeOneInstance() {
    RexProgram program = plan("SELECT twice(v) AS a, twice(v + 1) AS b, twice(s) AS c FROM t WHERE twice(v) > 2").program();
    int before = Twice.INSTANCES.get();
    CalcFunction function = ExpressionCompiler.compile(program, new RexBuilder(SluiceTypeFactory.INSTANCE));

    assertArrayEquals(new Object[] {4L, 6L, "abab"}, function.apply(new Object[] {2L, "ab"}));
    assertArrayEquals(new Object[] {10L, 12L, null}, function.apply(new Object[] {5L, null}));
    assertNull(function.apply(new Object[] {1L, "x"}), "twice(1) = 2 is not > 2: filtered out");
    assertEquals(1, Twice.INSTANCES.get() - before, "one instance, made when the class was compiled");
  }
}
