package dev.sluice.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.FunctionDefinitions;
import dev.sluice.planner.catalog.TableDefinitions;
import dev.sluice.sql.StatementParser;
import dev.sluice.sql.ast.CreateFunction;
import dev.sluice.sql.ast.CreateTable;
import dev.sluice.sql.ast.CreateView;
import dev.sluice.sql.ast.Query;
import dev.sluice.sql.ast.Statement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * EXPLAIN as a fixture: each {@code explain/*.sql} declares tables and views and ends with one
 * query; its plan must equal the {@code .plan} file beside it, so plan changes show up in review.
 * Run with {@code -Dsluice.golden.update=true} to rewrite the plans after an intended change.
 */
class ExplainGoldenTest {
  private static final Path DIRECTORY = Path.of("src/test/resources/explain");

  @TestFactory
  Stream<DynamicTest> plansMatchTheirGoldenFiles() throws IOException {
    List<Path> cases;
    try (Stream<Path> files = Files.list(DIRECTORY)) {
      cases = files.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    }
    assertFalse(cases.isEmpty(), "no explain cases in " + DIRECTORY.toAbsolutePath());
    return cases.stream().map(sql -> DynamicTest.dynamicTest(sql.getFileName().toString(), () -> check(sql)));
  }

  private static void check(Path sqlFile) throws IOException {
    String plan = explain(Files.readString(sqlFile, StandardCharsets.UTF_8));
    Path golden = sqlFile.resolveSibling(sqlFile.getFileName().toString().replace(".sql", ".plan"));
    if (Boolean.getBoolean("sluice.golden.update") || !Files.exists(golden)) {
      Files.writeString(golden, plan, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), plan, "plan of " + sqlFile.getFileName());
  }

  static String explain(String script) {
    Catalog catalog = new Catalog();
    QueryPlanner planner = new QueryPlanner(catalog);
    String plan = null;
    for (Statement statement : StatementParser.parseScript(script)) {
      if (statement instanceof CreateTable table) {
        catalog.addTable(TableDefinitions.of(table), false);
      } else if (statement instanceof CreateFunction function) {
        catalog.addFunction(FunctionDefinitions.of(function, List.of(ExplainGoldenTest.class.getClassLoader())), false);
      } else if (statement instanceof CreateView view) {
        catalog.addView(planner.planView(view.name(), view.query().sql(), view.query().position(), view.text()), false);
      } else if (statement instanceof Query query) {
        plan = ExplainWriter.explain(planner.plan(query.query().sql(), query.query().position(), null));
      }
    }
    return plan;
  }
}
