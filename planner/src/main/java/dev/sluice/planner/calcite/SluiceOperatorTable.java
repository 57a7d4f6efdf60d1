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
    // Calcite's window table functions, replaced by ones that also add window_time, and the legacy
    // SESSION_END, replaced by one the plan can tell from SESSION_START.
    Set<SqlOperator> replaced = Set.of(SqlStdOperatorTable.TUMBLE, SqlStdOperatorTable.HOP, SqlStdOperatorTable.SESSION,
        SqlStdOperatorTable.SESSION_END);
    SqlOperatorTable standard = SqlOperatorTables.chain(
        SqlOperatorTables.of(WindowTableFunctions.TUMBLE, WindowTableFunctions.HOP, WindowTableFunctions.SESSION,
            SessionGroupWindowFunctions.SESSION_END, SessionGroupWindowFunctions.SESSION_ROWTIME),
        without(SqlStdOperatorTable.instance(), replaced));
    Set<String> taken = new HashSet<>();
    for (SqlOperator op : standard.getOperatorList()) taken.add(key(op));
    for (String name : FlinkFunctions.NAMES) taken.add(name + "/" + org.apache.calcite.sql.SqlSyntax.FUNCTION);
    List<SqlOperator> extra = new ArrayList<>();
    for (SqlLibrary library : List.of(SqlLibrary.SPARK, SqlLibrary.MYSQL, SqlLibrary.BIG_QUERY, SqlLibrary.POSTGRESQL, SqlLibrary.ORACLE)) {
      for (SqlOperator op : SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(library).getOperatorList()) {
        if (taken.add(key(op))) extra.add(op);
      }
    }
    return SqlOperatorTables.chain(standard, SqlOperatorTables.of(extra));
  }

  /** {@code table} as it is, less some of its operators. */
  private static SqlOperatorTable without(SqlOperatorTable table, Set<SqlOperator> removed) {
    return new SqlOperatorTable() {
      @Override
      public void lookupOperatorOverloads(org.apache.calcite.sql.SqlIdentifier name, org.apache.calcite.sql.SqlFunctionCategory category,
          org.apache.calcite.sql.SqlSyntax syntax, List<SqlOperator> operators, org.apache.calcite.sql.validate.SqlNameMatcher nameMatcher) {
        List<SqlOperator> found = new ArrayList<>();
        table.lookupOperatorOverloads(name, category, syntax, found, nameMatcher);
        found.removeIf(removed::contains);
        operators.addAll(found);
      }

      @Override
      public List<SqlOperator> getOperatorList() {
        List<SqlOperator> all = new ArrayList<>(table.getOperatorList());
        all.removeIf(removed::contains);
        return all;
      }
    };
  }

  private static String key(SqlOperator op) {
    return op.getName().toUpperCase(Locale.ROOT) + "/" + op.getSyntax();
  }

  /** Names of the functions, for SHOW FUNCTIONS and completion. */
  public static List<String> functionNames() {
    Set<String> names = new java.util.TreeSet<>(FlinkFunctions.NAMES);
    for (SqlOperator op : INSTANCE.getOperatorList()) {
      String name = op.getName();
      if (!name.isEmpty() && Character.isLetter(name.charAt(0)) && !name.startsWith("$")) names.add(name.toUpperCase(Locale.ROOT));
    }
    return new ArrayList<>(names);
  }
}
