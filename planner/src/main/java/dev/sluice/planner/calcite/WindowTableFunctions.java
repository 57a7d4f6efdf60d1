package dev.sluice.planner.calcite;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlHopTableFunction;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlSessionTableFunction;
import org.apache.calcite.sql.SqlTumbleTableFunction;
import org.apache.calcite.sql.SqlWindowTableFunction;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * TUMBLE, HOP and SESSION as Flink users know them: Calcite's window table functions, which add
 * {@code window_start} and {@code window_end}, plus {@code window_time}, the last instant inside
 * the window ({@code window_end} minus 1 ms), an event-time column to window or join on again.
 */
public final class WindowTableFunctions {
  public static final SqlOperator TUMBLE = new Tumble();
  public static final SqlOperator HOP = new Hop();
  public static final SqlOperator SESSION = new Session();

  private static final SqlReturnTypeInference WITH_WINDOW_TIME = WindowTableFunctions::withWindowTime;

  private WindowTableFunctions() {}

  private static RelDataType withWindowTime(SqlOperatorBinding binding) {
    RelDataType windowed = SqlWindowTableFunction.ARG0_TABLE_FUNCTION_WINDOWING.inferReturnType(binding);
    RelDataType end = windowed.getField("window_end", true, false).getType();
    return binding.getTypeFactory().builder().kind(windowed.getStructKind()).addAll(windowed.getFieldList())
        .add("window_time", SqlTypeName.TIMESTAMP, end.getPrecision()).build();
  }

  private static final class Tumble extends SqlTumbleTableFunction {
    @Override
    public SqlReturnTypeInference getRowTypeInference() {
      return WITH_WINDOW_TIME;
    }
  }

  private static final class Hop extends SqlHopTableFunction {
    @Override
    public SqlReturnTypeInference getRowTypeInference() {
      return WITH_WINDOW_TIME;
    }
  }

  private static final class Session extends SqlSessionTableFunction {
    @Override
    public SqlReturnTypeInference getRowTypeInference() {
      return WITH_WINDOW_TIME;
    }
  }
}
