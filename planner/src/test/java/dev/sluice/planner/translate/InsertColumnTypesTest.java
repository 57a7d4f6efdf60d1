package dev.sluice.planner.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.planner.PlannedQuery;
import dev.sluice.planner.PlanningException;
import dev.sluice.planner.QueryPlanner;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.TableDefinitions;
import dev.sluice.runtime.type.TypeKind;
import dev.sluice.sql.StatementParser;
import dev.sluice.sql.ast.CreateTable;
import dev.sluice.sql.ast.SourcePosition;
import dev.sluice.sql.ast.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** INSERT INTO checks each column of the query against the table's, as Flink does: numbers widen, nothing else converts. */
class InsertColumnTypesTest {
  private static final String TABLES = """
      CREATE TABLE source (s VARCHAR, i INT, b BIGINT, f FLOAT, d DOUBLE, m DECIMAL(10, 2), t TIMESTAMP(3), flag BOOLEAN)
        WITH ('connector' = 'memory');
      CREATE TABLE target (name VARCHAR, n INT, big BIGINT, x DOUBLE, money DECIMAL(12, 2), at TIMESTAMP(3))
        WITH ('connector' = 'memory');
      CREATE TABLE target_with_computed (n INT, doubled AS n * 2, label VARCHAR) WITH ('connector' = 'memory')""";

  private static PlannedQuery insert(String table, String query) {
    Catalog catalog = new Catalog();
    for (Statement statement : StatementParser.parseScript(TABLES)) catalog.addTable(TableDefinitions.of((CreateTable) statement), false);
    PlannedQuery planned = new QueryPlanner(catalog).planInsert(table, query, new SourcePosition(1, 1), null, false, 0);
    planned.toGraph(name -> null);
    return planned;
  }

  @Test
  void aStringIntoAnIntegerColumnIsRefusedNamingTheColumnBothTypesAndTheCast() {
    PlanningException e = assertThrows(PlanningException.class,
        () -> insert("target", "SELECT s, s, b, d, m, t FROM source"));
    String message = e.getMessage();
    assertTrue(message.contains("'target'") && message.contains("'n'") && message.contains("VARCHAR") && message.contains("INT"), message);
    assertTrue(message.contains("'s0', VARCHAR") && message.contains("column 'n' (INT)") && message.contains("CAST(... AS INT)"),
        "the column, both types and the fix: " + message);
    assertEquals(new SourcePosition(1, 1), e.position());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "SELECT s, b, b, d, m, t FROM source | 'n'",
      "SELECT s, CAST(i AS DECIMAL(5, 0)), b, d, m, t FROM source | 'n'",
      "SELECT s, i, b, flag, m, t FROM source | 'x'",
      "SELECT t, i, b, d, m, t FROM source | 'name'",
      "SELECT s, i, b, d, m, s FROM source | 'at'"})
  void aConversionThatIsNotAWideningIsRefused(String query, String column) {
    PlanningException e = assertThrows(PlanningException.class, () -> insert("target", query));
    assertTrue(e.getMessage().contains(column) && e.getMessage().contains("CAST("), e.getMessage());
  }

  @Test
  void numbersWidenToTheTableTypesSoTheSinkGetsItsOwnTypes() {
    PlannedQuery planned = insert("target", "SELECT s, i, i, f, i, t FROM source");
    assertEquals(TypeKind.BIGINT, planned.resultSchema().field(2).type().kind());
    assertEquals(TypeKind.DOUBLE, planned.resultSchema().field(3).type().kind());
    assertEquals("big", planned.resultSchema().field(2).name(), "the table's names, as Flink's sink schema");
    assertTrue(planned.root().explain().contains("CAST"), planned.root().explain());
    insert("target", "SELECT s, CAST(i AS TINYINT), CAST(i AS SMALLINT), b, i, t FROM source");
    insert("target", "SELECT s, i, b, m, m, t FROM source");
    insert("target", "SELECT s, i, b, d, SUM(m), t FROM source GROUP BY s, i, b, d, t");
    insert("target", "SELECT s, i, b, d, b, t FROM source");
    PlannedQuery averages = insert("target", "SELECT s, i, AVG(i), d, AVG(i), t FROM source GROUP BY s, i, d, t");
    assertEquals(TypeKind.BIGINT, averages.resultSchema().field(2).type().kind(),
        "Sluice's AVG of integers is a DOUBLE, Flink's an integer: Flink's queries write it into integer columns");
  }

  @Test
  void computedColumnsOfTheTableAreNotWritten() {
    insert("target_with_computed", "SELECT i, s FROM source");
    PlanningException e = assertThrows(PlanningException.class, () -> insert("target_with_computed", "SELECT i, i * 2, s FROM source"));
    assertTrue(e.getMessage().contains("3 columns") && e.getMessage().contains("2"), e.getMessage());
  }

  @Test
  void anUnknownTableIsRefusedWithTheNearestName() {
    PlanningException e = assertThrows(PlanningException.class, () -> insert("targt", "SELECT s FROM source"));
    assertTrue(e.getMessage().contains("Did you mean 'target'"), e.getMessage());
  }
}
