package dev.sluice.planner.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.planner.calcite.SluiceTypeFactory;
import dev.sluice.planner.translate.ExpressionResolver;
import dev.sluice.runtime.function.CalcFunction;
import dev.sluice.runtime.function.ExpressionFailedException;
import java.util.List;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/**
 * CAST of text to TIME reads the time as strictly as a TIME column of a file does: hour 24, minute
 * 61 or second 60 fail the cast, naming it, instead of becoming a time of day past midnight that
 * nothing downstream can show or write.
 */
class StrictTimeCastTest {
  private static final JavaTypeFactory TYPES = SluiceTypeFactory.INSTANCE;
  private static final RexBuilder REX = new RexBuilder(TYPES);
  private static final RelDataType ROW = TYPES.builder()
      .add("s", TYPES.createTypeWithNullability(TYPES.createSqlType(SqlTypeName.VARCHAR), true))
      .build();

  private static CalcFunction castToTime() {
    return ExpressionCompiler.compile(ROW, ExpressionResolver.resolve(ROW, List.of("CAST(s AS TIME)"), null), List.of("t"), null, REX);
  }

  @Test
  void aValidTimeIsItsMillisecondsOfTheDay() {
    CalcFunction function = castToTime();
    assertEquals(45_296_000, function.apply(new Object[] {"12:34:56"})[0]);
    assertEquals(86_399_999, function.apply(new Object[] {" 23:59:59.999 "})[0]);
    assertNull(function.apply(new Object[] {null})[0]);
  }

  @Test
  void anHourOf24OrAMinuteOrSecondOutOfRangeFailsTheCast() {
    CalcFunction function = castToTime();
    for (String text : List.of("24:00:00", "25:61:00", "23:59:60", "12:75:00")) {
      ExpressionFailedException e = assertThrows(ExpressionFailedException.class, () -> function.apply(new Object[] {text}), text);
      assertTrue(e.getMessage().startsWith("Cannot evaluate CAST(`s` AS TIME(0)) for column 't': "), e.getMessage());
      assertTrue(e.getMessage().contains("Text '" + text + "' could not be parsed"), e.getMessage());
    }
  }
}
