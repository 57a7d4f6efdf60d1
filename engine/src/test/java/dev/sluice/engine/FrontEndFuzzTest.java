package dev.sluice.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Generated deep, wide and mutated statements through the API and the JDBC driver: the API
 * refuses with a SluiceException or runs them, never a StackOverflowError or NullPointerException;
 * the driver throws only SQLException. Bounded in count, and in size, to run in well under a
 * minute; a deep or wide failure is not shrunk, since each try of a deep statement costs a plan.
 */
class FrontEndFuzzTest {
  private static final String TABLES = """
      CREATE TABLE t (x INT, y BIGINT, s VARCHAR, d DOUBLE, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
        WITH ('connector' = 'memory');
      CREATE TABLE u (x INT, s VARCHAR) WITH ('connector' = 'memory')""";

  /** Statements that run, the seeds of the mutated ones. */
  private static final List<String> SEEDS = List.of(
      "SELECT x, s FROM t WHERE x > 1 AND s LIKE 'a%'",
      "SELECT s, COUNT(*) AS n, SUM(y) FROM t GROUP BY s",
      "SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end",
      "SELECT t.x, u.s FROM t JOIN u ON t.x = u.x",
      "SELECT CASE WHEN x > 2 THEN 'big' ELSE 'small' END AS size, CAST(y AS VARCHAR) FROM t",
      "SELECT x FROM t UNION ALL SELECT x FROM u",
      "SELECT * FROM (SELECT x, ROW_NUMBER() OVER (PARTITION BY s ORDER BY ts) AS rn FROM t) WHERE rn = 1",
      "SELECT word FROM t CROSS JOIN UNNEST(SPLIT(s, ' ')) AS w(word)",
      "EXPLAIN SELECT x, s FROM t WHERE x IN (1, 2, 3)",
      "CREATE VIEW v AS SELECT x, s FROM t WHERE d > 2.5",
      "CREATE TABLE w (a INT, b AS a * 2) WITH ('connector' = 'memory')",
      "INSERT INTO u SELECT x, s FROM t",
      "SET 'output.mode' = 'update'",
      "SHOW TABLES",
      "DESCRIBE t");

  private SluiceEngine engine;
  private Connection connection;

  @BeforeProperty
  void open() throws SQLException {
    engine = SluiceEngine.open();
    engine.executeScript(TABLES);
    connection = DriverManager.getConnection("jdbc:sluice:");
    try (Statement statement = connection.createStatement()) {
      for (String ddl : TABLES.split(";")) statement.execute(ddl);
    }
  }

  @AfterProperty
  void close() throws SQLException {
    connection.close();
    engine.close();
  }

  @Property(tries = 30, shrinking = ShrinkingMode.OFF)
  void deepStatementsAreRefusedCleanly(@ForAll("deep") String sql) {
    throughBoth(sql);
  }

  @Property(tries = 15, shrinking = ShrinkingMode.OFF)
  void wideStatementsAreRefusedCleanly(@ForAll("wide") String sql) {
    throughBoth(sql);
  }

  /** Flat forms are one level as written, however wide: they plan or are too large, never too deep. */
  @Property(tries = 10, shrinking = ShrinkingMode.OFF)
  void wideFlatFormsAreNeverTakenForDeepNesting(@ForAll("flat") String sql) {
    try {
      engine.explain(sql);
    } catch (SluiceException refused) {
      assertFalse(refused.getMessage().startsWith("Statement too deeply nested"), refused.getMessage() + " for " + shown(sql));
    }
  }

  @Property(tries = 150)
  void mutatedStatementsRunOrAreRefusedCleanly(@ForAll("mutated") String sql) {
    throughBoth(sql);
  }

  private void throughBoth(String sql) {
    throughTheApi(sql);
    throughJdbc(sql);
  }

  private void throughTheApi(String sql) {
    try {
      StatementResult result = engine.execute(sql);
      if (result.query() != null) result.query().stop();
    } catch (SluiceException refused) {
      assertFalse(refused.getMessage() == null || refused.getMessage().isBlank(), "a refusal says why: " + shown(sql));
    } catch (StackOverflowError | NullPointerException e) {
      throw new AssertionError("the API threw " + e + " for " + shown(sql), e);
    } catch (RuntimeException e) {
      // Not this test's concern (a planner defect of another kind), unless it hides one of the above.
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof StackOverflowError || cause instanceof NullPointerException) {
          throw new AssertionError("the API threw " + e + " caused by " + cause + " for " + shown(sql), e);
        }
      }
    }
  }

  private void throughJdbc(String sql) {
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(1);
      if (statement.execute(sql)) {
        try (ResultSet rows = statement.getResultSet()) {
          rows.getMetaData().getColumnCount();
        }
      } else if (statement.isWrapperFor(StreamingQuery.class)) {
        statement.unwrap(StreamingQuery.class).stop(); // an INSERT's background query
      }
    } catch (SQLException refused) {
      assertFalse(refused.getMessage() == null || refused.getMessage().isBlank(), "an SQLException says why: " + shown(sql));
    } catch (Throwable e) {
      throw new AssertionError("JDBC threw " + e + ", not an SQLException, for " + shown(sql), e);
    }
  }

  private static String shown(String sql) {
    return sql.length() <= 300 ? sql : sql.substring(0, 150) + " ... (" + sql.length() + " characters) ... " + sql.substring(sql.length() - 150);
  }

  @Provide
  Arbitrary<String> deep() {
    // Mostly past the limit; within it, shallow, since a statement hundreds deep takes seconds to plan (DeepStatementsTest has those).
    Arbitrary<Integer> depth = Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.integers().between(1, 60)), Tuple.of(3, Arbitraries.integers().between(490, 5_000)));
    Arbitrary<String[]> wrapper = Arbitraries.of(
        new String[] {"(", ")"}, new String[] {"ABS(", ")"}, new String[] {"-(", ")"}, new String[] {"CAST(", " AS INT)"},
        new String[] {"CASE WHEN x > 1 THEN ", " ELSE 0 END"}, new String[] {"COALESCE(", ", 0)"}, new String[] {"NULLIF(", ", 0)"},
        new String[] {"(SELECT ", ")"});
    return Combinators.combine(depth, wrapper, Arbitraries.of("SELECT %s FROM t", "SELECT x FROM t WHERE %s > 0",
        "CREATE VIEW deep AS SELECT %s AS c FROM t", "EXPLAIN SELECT %s FROM t")).as((n, w, template) -> {
          String inner = w[0].repeat(n) + "x" + w[1].repeat(n);
          return template.formatted(inner);
        });
  }

  @Provide
  Arbitrary<String> wide() {
    Arbitrary<Integer> width = Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.integers().between(2, 100)), Tuple.of(2, Arbitraries.integers().between(490, 3_000)));
    Arbitrary<String[]> chain = Arbitraries.of(
        new String[] {"SELECT x", " + x", " FROM t"}, new String[] {"SELECT x FROM t WHERE x = 0", " OR x = 1", ""},
        new String[] {"SELECT x FROM t WHERE x = 0", " AND y = 1", ""}, new String[] {"SELECT s", " || s", " FROM t"},
        new String[] {"SELECT x FROM t", " UNION ALL SELECT x FROM t", ""}, new String[] {"SELECT x FROM t WHERE x IN (0", ", 1", ")"},
        new String[] {"SELECT x", ", x", " FROM t"});
    return Combinators.combine(width, chain).as((n, c) -> c[0] + c[1].repeat(n - 1) + c[2]);
  }

  @Provide
  Arbitrary<String> flat() {
    Arbitrary<Integer> width = Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.integers().between(2, 100)), Tuple.of(2, Arbitraries.integers().between(500, 2_500)));
    Arbitrary<String[]> form = Arbitraries.of(
        new String[] {"SELECT x FROM t WHERE x = 0", " OR x = #", ""}, new String[] {"SELECT x FROM t WHERE x <> 0", " AND y <> #", ""},
        new String[] {"SELECT x", " + x", " AS c FROM t"}, new String[] {"SELECT s", " || s", " AS c FROM t"},
        new String[] {"SELECT x FROM t WHERE x IN (0", ", #0, #1, #2", ")"}, new String[] {"SELECT x", ", x AS x#", " FROM t"},
        new String[] {"SELECT CASE WHEN x = 0 THEN 0", " WHEN x = # THEN #", " END AS c FROM t"},
        new String[] {"SELECT COUNT(*) FROM t GROUP BY x", ", x + #", ""});
    return Combinators.combine(width, form).as((n, f) -> {
      StringBuilder sql = new StringBuilder(f[0]);
      for (int i = 1; i < n; i++) sql.append(f[1].replace("#", Integer.toString(i)));
      return sql.append(f[2]).toString();
    });
  }

  @Provide
  Arbitrary<String> mutated() {
    Arbitrary<String> pieces = Arbitraries.of("(", ")", "'", "`", "\"", ";", ",", "--", "/*", "*/", "NULL", "SELECT", "FROM", "WHERE",
        "GROUP BY", "1e999999999", "99999999999999999999999999999", "-", "*", "/ 0", "CAST(", " AS ", "INTERVAL", "TABLE(", "\u0000",
        "\uD83D\uDE00", "\\", "?", "x", "t", ".", "OVER (", "UNNEST(", "DESCRIPTOR(", "' '", "2024-02-30", "TIMESTAMP '24:00:00'");
    return Combinators.combine(Arbitraries.of(SEEDS), Arbitraries.integers().between(0, 1_000), Arbitraries.integers().between(0, 1_000),
        pieces, Arbitraries.of(Mutation.values())).as((seed, a, b, piece, mutation) -> mutation.apply(seed, a, b, piece));
  }

  /** One edit of a statement; positions are taken modulo its length. */
  private enum Mutation {
    INSERT {
      @Override
      String apply(String sql, int at, int length, String piece) {
        int i = at % (sql.length() + 1);
        return sql.substring(0, i) + piece + sql.substring(i);
      }
    },
    DELETE {
      @Override
      String apply(String sql, int at, int length, String piece) {
        int i = at % sql.length();
        return sql.substring(0, i) + sql.substring(Math.min(sql.length(), i + 1 + length % 12));
      }
    },
    REPLACE {
      @Override
      String apply(String sql, int at, int length, String piece) {
        return INSERT.apply(DELETE.apply(sql, at, length % 4, piece), at, length, piece);
      }
    },
    TRUNCATE {
      @Override
      String apply(String sql, int at, int length, String piece) {
        return sql.substring(0, at % sql.length());
      }
    },
    DUPLICATE {
      @Override
      String apply(String sql, int at, int length, String piece) {
        int i = at % sql.length();
        int j = Math.min(sql.length(), i + 1 + length % 40);
        return sql.substring(0, j) + sql.substring(i, j) + sql.substring(j);
      }
    };

    abstract String apply(String sql, int at, int length, String piece);
  }
}
