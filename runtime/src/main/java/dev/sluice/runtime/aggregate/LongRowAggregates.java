package dev.sluice.runtime.aggregate;

import dev.sluice.runtime.state.StateReader;
import dev.sluice.runtime.state.StateWriter;
import dev.sluice.runtime.type.TypeKind;
import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A group's aggregates as a row of longs, for operators that keep groups in primitive tables:
 * {@code COUNT}, {@code SUM} and (over insert-only input) {@code MIN}/{@code MAX} of whole numbers,
 * each possibly with {@code FILTER}. {@link #handles} says when it applies.
 *
 * <p>Column {@link #ROWS} counts the group's input rows (the group is gone when it drops to 0);
 * then each aggregate has its running value and, where SQL needs it, its count of non-NULL values
 * ({@code SUM} over none is NULL; {@code MIN} and {@code MAX} keep 1 there once they have a value).
 * An unfiltered {@code COUNT(*)} is the row count and takes no column. Results come out as {@link
 * GroupAccumulators} gives them, with values of the same classes, and are written to checkpoints as
 * its accumulators write theirs.
 */
public final class LongRowAggregates {
  /** What an aggregate does with its columns in a group's row. */
  private static final byte COUNT_ROWS = 0;
  private static final byte COUNT_FILTERED_ROWS = 1;
  private static final byte COUNT_VALUES = 2;
  private static final byte SUM = 3;
  private static final byte MIN = 4;
  private static final byte MAX = 5;

  /** Column 0 of a group's row: how many input rows the group has. */
  public static final int ROWS = 0;

  private final byte[] operations;
  private final int[] arguments;
  private final int[] filters;
  /** Where each aggregate's value is in a group's row. */
  private final int[] columns;
  /** The class of each result value: {@code Long} for a count, as {@code COUNT} returns, else the result type's. */
  private final Class<?>[] resultClasses;
  private final boolean[] zeroWhenEmpty;
  /** The aggregates that keep a column, in order: an unfiltered {@code COUNT(*)} reads the row count. */
  private final int[] accumulated;
  private final int width;

  /** @param calls aggregates for which {@link #handles} holds */
  public LongRowAggregates(AggregateCall[] calls) {
    int n = calls.length;
    operations = new byte[n];
    arguments = new int[n];
    filters = new int[n];
    columns = new int[n];
    resultClasses = new Class<?>[n];
    zeroWhenEmpty = new boolean[n];
    int width = 1;
    for (int c = 0; c < n; c++) {
      AggregateCall call = calls[c];
      operations[c] = operation(call);
      arguments[c] = call.argument();
      filters[c] = call.filterArgument();
      resultClasses[c] = operations[c] <= COUNT_VALUES ? Long.class : call.resultType().kind().javaClass();
      zeroWhenEmpty[c] = call.kind() == AggregateKind.SUM0;
      columns[c] = operations[c] == COUNT_ROWS ? ROWS : width;
      width += switch (operations[c]) {
        case COUNT_ROWS -> 0;
        case COUNT_FILTERED_ROWS, COUNT_VALUES -> 1;
        default -> 2;
      };
    }
    this.width = width;
    this.accumulated = IntStream.range(0, n).filter(c -> operations[c] != COUNT_ROWS).toArray();
  }

  /**
   * Whether every aggregate is one this row computes: without {@code DISTINCT}, and one of {@code
   * COUNT(*)}, {@code COUNT(x)} of any type, {@code SUM(x)} or {@code $SUM0(x)} of a whole-number
   * column with a whole-number result, {@code MIN(x)} or {@code MAX(x)} of a whole-number column of
   * the result's type over insert-only input.
   *
   * @param columnKinds the type of each input column
   */
  public static boolean handles(AggregateCall[] calls, List<TypeKind> columnKinds) {
    for (AggregateCall call : calls) {
      if (call.distinct()) return false;
      TypeKind argument = call.argument() < 0 ? null : columnKinds.get(call.argument());
      TypeKind result = call.resultType().kind();
      boolean handled = switch (call.kind()) {
        case COUNT_STAR, COUNT -> true;
        case SUM, SUM0 -> isWholeNumber(argument) && isWholeNumber(result);
        case MIN, MAX -> !call.retractable() && isWholeNumber(argument) && result == argument;
        default -> false;
      };
      if (!handled) return false;
    }
    return true;
  }

  public static boolean isWholeNumber(TypeKind kind) {
    return kind == TypeKind.TINYINT || kind == TypeKind.SMALLINT || kind == TypeKind.INTEGER || kind == TypeKind.BIGINT;
  }

  private static byte operation(AggregateCall call) {
    if (call.distinct()) throw new IllegalArgumentException("DISTINCT aggregates need GroupAccumulators: " + call);
    return switch (call.kind()) {
      case COUNT_STAR -> call.filterArgument() < 0 ? COUNT_ROWS : COUNT_FILTERED_ROWS;
      case COUNT -> COUNT_VALUES;
      case SUM, SUM0 -> SUM;
      case MIN -> MIN;
      case MAX -> MAX;
      default -> throw new IllegalArgumentException(call.kind() + " needs GroupAccumulators: " + call);
    };
  }

  /** Longs per group: the row count and each aggregate's columns. */
  public int width() {
    return width;
  }

  /** The number of aggregates, so of result values. */
  public int size() {
    return operations.length;
  }

  /** Adds {@code row} to, or retracts it from, the group's row at {@code base}. */
  public void accumulate(long[] rows, int base, Object[] row, boolean add) {
    long delta = add ? 1 : -1;
    rows[base + ROWS] += delta;
    for (int c : accumulated) {
      int filter = filters[c];
      if (filter >= 0 && !Boolean.TRUE.equals(row[filter])) continue;
      int at = base + columns[c];
      switch (operations[c]) {
        case COUNT_FILTERED_ROWS -> rows[at] += delta;
        case COUNT_VALUES -> {
          if (row[arguments[c]] != null) rows[at] += delta;
        }
        case SUM -> {
          Object value = row[arguments[c]];
          if (value != null) {
            // Multiplying by -1 subtracts, wrapping on overflow exactly as the subtraction would.
            rows[at] += delta * ((Number) value).longValue();
            rows[at + 1] += delta;
          }
        }
        default -> {
          if (!add) throw new IllegalStateException("MIN/MAX over insert-only input received a retraction");
          Object value = row[arguments[c]];
          if (value != null) {
            long v = ((Number) value).longValue();
            if (rows[at + 1] == 0 || (operations[c] == MIN ? v < rows[at] : v > rows[at])) rows[at] = v;
            rows[at + 1] = 1;
          }
        }
      }
    }
  }

  /** Whether the groups' rows at {@code a} and {@code b} give equal results. */
  public boolean sameResult(long[] aRows, int a, long[] bRows, int b) {
    for (int c = 0; c < operations.length; c++) {
      boolean aNull = isNullResult(c, aRows, a);
      if (aNull != isNullResult(c, bRows, b)) return false;
      if (!aNull && narrow(c, aRows[a + columns[c]]) != narrow(c, bRows[b + columns[c]])) return false;
    }
    return true;
  }

  private boolean isNullResult(int c, long[] rows, int base) {
    return operations[c] >= SUM && rows[base + columns[c] + 1] == 0 && !zeroWhenEmpty[c];
  }

  /** The value as the result's class holds it: a SUM of INT wraps at 32 bits, as its {@code Integer} does. */
  private long narrow(int c, long value) {
    Class<?> type = resultClasses[c];
    if (type == Integer.class) return (int) value;
    if (type == Short.class) return (short) value;
    if (type == Byte.class) return (byte) value;
    return value;
  }

  /** Writes the group's results, from its row at {@code base}, into {@code into} from {@code at}, each boxed as its result type. */
  public void result(long[] rows, int base, Object[] into, int at) {
    for (int c = 0; c < operations.length; c++) {
      into[at + c] = isNullResult(c, rows, base) ? null : box(rows[base + columns[c]], resultClasses[c]);
    }
  }

  /** {@code value} boxed as {@code type}, a whole-number class. */
  public static Object box(long value, Class<?> type) {
    if (type == Integer.class) return (int) value;
    if (type == Short.class) return (short) value;
    if (type == Byte.class) return (byte) value;
    return value;
  }

  /**
   * Writes each aggregate's state as {@link GroupAccumulators#write} does ({@code COUNT}: the count;
   * {@code SUM}: the sum and count of values; {@code MIN}/{@code MAX}: the value or NULL).
   */
  public void write(long[] rows, int base, StateWriter out) throws IOException {
    for (int c = 0; c < operations.length; c++) {
      long value = rows[base + columns[c]];
      switch (operations[c]) {
        case COUNT_ROWS, COUNT_FILTERED_ROWS, COUNT_VALUES -> out.writeLong(value);
        case SUM -> {
          out.writeLong(value);
          out.writeLong(rows[base + columns[c] + 1]);
        }
        default -> out.writeValue(rows[base + columns[c] + 1] == 0 ? null : box(value, resultClasses[c]));
      }
    }
  }

  /** Reads what {@link #write} wrote into the group's row at {@code base}, whose {@link #ROWS} is already set. */
  public void read(StateReader in, long[] rows, int base) throws IOException {
    for (int c = 0; c < operations.length; c++) {
      int at = base + columns[c];
      switch (operations[c]) {
        case COUNT_ROWS -> in.readLong(); // COUNT(*) counted every row
        case COUNT_FILTERED_ROWS, COUNT_VALUES -> rows[at] = in.readLong();
        case SUM -> {
          rows[at] = in.readLong();
          rows[at + 1] = in.readLong();
        }
        default -> {
          Object value = in.readValue();
          rows[at] = value == null ? 0 : ((Number) value).longValue();
          rows[at + 1] = value == null ? 0 : 1;
        }
      }
    }
  }
}
