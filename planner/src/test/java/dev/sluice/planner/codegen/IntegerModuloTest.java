package dev.sluice.planner.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sluice.planner.QueryPlanner;
import dev.sluice.planner.calcite.SluiceTypeFactory;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.TableDefinitions;
import dev.sluice.planner.physical.StreamCalc;
import dev.sluice.runtime.function.CalcFunction;
import dev.sluice.sql.StatementParser;
import dev.sluice.sql.ast.CreateTable;
import dev.sluice.sql.ast.SourcePosition;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexProgram;
import org.junit.jupiter.api.Test;

/** MOD of integers of different types runs in long arithmetic, with the batch query's results. */
class IntegerModuloTest {
  private static RexProgram program(String query) {
    Catalog catalog = new Catalog();
    catalog.addTable(TableDefinitions.of((CreateTable) StatementParser.parseStatement(
        "CREATE TABLE t (v BIGINT, i INT, s SMALLINT) WITH ('connector' = 'memory')")), false);
    return ((StreamCalc) new QueryPlanner(catalog).plan(query, new SourcePosition(1, 1), null).root()).program();
  }

  @Test
  void mixedTypesAreComputedWithoutBigDecimal() {
    String code = ExpressionCompiler.generate(IntegerModulo.rewrite(
        program("SELECT MOD(v, 10) AS a, v % i AS b, MOD(s, v) AS c FROM t WHERE MOD(v, 123) = 0"),
        new RexBuilder(SluiceTypeFactory.INSTANCE)));
    assertFalse(code.contains("BigDecimal"), code);
    assertFalse(code.contains("integerCast"), "the remainder fits the call's type without a range-checked cast: " + code);
  }

  @Test
  void remaindersKeepTheSignOfTheDividendAndNullsStayNull() {
    CalcFunction f = ExpressionCompiler.compile(
        program("SELECT MOD(v, 10) AS a, v % i AS b, MOD(s, v) AS c, MOD(v, s) AS d FROM t WHERE MOD(v, 3) <> 1"),
        new RexBuilder(SluiceTypeFactory.INSTANCE));
    assertArrayEquals(new Object[] {8, 3, 5L, (short) 3}, f.apply(new Object[] {9_000_000_008L, 5, (short) 5}));
    assertArrayEquals(new Object[] {-8, -2, 5L, (short) -3}, f.apply(new Object[] {-9_000_000_008L, 3, (short) 5}));
    assertArrayEquals(new Object[] {3, null, null, null}, f.apply(new Object[] {3L, null, null}));
    assertNull(f.apply(new Object[] {4L, 1, (short) 1}), "4 mod 3 = 1 is filtered out");
    assertNull(f.apply(new Object[] {null, 1, (short) 1}), "NULL mod 3 is not <> 1");
  }
}
