package dev.sluice.shell.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.SluiceEngine;
import dev.sluice.shell.interactive.Demo;
import dev.sluice.sql.StatementParser;
import dev.sluice.sql.ast.Insert;
import dev.sluice.sql.ast.Query;
import dev.sluice.sql.ast.Statement;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every SQL example of the README runs as written, as its section "The examples here run" says:
 * each {@code ```sql} block is a test, run by {@link ReadmeExampleRunner} in a JVM whose working
 * directory holds a copy of the repository's {@code examples/}, with the README's Java classes
 * compiled onto its class path. A block marked {@code <!-- example: skip, REASON -->} is parsed
 * and its declarations run. The README's links must point into the repository.
 */
class ReadmeExamplesTest {
  /** Maven runs a module's tests in the module's folder. */
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path README = ROOT.resolve("README.md");

  @TempDir Path scratch;

  @TestFactory
  Stream<DynamicTest> everySqlExampleRuns() throws Exception {
    Readme readme = Readme.of(Files.readString(README, StandardCharsets.UTF_8));
    List<Readme.Block> blocks = readme.blocks("sql");
    assertFalse(blocks.isEmpty(), "the README has SQL examples");
    Path results = scratch.resolve("results");
    String runnerOutput = runExamples(readme, results);
    List<DynamicTest> tests = new ArrayList<>();
    for (Readme.Block block : blocks) {
      String name = "README.md line " + block.firstLine() + ": " + block.code().lines().findFirst().orElse("");
      tests.add(DynamicTest.dynamicTest(name, () -> {
        assertTrue(block.markerIsKnown(), "README.md line " + (block.firstLine() - 2) + ": '<!-- example: " + block.marker()
            + " -->' is no marker the README documents: 'continues', or 'skip, REASON'");
        if (block.skipReason() != null) {
          declarationsRun(block);
          return;
        }
        Path result = results.resolve(block.firstLine() + ".txt");
        assertTrue(Files.exists(result), "the runner left no result for this block; it printed:\n" + runnerOutput);
        String text = Files.readString(result, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("PASS\n"), "the example at README.md line " + block.firstLine() + " failed; the shell printed:\n"
            + text.substring(text.indexOf('\n') + 1));
      }));
    }
    return tests.stream();
  }

  /**
   * A block that needs a service it cannot reach here still reads and declares as written in a
   * shell on the demo table: each statement parses, and all but its queries run (a table named
   * like the demo's fails here, as it would for a reader).
   */
  private static void declarationsRun(Readme.Block block) {
    try (SluiceEngine engine = SluiceEngine.open()) {
      Demo.install(engine);
      for (String statement : StatementParser.splitStatements(block.code())) {
        Statement parsed = StatementParser.parseStatement(statement);
        if (parsed instanceof Query || parsed instanceof Insert) continue;
        engine.execute(statement);
      }
    }
  }

  @Test
  void linksPointIntoTheRepository() throws IOException {
    Readme readme = Readme.of(Files.readString(README, StandardCharsets.UTF_8));
    List<String> anchors = readme.anchors();
    List<String> broken = new ArrayList<>();
    for (Readme.Link link : readme.links()) {
      String target = link.target();
      if (target.startsWith("https://") || target.startsWith("http://")) continue;
      if (target.startsWith("#")) {
        if (!anchors.contains(target.substring(1))) broken.add("line " + link.line() + ": no heading for " + target);
        continue;
      }
      Path file = ROOT.resolve(target.replaceFirst("#.*", "")).normalize();
      if (!file.startsWith(ROOT)) broken.add("line " + link.line() + ": " + target + " is outside the repository");
      else if (!Files.exists(file)) broken.add("line " + link.line() + ": " + target + " does not exist");
    }
    for (int i = 0; i < readme.lines().size(); i++) {
      if (readme.lines().get(i).contains("`../")) broken.add("line " + (i + 1) + ": a path outside the repository");
    }
    assertEquals(List.of(), broken);
  }

  /** Compiles the Java classes, copies {@code examples/}, runs the runner and returns what it printed. */
  private String runExamples(Readme readme, Path results) throws IOException, InterruptedException {
    Path classes = compileJavaClasses(readme);
    Path workingDirectory = Files.createDirectories(scratch.resolve("root"));
    copyExamples(ROOT.resolve("examples"), workingDirectory.resolve("examples"));
    String java = System.getProperty("sluice.test.java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
        + File.pathSeparator + classes;
    Path log = scratch.resolve("runner.txt");
    Process runner = new ProcessBuilder(java, "-Duser.home=" + scratch, "-cp", classPath, ReadmeExampleRunner.class.getName(),
        README.toString(), results.toString())
        .directory(workingDirectory.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!runner.waitFor(10, TimeUnit.MINUTES)) {
      runner.destroyForcibly();
      throw new AssertionError("the README's examples did not end within 10 minutes");
    }
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** The README's {@code ```java} blocks that are whole classes (they start with a package). */
  private Path compileJavaClasses(Readme readme) throws IOException {
    Path sources = Files.createDirectories(scratch.resolve("java"));
    Path classes = Files.createDirectories(scratch.resolve("classes"));
    List<String> files = new ArrayList<>();
    for (Readme.Block block : readme.blocks("java")) {
      if (!block.code().startsWith("package ")) continue;
      String className = block.code().replaceFirst("(?s).*?public (final )?class (\\w+).*", "$2");
      Path file = sources.resolve("Block" + block.firstLine()).resolve(className + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, block.code());
      files.add(file.toString());
    }
    if (files.isEmpty()) return classes;
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    List<String> arguments = new ArrayList<>(List.of("-d", classes.toString()));
    arguments.addAll(files);
    assertEquals(0, compiler.run(null, null, null, arguments.toArray(new String[0])), "the README's Java classes compile");
    return classes;
  }

  private static void copyExamples(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) return;
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path relative = from.relativize(path);
        if (relative.startsWith("out")) continue;
        Path target = to.resolve(relative.toString());
        if (Files.isDirectory(path)) Files.createDirectories(target);
        else Files.copy(path, target);
      }
    }
  }
}
