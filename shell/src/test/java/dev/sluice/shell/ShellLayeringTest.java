package dev.sluice.shell;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The shell stands on the engine's API, and its core does not need a terminal library. */
class ShellLayeringTest {
  private static final JavaClasses SHELL = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.sluice.shell");

  @Test
  void theShellNeverReachesIntoThePlanner() {
    noClasses().should().dependOnClassesThat().resideInAPackage("dev.sluice.planner..").check(SHELL);
  }

  @Test
  void sessionsAndRenderingWorkWithoutJLine() {
    noClasses().that().resideInAnyPackage("dev.sluice.shell.session..", "dev.sluice.shell.render..")
        .should().dependOnClassesThat().resideInAPackage("org.jline..")
        .check(SHELL);
  }
}
