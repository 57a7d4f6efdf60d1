package dev.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./sluice} launcher, copied into a checkout of its own with nothing built, and run with
 * stand-ins for {@code mvn} and {@code java} first on the PATH: what a first run says while it
 * builds, and {@code --version}. The real build never runs here.
 */
class LauncherTest {
  @TempDir Path root;
  private Path bin;
  private Path home;

  @BeforeEach
  void checkout() throws IOException {
    Files.copy(Path.of("..", "sluice"), root.resolve("sluice"));
    Files.copy(Path.of("..", "pom.xml"), root.resolve("pom.xml"));
    bin = Files.createDirectories(root.resolve("fake-bin"));
    home = Files.createDirectories(root.resolve("home"));
    script("java", "echo \"java $*\"");
  }

  @Test
  void theFirstRunSaysItBuildsHowLongItTakesAndWhereItsOutputGoes() throws Exception {
    script("mvn", """
        echo "[INFO] compiling everything"
        for module in shell benchmarks; do
          mkdir -p "$module/target/lib"
          touch "$module/target/sluice-$module-1.jar" "$module/target/lib/dependency.jar"
        done
        """);
    Run run = launch("-e", "SHOW TABLES;");
    Path log = home.resolve(".sluice").resolve("build.log");
    assertAll(
        () -> assertEquals(0, run.exitCode(), run.err()),
        () -> assertTrue(run.err().contains("Building Sluice (first run)"), run.err()),
        () -> assertTrue(run.err().contains("minutes"), "how long it takes: " + run.err()),
        () -> assertTrue(run.err().contains(log.toString()), "where its output goes: " + run.err()),
        () -> assertTrue(run.err().matches("(?s).*Built Sluice in \\d+s\\.\n.*"), "how long it took: " + run.err()),
        () -> assertTrue(Files.readString(log).contains("[INFO] compiling everything"), "the build's output is kept"),
        () -> assertTrue(run.out().contains("dev.sluice.shell.Main -e SHOW TABLES;"), "then the shell runs: " + run.out()));
  }

  @Test
  void aFailedBuildShowsTheEndOfItsOutputAndWhereTheRestIs() throws Exception {
    script("mvn", "echo '[ERROR] COMPILATION ERROR in Main.java'; exit 1");
    Run run = launch();
    assertAll(
        () -> assertEquals(1, run.exitCode()),
        () -> assertTrue(run.err().contains("[ERROR] COMPILATION ERROR in Main.java"), run.err()),
        () -> assertTrue(run.err().contains(home.resolve(".sluice").resolve("build.log").toString()), run.err()),
        () -> assertFalse(run.out().contains("java"), "the shell does not start: " + run.out()));
  }

  @Test
  void versionPrintsThePomsVersionWithoutBuilding() throws Exception {
    script("mvn", "touch mvn-ran; exit 1");
    Run run = launch("--version");
    assertAll(
        () -> assertEquals(0, run.exitCode(), run.err()),
        () -> assertEquals("Sluice " + System.getProperty("sluice.test.version") + "\n", run.out()),
        () -> assertEquals("", run.err()),
        () -> assertFalse(Files.exists(root.resolve("mvn-ran")), "nothing is built for --version"));
  }

  private void script(String name, String body) throws IOException {
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/usr/bin/env bash\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private Run launch(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("bash", root.resolve("sluice").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
    builder.environment().put("PATH", bin + ":/usr/bin:/bin");
    builder.environment().put("HOME", home.toString());
    builder.environment().remove("SLUICE_JAVA_OPTS");
    Path out = root.resolve("out.txt");
    Path err = root.resolve("err.txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the launcher did not end within 60 s");
    }
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  private record Run(int exitCode, String out, String err) {}
}
