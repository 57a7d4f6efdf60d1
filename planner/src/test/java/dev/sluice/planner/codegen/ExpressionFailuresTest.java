package dev.sluice.planner.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.planner.calcite.SluiceTypeFactory;
import dev.sluice.planner.translate.ExpressionResolver;
import dev.sluice.runtime.function.CalcFunction;
import dev.sluice.runtime.function.ExpressionFailedException;
import java.util.List;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/** A compiled expression that fails names itself, its column and the row, and keeps what it threw as the cause. */
class ExpressionFailuresTest {
  private static final JavaTypeFactory TYPES = SluiceTypeFactory.INSTANCE;
  private static final RexBuilder REX = new RexBuilder(TYPES);
  private static final RelDataType ROW = TYPES.builder()
      .add("x", TYPES.createTypeWithNullability(TYPES.createSqlType(SqlTypeName.INTEGER), true))
      .add("s", TYPES.createTypeWithNullability(TYPES.createSqlType(SqlTypeName.VARCHAR), true))
      .build();

  private static List<RexNode> resolve(String... expressions) {
    return ExpressionResolver.resolve(ROW, List.of(expressions), null);
  }

  @Test
  void aFailingCastNamesTheCastItsColumnAndTheRow() {
    CalcFunction function = ExpressionCompiler.compile(ROW, resolve("x + 1", "CAST(s AS INT)"), List.of("next", "n"), null, REX);
    assertArrayEquals(new Object[] {2, 7}, function.apply(new Object[] {1, "7"}));
    ExpressionFailedException e = assertThrows(ExpressionFailedException.class, () -> function.apply(new Object[] {1, "abc"}));
    assertEquals("Cannot evaluate CAST(`s` AS INTEGER) for column 'n': For input string: \"abc\", on the row (x = 1, s = 'abc')",
        e.getMessage());
    assertInstanceOf(NumberFormatException.class, e.getCause());
  }

  @Test
  void aDivisionByZeroInAFilterNamesTheCondition() {
    RexNode condition = resolve("10 / x > 1").get(0);
    CalcFunction function = ExpressionCompiler.compile(ROW, resolve("s"), List.of("s"), condition, REX);
    ExpressionFailedException e = assertThrows(ExpressionFailedException.class, () -> function.apply(new Object[] {0, "a"}));
    assertEquals("Cannot evaluate 10 / `x` > 1 for the filter condition: / by zero, on the row (x = 0, s = 'a')", e.getMessage());
    assertInstanceOf(ArithmeticException.class, e.getCause());
  }
}
