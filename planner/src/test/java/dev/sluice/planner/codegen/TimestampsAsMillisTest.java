package dev.sluice.planner.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.planner.calcite.FlinkFunctions;
import dev.sluice.planner.calcite.SluiceTypeFactory;
import dev.sluice.planner.translate.ExpressionResolver;
import java.util.List;
import java.util.Random;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.runtime.SqlFunctions;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/**
 * DATE_FORMAT of a timestamp column and PROCTIME() run on milliseconds, with the results they have
 * through java.sql.Timestamp.
 */
class TimestampsAsMillisTest {
  private static final JavaTypeFactory TYPES = SluiceTypeFactory.INSTANCE;
  private static final RexBuilder REX = new RexBuilder(TYPES);
  private static final RelDataType ROW = TYPES.builder()
      .add("ts", TYPES.createTypeWithNullability(TYPES.createSqlType(SqlTypeName.TIMESTAMP, 3), true))
      .build();
  private static final List<String> PATTERNS = List.of("yyyy-MM-dd", "HH:mm", "yyyy-MM-dd HH:mm:ss.SSS", "EEE d MMM uuuu");

  @Test
  void compiledCodeFormatsTheMillisecondsItself() {
    RexProgramBuilder builder = new RexProgramBuilder(ROW, REX);
    builder.addProject(ExpressionResolver.resolve(ROW, List.of("DATE_FORMAT(ts, 'yyyy-MM-dd HH:mm')"), null).get(0), "d");
    RexProgram program = TimestampsAsMillis.rewrite(builder.getProgram(), REX);
    String code = ExpressionCompiler.generate(program);
    assertTrue(code.contains("dateFormatMillis") && !code.contains("internalToTimestamp"), code);

    var function = ExpressionCompiler.compile(builder.getProgram(), REX);
    assertEquals("2023-11-14 22:13", function.apply(new Object[] {1_700_000_000_123L})[0]);
    assertNull(function.apply(new Object[] {null})[0]);
  }

  @Test
  void proctimeIsTheWallClockInMilliseconds() {
    RexProgramBuilder builder = new RexProgramBuilder(ROW, REX);
    builder.addProject(ExpressionResolver.resolve(ROW, List.of("PROCTIME()"), null).get(0), "p");
    String code = ExpressionCompiler.generate(TimestampsAsMillis.rewrite(builder.getProgram(), REX));
    assertTrue(code.contains("proctimeMillis") && !code.contains("Timestamp"), code);

    var function = ExpressionCompiler.compile(builder.getProgram(), REX);
    long before = System.currentTimeMillis();
    long now = (Long) function.apply(new Object[] {null})[0];
    assertTrue(before <= now && now <= System.currentTimeMillis(), "PROCTIME() " + now + " after " + before);
  }

  @Test
  void formatsAsTheTimestampFormDoes() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      // Both sides of 1970, and runs of equal milliseconds, which share the text.
      long millis = i % 3 == 0 ? 1_700_000_000_000L + i / 3 : random.nextLong(-5_000_000_000_000L, 5_000_000_000_000L);
      for (String pattern : PATTERNS) {
        assertEquals(FlinkFunctions.dateFormat(SqlFunctions.internalToTimestamp(millis), pattern), FlinkFunctions.dateFormatMillis(millis, pattern),
            pattern + " of " + millis);
      }
    }
  }
}
