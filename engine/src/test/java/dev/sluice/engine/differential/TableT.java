package dev.sluice.engine.differential;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The table of the differential tests, {@code t (k VARCHAR, g INT, v BIGINT, d DOUBLE)}, and
 * random input for it: small value domains so groups repeat, NULLs in every column, keys with
 * spaces for SPLIT, and doubles that are exact binary fractions so sums do not depend on order.
 */
final class TableT {
  static final String DDL = "CREATE TABLE t (k VARCHAR, g INT, v BIGINT, d DOUBLE) WITH ('connector' = 'memory')";

  private TableT() {}

  /** One row of {@code t}; a record so that failing samples print readably. */
  record Row(String k, Integer g, Long v, Double d) {
    Object[] values() {
      return new Object[] {k, g, v, d};
    }
  }

  static Arbitrary<Row> rows() {
    Arbitrary<String> k = Arbitraries.of("a", "b", "a b", "b c a", "c", "").injectNull(0.15);
    Arbitrary<Integer> g = Arbitraries.integers().between(-2, 3).injectNull(0.15);
    Arbitrary<Long> v = Arbitraries.longs().between(-20, 20).injectNull(0.15);
    Arbitrary<Double> d = Arbitraries.of(-1.5, 0.0, 0.25, 1.0, 2.0, 7.75).injectNull(0.15);
    return Combinators.combine(k, g, v, d).as(Row::new);
  }

  /** The input split into batches; some batches are empty. */
  static Arbitrary<List<List<Row>>> batches() {
    return rows().list().ofMaxSize(7).list().ofMinSize(1).ofMaxSize(5);
  }

  static List<Object[]> values(List<Row> rows) {
    List<Object[]> values = new ArrayList<>(rows.size());
    for (Row row : rows) values.add(row.values());
    return values;
  }
}
