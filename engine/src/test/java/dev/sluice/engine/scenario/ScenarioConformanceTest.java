package dev.sluice.engine.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance suite: one test per scenario file (../shared/scenarios/FORMAT.md), from this
 * module's own scenarios ({@code src/test/resources/scenarios}) and from the project's public ones
 * ({@code ../shared/scenarios/public} next to the repository root, or the folder named by the
 * system property {@code sluice.scenarios.public}).
 *
 * <p>Scenarios listed in {@code scenarios/skip.txt} wait for a feature: they show as skipped with
 * the reason, and fail with "remove NAME from skip.txt" as soon as they pass.
 */
class ScenarioConformanceTest {
  private static final String SKIP_FILE = "scenarios/skip.txt";

  @TestFactory
  Stream<DynamicNode> everyScenarioPassesOrWaitsForAFeature() throws IOException {
    Map<String, String> skips = skipList();
    List<DynamicNode> groups = new ArrayList<>();
    groups.add(container("project scenarios", projectScenarioFolder(), skips));
    Optional<Path> published = publicScenarioFolder();
    if (published.isPresent()) {
      groups.add(container("public scenarios", published.get(), skips));
    } else {
      groups.add(DynamicTest.dynamicTest("public scenarios", () -> Assumptions.abort(
          "no ../shared/scenarios/public next to the repository root above " + Path.of("").toAbsolutePath()
              + "; set -Dsluice.scenarios.public=FOLDER to run them")));
    }
    return groups.stream();
  }

  @Test
  void everySkipEntryNamesAScenarioThatStillFails() throws IOException {
    Map<String, Path> scenarios = allScenarioFiles();
    List<String> stale = new ArrayList<>();
    for (Map.Entry<String, String> skip : skipList().entrySet()) {
      Path file = scenarios.get(skip.getKey());
      if (file == null) {
        stale.add(skip.getKey() + ": no scenario has this name; remove it from skip.txt");
      } else if (run(file).passed()) {
        stale.add(skip.getKey() + ": it passes now; remove " + skip.getKey() + " from skip.txt");
      }
    }
    assertEquals(List.of(), stale, "stale entries in " + SKIP_FILE);
  }

  @Test
  void scenarioNamesAreUniqueAndKebabCase() throws IOException {
    Map<String, List<Path>> byName = new TreeMap<>();
    for (Path file : scenarioFiles()) byName.computeIfAbsent(ScenarioFiles.read(file).name(), n -> new ArrayList<>()).add(file);
    List<String> problems = new ArrayList<>();
    byName.forEach((name, files) -> {
      if (files.size() > 1) problems.add(name + " is the name of " + files);
      if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*")) problems.add(name + " is not kebab-case");
    });
    assertEquals(List.of(), problems);
  }

  @Test
  void theProjectHasItsOwnScenarios() throws IOException {
    assertFalse(ScenarioFiles.find(List.of(projectScenarioFolder())).isEmpty(), "no scenario files under " + projectScenarioFolder());
  }

  private static DynamicContainer container(String name, Path folder, Map<String, String> skips) throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : ScenarioFiles.find(List.of(folder))) {
      Scenario scenario = ScenarioFiles.read(file);
      String reason = skips.get(scenario.name());
      tests.add(DynamicTest.dynamicTest(scenario.name(), file.toUri(), () -> {
        ScenarioResult result = new ScenarioRunner().run(scenario);
        if (reason != null) {
          if (result.passed()) fail(scenario.name() + " passes now: remove " + scenario.name() + " from " + SKIP_FILE);
          Assumptions.abort("waits for: " + reason);
        }
        assertTrue(result.passed(), () -> "FAIL " + scenario.name() + (result.failedStep() >= 0 ? " at step " + result.failedStep() : "")
            + " (" + file + ")\n" + result.detail());
      }));
    }
    return DynamicContainer.dynamicContainer(name, folder.toUri(), tests.stream());
  }

  private static ScenarioResult run(Path file) throws IOException {
    return new ScenarioRunner().run(ScenarioFiles.read(file));
  }

  /** Scenario name to reason, from {@code skip.txt}: {@code name  # waits for: feature}. */
  static Map<String, String> skipList() throws IOException {
    Map<String, String> skips = new LinkedHashMap<>();
    for (String line : Files.readAllLines(resource(SKIP_FILE))) {
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) continue;
      int hash = text.indexOf('#');
      String name = (hash < 0 ? text : text.substring(0, hash)).strip();
      String comment = hash < 0 ? "" : text.substring(hash + 1).strip();
      String reason = comment.startsWith("waits for:") ? comment.substring("waits for:".length()).strip() : comment;
      if (reason.isEmpty()) throw new IllegalStateException(SKIP_FILE + ": '" + name + "' says not what it waits for");
      skips.put(name, reason);
    }
    return skips;
  }

  private static List<Path> scenarioFiles() throws IOException {
    List<Path> roots = new ArrayList<>();
    roots.add(projectScenarioFolder());
    publicScenarioFolder().ifPresent(roots::add);
    return ScenarioFiles.find(roots);
  }

  private static Map<String, Path> allScenarioFiles() throws IOException {
    Map<String, Path> byName = new LinkedHashMap<>();
    for (Path file : scenarioFiles()) byName.put(ScenarioFiles.read(file).name(), file);
    return byName;
  }

  private static Path projectScenarioFolder() {
    return resource(SKIP_FILE).getParent();
  }

  private static Path resource(String name) {
    URL url = ScenarioConformanceTest.class.getClassLoader().getResource(name);
    if (url == null) throw new IllegalStateException(name + " is not on the test class path");
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code ../shared/scenarios/public} relative to the repository root: the nearest folder above
   * the working directory with the parent POM or {@code .git}, whose sibling {@code shared} holds
   * them (Maven runs tests in the module folder, so that is {@code ../../shared/...} from there).
   */
  static Optional<Path> publicScenarioFolder() {
    String configured = System.getProperty("sluice.scenarios.public");
    if (configured != null && !configured.isBlank()) return Optional.of(Path.of(configured)).filter(Files::isDirectory);
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (isRepositoryRoot(dir)) {
        Path candidate = dir.resolve("../shared/scenarios/public").normalize();
        if (Files.isDirectory(candidate)) return Optional.of(candidate);
      }
      Path beside = dir.resolve("shared/scenarios/public");
      if (Files.isDirectory(beside)) return Optional.of(beside);
    }
    return Optional.empty();
  }

  private static boolean isRepositoryRoot(Path dir) {
    if (Files.exists(dir.resolve(".git"))) return true;
    Path pom = dir.resolve("pom.xml");
    try {
      return Files.isRegularFile(pom) && Files.readString(pom).contains("<artifactId>sluice-parent</artifactId>")
          && Files.readString(pom).contains("<modules>");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
