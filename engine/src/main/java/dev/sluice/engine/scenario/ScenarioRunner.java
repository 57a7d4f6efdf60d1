package dev.sluice.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.engine.ResultRow;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.StreamingQuery;
import dev.sluice.planner.catalog.ColumnInfo;
import dev.sluice.planner.catalog.TableDefinition;
import dev.sluice.planner.calcite.TypeMapping;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.data.Values;
import dev.sluice.runtime.exec.Trigger;
import dev.sluice.runtime.progress.QueryProgress;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs conformance scenarios (../shared/scenarios/FORMAT.md) against a fresh engine each: the
 * statements, then the query in the scenario's mode with a manual trigger and a checkpoint, then
 * the steps. On failure the report marks the failing step and shows expected and actual rows and
 * the plan.
 */
public final class ScenarioRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Runs every scenario under {@code paths}, prints a line each and the summary; true when none failed. */
  public static boolean runAll(List<Path> paths, PrintStream out) throws IOException {
    int passed = 0;
    int failed = 0;
    for (Path file : ScenarioFiles.find(paths)) {
      ScenarioResult result;
      try {
        result = new ScenarioRunner().run(ScenarioFiles.read(file));
      } catch (IOException | RuntimeException e) {
        result = new ScenarioResult(file.getFileName().toString(), false, -1, "could not run: " + stackTrace(e));
      }
      if (result.passed()) {
        passed++;
        out.println("PASS " + result.name());
      } else {
        failed++;
        out.println("FAIL " + result.name() + (result.failedStep() >= 0 ? " at step " + result.failedStep() : ""));
        out.println(result.detail().indent(2).stripTrailing());
      }
    }
    out.println(passed + " passed, " + failed + " failed");
    return failed == 0;
  }

  private static String stackTrace(Throwable e) {
    java.io.StringWriter text = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(text));
    return text.toString();
  }

  /** Runs one scenario. */
  public ScenarioResult run(Scenario scenario) throws IOException {
    Path checkpoint = Files.createTempDirectory("sluice-scenario-");
    try (SluiceEngine engine = SluiceEngine.open()) {
      for (String statement : scenario.statements()) engine.execute(statement);
      OutputMode mode = OutputMode.parse(scenario.mode());
      if (scenario.reject()) return expectRefusal(engine, scenario, mode);
      return new Run(engine, scenario, mode, checkpoint).steps();
    } catch (SluiceException e) {
      return new ScenarioResult(scenario.name(), false, -1, "error: " + e.formatted());
    } finally {
      deleteRecursively(checkpoint);
    }
  }

  private static ScenarioResult expectRefusal(SluiceEngine engine, Scenario scenario, OutputMode mode) {
    try {
      StreamingQuery query = engine.query(scenario.query()).outputMode(mode).trigger(new Trigger.Manual()).onBatch((b, r) -> {}).start();
      query.stop();
      return new ScenarioResult(scenario.name(), false, -1, "the query started in " + mode.sqlName() + " mode but should have been refused");
    } catch (SluiceException e) {
      return e.getMessage() == null || e.getMessage().isBlank()
          ? new ScenarioResult(scenario.name(), false, -1, "refused without a message")
          : ScenarioResult.pass(scenario.name());
    }
  }

  /** The state of one scenario's run: its engine, query and what the sink received. */
  private static final class Run {
    private final SluiceEngine engine;
    private final Scenario scenario;
    private final OutputMode mode;
    private final Path checkpoint;
    private final List<ResultRow> received = new ArrayList<>();
    private List<ResultRow> table = List.of();
    private StreamingQuery query;

    Run(SluiceEngine engine, Scenario scenario, OutputMode mode, Path checkpoint) {
      this.engine = engine;
      this.scenario = scenario;
      this.mode = mode;
      this.checkpoint = checkpoint;
    }

    private void start() {
      query = engine.query(scenario.query()).outputMode(mode).trigger(new Trigger.Manual()).checkpointLocation(checkpoint)
          .onBatch((batchId, rows) -> {
            synchronized (received) {
              if (mode == OutputMode.COMPLETE) table = rows;
              else received.addAll(rows);
            }
          })
          .start();
    }

    ScenarioResult steps() {
      start();
      try {
        for (int i = 0; i < scenario.steps().size(); i++) {
          JsonNode step = scenario.steps().get(i);
          String failure;
          try {
            failure = step(step);
          } catch (RuntimeException e) {
            failure = "error: " + (e instanceof SluiceException s ? s.formatted() : e.toString());
          }
          if (failure != null) return new ScenarioResult(scenario.name(), false, i, describe(i) + failure + "\nplan:\n" + query.explain().indent(2));
        }
        return ScenarioResult.pass(scenario.name());
      } finally {
        query.stop();
      }
    }

    /** Runs a step; returns why it failed, or null. */
    private String step(JsonNode step) {
      if (step.has("add")) {
        add(step.get("add"));
        return null;
      }
      if (step.has("expect")) return expect(step.get("expect"), false);
      if (step.has("expect_ordered")) return expect(step.get("expect_ordered"), true);
      if (step.has("expect_progress")) return expectProgress(step.get("expect_progress"));
      if (step.has("restart")) {
        query.stop();
        start();
        return null;
      }
      return "unknown step " + step;
    }

    private void add(JsonNode tables) {
      Map<String, List<Object[]>> rows = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = tables.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        TableDefinition table = engine.tables().stream().filter(t -> t.name().equalsIgnoreCase(e.getKey())).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no table " + e.getKey()));
        List<ColumnInfo> columns = table.storedColumns();
        List<Object[]> converted = new ArrayList<>();
        for (JsonNode row : e.getValue()) {
          Object[] values = new Object[columns.size()];
          for (int c = 0; c < columns.size(); c++) values[c] = toValue(row.get(c), TypeMapping.toDataType(columns.get(c).type()));
          converted.add(values);
        }
        rows.put(table.name(), converted);
      }
      engine.memoryTables().appendAll(rows);
    }

    private static Object toValue(JsonNode node, DataType type) {
      if (node == null || node.isNull()) return null;
      if (node.isArray()) {
        List<Object> list = new ArrayList<>();
        node.forEach(n -> list.add(toValue(n, type.element() == null ? DataType.of(dev.sluice.runtime.type.TypeKind.ANY) : type.element())));
        return list;
      }
      if (node.isTextual()) return Values.parse(node.asText(), type);
      if (node.isBoolean()) return node.asBoolean();
      return Values.coerce(node.isIntegralNumber() ? (Object) node.asLong() : node.decimalValue(), type);
    }

    private String expect(JsonNode expected, boolean ordered) {
      query.processAllAvailable();
      List<ResultRow> actual;
      synchronized (received) {
        actual = new ArrayList<>(mode == OutputMode.COMPLETE ? table : received);
        received.clear();
      }
      List<DataType> types = query.schema().fields().stream().map(Field::type).toList();
      List<ResultRow> unmatched = new ArrayList<>(actual);
      List<JsonNode> missing = new ArrayList<>();
      int position = 0;
      for (JsonNode row : expected) {
        boolean delete = row.isObject() && row.has("delete");
        JsonNode values = delete ? row.get("delete") : row;
        int found = -1;
        for (int j = 0; j < unmatched.size(); j++) {
          ResultRow candidate = unmatched.get(j);
          if ((candidate.kind() == RowKind.DELETE) == delete && ValueMatcher.rowMatches(values, candidate.values(), types)) {
            found = j;
            break;
          }
          if (ordered) break;
        }
        if (found < 0) missing.add(row);
        else unmatched.remove(found);
        position++;
      }
      if (missing.isEmpty() && unmatched.isEmpty()) return null;
      StringBuilder sb = new StringBuilder(ordered ? "rows differ (order matters)\n" : "rows differ\n");
      sb.append("expected: ").append(expected).append('\n');
      sb.append("actual:   ").append(render(actual, types)).append('\n');
      if (!missing.isEmpty()) sb.append("missing:  ").append(missing).append('\n');
      if (!unmatched.isEmpty()) sb.append("extra:    ").append(render(unmatched, types)).append('\n');
      return sb.toString();
    }

    private static String render(List<ResultRow> rows, List<DataType> types) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < rows.size(); i++) {
        if (i > 0) sb.append(", ");
        String row = ValueMatcher.render(rows.get(i).values(), types);
        sb.append(rows.get(i).kind() == RowKind.DELETE ? "{\"delete\": " + row + "}" : row);
      }
      return sb.append(']').toString();
    }

    private String expectProgress(JsonNode expected) {
      query.processAllAvailable();
      QueryProgress progress = query.lastProgress();
      if (progress == null) return "no batch has run, so there is no progress report";
      JsonNode actual = JSON.valueToTree(progress);
      StringBuilder differences = new StringBuilder();
      for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode value = actual.get(e.getKey());
        boolean same;
        if (e.getKey().equals("watermark")) {
          same = value != null && !value.isNull() && e.getValue().isTextual()
              && Values.parseTimestamp(value.asText()) == Values.parseTimestamp(e.getValue().asText());
          same |= (value == null || value.isNull()) && e.getValue().isNull();
        } else {
          same = value != null && (value.isNumber() && e.getValue().isNumber()
              ? value.decimalValue().compareTo(e.getValue().decimalValue()) == 0 : value.equals(e.getValue()));
        }
        if (!same) differences.append(e.getKey()).append(": expected ").append(e.getValue()).append(", actual ").append(value).append('\n');
      }
      return differences.isEmpty() ? null : "progress differs\n" + differences + "last progress: " + progress.toJson();
    }

    private String describe(int failing) {
      StringBuilder sb = new StringBuilder("query (" + mode.sqlName() + "): " + scenario.query() + "\nsteps:\n");
      for (int i = 0; i <= failing && i < scenario.steps().size(); i++) {
        sb.append(i == failing ? "> " : "  ").append(i).append(": ").append(scenario.steps().get(i)).append('\n');
      }
      return sb.toString();
    }
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }

  /** {@code java ... ScenarioRunner PATH...}: exit status 0 only when none failed. */
  public static void main(String[] args) throws IOException {
    List<Path> paths = Stream.of(args).map(Path::of).toList();
    System.exit(runAll(paths, System.out) ? 0 : 1);
  }
}
