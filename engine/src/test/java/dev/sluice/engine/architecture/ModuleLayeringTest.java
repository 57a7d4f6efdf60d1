package dev.sluice.engine.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md's module rules as a test: a module depends only on the modules above it. The
 * engine's test class path holds every module but the shell and the benchmarks (which depend on
 * the engine), so their production classes are checked here; a reference to the shell or the
 * benchmarks is caught even though their classes are not on the path.
 */
class ModuleLayeringTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ModuleLayeringTest::isNotATestJar)
        .importPackages("dev.sluice");
  }

  /** Test jars of other modules (a {@code test-jar} dependency) hold test code, which may see anything. */
  private static boolean isNotATestJar(com.tngtech.archunit.core.importer.Location location) {
    return !location.contains("-tests.jar");
  }

  @Test
  void everyModuleOnTheClassPathWasImported() {
    for (String module : List.of("dev.sluice.sql", "dev.sluice.runtime", "dev.sluice.planner", "dev.sluice.connectors", "dev.sluice.engine")) {
      assertTrue(classes.stream().anyMatch(c -> c.getPackageName().startsWith(module)), "no production classes of " + module + " imported");
    }
    assertTrue(classes.stream().noneMatch(c -> c.getSimpleName().endsWith("Test")), "test classes must not be imported");
  }

  @Test
  void theRulesSeeRealDependencies() {
    // Rules that must be broken, so the others cannot pass for want of imported dependencies.
    assertThrows(AssertionError.class, () -> noClasses().that().resideInAPackage("dev.sluice.engine..")
        .should().dependOnClassesThat().resideInAPackage("dev.sluice.planner..").check(classes));
    // Classes outside Sluice are not imported (archunit.properties), but references to them still count.
    assertThrows(AssertionError.class, () -> noClasses().that().resideInAPackage("dev.sluice.planner..")
        .should().dependOnClassesThat().resideInAPackage("org.apache.calcite..").check(classes));
  }

  @Test
  void theRuntimeSeesNeitherCalciteNorAnyModuleAboveIt() {
    noClasses().that().resideInAPackage("dev.sluice.runtime..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.apache.calcite..", "dev.sluice.planner..", "dev.sluice.sql..", "dev.sluice.engine..", "dev.sluice.connectors..")
        .because("the runtime never sees Calcite or the planner (ARCHITECTURE.md)")
        .check(classes);
  }

  @Test
  void connectorsSeeOnlyTheSpiAndTheDataModelOfTheRuntime() {
    noClasses().that().resideInAPackage("dev.sluice.connectors..")
        .should().dependOnClassesThat(resideInAPackage("dev.sluice..")
            .and(not(resideInAnyPackage("dev.sluice.connectors..", "dev.sluice.runtime.spi..", "dev.sluice.runtime.data..",
                "dev.sluice.runtime.type..")))
            .as("Sluice classes outside the connectors and dev.sluice.runtime.spi|data|type"))
        .because("connectors import only the SPI (STYLE.md); they never see operators")
        .check(classes);
  }

  @Test
  void thePlannerSeesNeitherTheEngineNorConnectorsNorTheShell() {
    noClasses().that().resideInAPackage("dev.sluice.planner..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.engine..", "dev.sluice.connectors..", "dev.sluice.shell..")
        .check(classes);
  }

  @Test
  void theSqlParserSeesNoOtherModule() {
    noClasses().that().resideInAPackage("dev.sluice.sql..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.sluice.runtime..", "dev.sluice.planner..", "dev.sluice.engine..", "dev.sluice.connectors..", "dev.sluice.shell..")
        .check(classes);
  }

  @Test
  void nothingDependsOnTheShell() {
    noClasses().that().resideOutsideOfPackage("dev.sluice.shell..")
        .should().dependOnClassesThat().resideInAPackage("dev.sluice.shell..")
        .check(classes);
  }

  @Test
  void nothingDependsOnTheBenchmarks() {
    noClasses().that().resideOutsideOfPackage("..benchmarks..")
        .should().dependOnClassesThat().resideInAPackage("..benchmarks..")
        .check(classes);
  }

  @Test
  void theEngineKeepsItsInternalsOutOfItsPublicApi() {
    noClasses().that().resideInAnyPackage("dev.sluice.runtime..", "dev.sluice.planner..", "dev.sluice.connectors..", "dev.sluice.sql..")
        .should().dependOnClassesThat().resideInAPackage("dev.sluice.engine.internal..")
        .check(classes);
  }
}
