package dev.sluice.runtime.aggregate;

import dev.sluice.runtime.state.StateReader;
import dev.sluice.runtime.state.StateWriter;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.TypeKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

/** The accumulator of each {@link AggregateKind}. */
final class Accumulators {
  private Accumulators() {}

  static Accumulator create(AggregateCall call) {
    DataType type = call.resultType();
    return switch (call.kind()) {
      case COUNT_STAR, COUNT -> new Count();
      case SUM -> sum(type, false);
      case SUM0 -> sum(type, true);
      case AVG -> new Avg(type);
      case MIN -> call.retractable() ? new RetractableExtreme(true) : new Extreme(true);
      case MAX -> call.retractable() ? new RetractableExtreme(false) : new Extreme(false);
      case ANY_VALUE -> new AnyValue();
    };
  }

  private static Accumulator sum(DataType type, boolean zeroWhenEmpty) {
    return switch (type.kind()) {
      case DOUBLE, FLOAT -> new DoubleSum(type.kind(), zeroWhenEmpty);
      case DECIMAL -> new DecimalSum(zeroWhenEmpty);
      default -> new LongSum(type.kind(), zeroWhenEmpty);
    };
  }

  /** Converts a whole number to the class of an integral result type. */
  static Object integral(long value, TypeKind kind) {
    return switch (kind) {
      case TINYINT -> (byte) value;
      case SMALLINT -> (short) value;
      case INTEGER -> (int) value;
      case DOUBLE -> (double) value;
      case FLOAT -> (float) value;
      case DECIMAL -> BigDecimal.valueOf(value);
      default -> value;
    };
  }

  static final class Count implements Accumulator {
    long count;

    @Override
    public void add(Object value) {
      if (value != null) count++;
    }

    @Override
    public void retract(Object value) {
      if (value != null) count--;
    }

    @Override
    public void merge(Accumulator other) {
      count += ((Count) other).count;
    }

    @Override
    public Object result() {
      return count;
    }

    @Override
    public void write(StateWriter out) throws IOException {
      out.writeLong(count);
    }

    @Override
    public void read(StateReader in) throws IOException {
      count = in.readLong();
    }
  }

  static final class LongSum implements Accumulator {
    private final TypeKind kind;
    private final boolean zeroWhenEmpty;
    long sum;
    long count;

    LongSum(TypeKind kind, boolean zeroWhenEmpty) {
      this.kind = kind;
      this.zeroWhenEmpty = zeroWhenEmpty;
    }

    @Override
    public void add(Object value) {
      if (value == null) return;
      sum += ((Number) value).longValue();
      count++;
    }

    @Override
    public void retract(Object value) {
      if (value == null) return;
      sum -= ((Number) value).longValue();
      count--;
    }

    @Override
    public void merge(Accumulator other) {
      LongSum o = (LongSum) other;
      sum += o.sum;
      count += o.count;
    }

    @Override
    public Object result() {
      return count == 0 && !zeroWhenEmpty ? null : integral(sum, kind);
    }

    @Override
    public void write(StateWriter out) throws IOException {
      out.writeLong(sum);
      out.writeLong(count);
    }

    @Override
    public void read(StateReader in) throws IOException {
      sum = in.readLong();
      count = in.readLong();
    }
  }

  static final class DoubleSum implements Accumulator {
    private final TypeKind kind;
    private final boolean zeroWhenEmpty;
    double sum;
    long count;

    DoubleSum(TypeKind kind, boolean zeroWhenEmpty) {
      this.kind = kind;
      this.zeroWhenEmpty = zeroWhenEmpty;
    }

    @Override
    public void add(Object value) {
      if (value == null) return;
      sum += ((Number) value).doubleValue();
      count++;
    }

    @Override
    public void retract(Object value) {
      if (value == null) return;
      sum -= ((Number) value).doubleValue();
      count--;
      if (count == 0) sum = 0; // forget rounding residue once the group is empty
    }

    @Override
    public void merge(Accumulator other) {
      DoubleSum o = (DoubleSum) other;
      sum += o.sum;
      count += o.count;
    }

    @Override
    public Object result() {
      if (count == 0 && !zeroWhenEmpty) return null;
      return kind == TypeKind.FLOAT ? (Object) (float) sum : (Object) sum;
    }

    @Override
    public void write(StateWriter out) throws IOException {
      out.writeDouble(sum);
      out.writeLong(count);
    }

    @Override
    public void read(StateReader in) throws IOException {
      sum = in.readDouble();
      count = in.readLong();
    }
  }

  static final class DecimalSum implements Accumulator {
    private final boolean zeroWhenEmpty;
    BigDecimal sum = BigDecimal.ZERO;
    long count;

    DecimalSum(boolean zeroWhenEmpty) {
      this.zeroWhenEmpty = zeroWhenEmpty;
    }

    private static BigDecimal decimal(Object value) {
      return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
    }

    @Override
    public void add(Object value) {
      if (value == null) return;
      sum = sum.add(decimal(value));
      count++;
    }

    @Override
    public void retract(Object value) {
      if (value == null) return;
      sum = sum.subtract(decimal(value));
      count--;
    }

    @Override
    public void merge(Accumulator other) {
      DecimalSum o = (DecimalSum) other;
      sum = sum.add(o.sum);
      count += o.count;
    }

    @Override
    public Object result() {
      return count == 0 && !zeroWhenEmpty ? null : sum;
    }

    @Override
    public void write(StateWriter out) throws IOException {
      out.writeValue(sum);
      out.writeLong(count);
    }

    @Override
    public void read(StateReader in) throws IOException {
      sum = (BigDecimal) in.readValue();
      count = in.readLong();
    }
  }

  /** AVG: the sum and count of non-NULL values; DOUBLE for binary numbers, DECIMAL otherwise. */
  static final class Avg implements Accumulator {
    private final DataType type;
    private final Accumulator sum;
    long count;

    Avg(DataType type) {
      this.type = type;
      this.sum = type.kind() == TypeKind.DECIMAL ? new DecimalSum(false) : new DoubleSum(TypeKind.DOUBLE, false);
    }

    @Override
    public void add(Object value) {
      if (value == null) return;
      sum.add(value);
      count++;
    }

    @Override
    public void retract(Object value) {
      if (value == null) return;
      sum.retract(value);
      count--;
    }

    @Override
    public void merge(Accumulator other) {
      Avg o = (Avg) other;
      sum.merge(o.sum);
      count += o.count;
    }

    @Override
    public Object result() {
      if (count == 0) return null;
      Object total = sum.result();
      return switch (type.kind()) {
        case DECIMAL -> ((BigDecimal) total).divide(BigDecimal.valueOf(count), new MathContext(Math.max(type.precision(), 19), RoundingMode.HALF_UP))
            .setScale(Math.max(type.scale(), 0), RoundingMode.HALF_UP);
        case DOUBLE -> ((Double) total) / count;
        case FLOAT -> (float) (((Double) total) / count);
        default -> integral((long) (((Double) total) / count), type.kind());
      };
    }

    @Override
    public void write(StateWriter out) throws IOException {
      sum.write(out);
      out.writeLong(count);
    }

    @Override
    public void read(StateReader in) throws IOException {
      sum.read(in);
      count = in.readLong();
    }
  }

  /** MIN or MAX over insert-only input: one value. */
  static final class Extreme implements Accumulator {
    private final boolean min;
    Object value;

    Extreme(boolean min) {
      this.min = min;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void add(Object v) {
      if (v == null) return;
      if (value == null) {
        value = v;
      } else {
        int c = ((Comparable) v).compareTo(value);
        if (min ? c < 0 : c > 0) value = v;
      }
    }

    @Override
    public void retract(Object v) {
      throw new IllegalStateException("MIN/MAX over insert-only input received a retraction");
    }

    @Override
    public void merge(Accumulator other) {
      add(((Extreme) other).value);
    }

    @Override
    public Object result() {
      return value;
    }

    @Override
    public void write(StateWriter out) throws IOException {
      out.writeValue(value);
    }

    @Override
    public void read(StateReader in) throws IOException {
      value = in.readValue();
    }
  }

  /** MIN or MAX over updating input: every value with its multiplicity, so a retraction of the extreme finds the next one. */
  static final class RetractableExtreme implements Accumulator {
    private final boolean min;
    final TreeMap<Object, long[]> values = new TreeMap<>();

    RetractableExtreme(boolean min) {
      this.min = min;
    }

    @Override
    public void add(Object v) {
      if (v == null) return;
      values.computeIfAbsent(v, k -> new long[1])[0]++;
    }

    @Override
    public void retract(Object v) {
      if (v == null) return;
      long[] count = values.get(v);
      if (count != null && --count[0] == 0) values.remove(v);
    }

    @Override
    public void merge(Accumulator other) {
      for (Map.Entry<Object, long[]> e : ((RetractableExtreme) other).values.entrySet()) {
        values.computeIfAbsent(e.getKey(), k -> new long[1])[0] += e.getValue()[0];
      }
    }

    @Override
    public Object result() {
      if (values.isEmpty()) return null;
      return min ? values.firstKey() : values.lastKey();
    }

    @Override
    public void write(StateWriter out) throws IOException {
      out.writeInt(values.size());
      for (Map.Entry<Object, long[]> e : values.entrySet()) {
        out.writeValue(e.getKey());
        out.writeLong(e.getValue()[0]);
      }
    }

    @Override
    public void read(StateReader in) throws IOException {
      values.clear();
      for (int i = in.readInt(); i > 0; i--) {
        Object key = in.readValue();
        values.put(key, new long[] {in.readLong()});
      }
    }
  }

  static final class AnyValue implements Accumulator {
    Object value;

    @Override
    public void add(Object v) {
      if (v != null) value = v;
    }

    @Override
    public void retract(Object v) {}

    @Override
    public void merge(Accumulator other) {
      add(((AnyValue) other).value);
    }

    @Override
    public Object result() {
      return value;
    }

    @Override
    public void write(StateWriter out) throws IOException {
      out.writeValue(value);
    }

    @Override
    public void read(StateReader in) throws IOException {
      value = in.readValue();
    }
  }
}
