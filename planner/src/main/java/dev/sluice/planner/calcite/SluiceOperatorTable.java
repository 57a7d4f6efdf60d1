package dev.sluice.planner.calcite;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * The functions queries may call: Calcite's standard operators, then the functions of the
 * dialects Sluice users come from (Spark first, then MySQL, BigQuery, PostgreSQL), each name
 * taken from the first library that has it, so {@code SPLIT}, {@code DATE_FORMAT},
 * {@code REGEXP_EXTRACT}, {@code CONCAT_WS} and the like resolve without ambiguity.
 */
public final class SluiceOperatorTable {
  private static final SqlOperatorTable INSTANCE = build();

  private SluiceOperatorTable() {}

  public static SqlOperatorTable instance() {
    return INSTANCE;
  }

  private static SqlOperatorTable build() {
    SqlOperatorTable standard = SqlStdOperatorTable.instance();
    Set<String> taken = new HashSet<>();
    for (SqlOperator op : standard.getOperatorList()) taken.add(key(op));
    List<SqlOperator> extra = new ArrayList<>();
    for (SqlLibrary library : List.of(SqlLibrary.SPARK, SqlLibrary.MYSQL, SqlLibrary.BIG_QUERY, SqlLibrary.POSTGRESQL, SqlLibrary.ORACLE)) {
      for (SqlOperator op : SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(library).getOperatorList()) {
        if (taken.add(key(op))) extra.add(op);
      }
    }
    return SqlOperatorTables.chain(standard, SqlOperatorTables.of(extra));
  }

  private static String key(SqlOperator op) {
    return op.getName().toUpperCase(Locale.ROOT) + "/" + op.getSyntax();
  }

  /** Names of the functions, for SHOW FUNCTIONS and completion. */
  public static List<String> functionNames() {
    Set<String> names = new java.util.TreeSet<>();
    for (SqlOperator op : INSTANCE.getOperatorList()) {
      String name = op.getName();
      if (!name.isEmpty() && Character.isLetter(name.charAt(0)) && !name.startsWith("$")) names.add(name.toUpperCase(Locale.ROOT));
    }
    return new ArrayList<>(names);
  }
}
