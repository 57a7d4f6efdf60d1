package dev.sluice.shell;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.sluice.planner.catalog.TableDefinition;
import org.junit.jupiter.api.Test;

/** The shell stands on the engine's API, and its core does not need a terminal library. */
class ShellLayeringTest {
  private static final JavaClasses SHELL = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.sluice.shell");

  /**
   * The one planner type the shell sees is the table definition that {@code SluiceEngine.tables()}
   * hands out, read for a table's connector options.
   */
  @Test
  void theShellNeverReachesIntoThePlanner() {
    noClasses().should().dependOnClassesThat(
            JavaClass.Predicates.resideInAPackage("dev.sluice.planner..")
                .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(TableDefinition.class))))
        .check(SHELL);
  }

  @Test
  void sessionsAndRenderingWorkWithoutJLine() {
    noClasses().that().resideInAnyPackage("dev.sluice.shell.session..", "dev.sluice.shell.render..")
        .should().dependOnClassesThat().resideInAPackage("org.jline..")
        .check(SHELL);
  }
}
