package dev.teal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The model, the document logic and the status history's rules stay free of Quarkus and the AWS SDK, so
 * every layer can use them; nothing that ships depends on the sandbox; the planner stays a pure function
 * of what it is given.
 */
class ArchitectureTest {

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.teal");

  @Test
  void modelAndDocumentDoNotDependOnQuarkusOrTheSdk() {
    noClasses().that().resideInAnyPackage("dev.teal.model..", "dev.teal.document..", "dev.teal.history..")
        .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "software.amazon..", "jakarta..",
            "dev.teal.store..", "dev.teal.cli..", "dev.teal.operator..", "dev.teal.reconcile..")
        .check(MAIN);
  }

  /** The simulator is a model of AWS for the tests and dev mode; what ships never reaches for it. */
  @Test
  void nothingThatShipsDependsOnTheSandbox() {
    noClasses().that().resideInAnyPackage("dev.teal.operator..", "dev.teal.reconcile..", "dev.teal.store..",
            "dev.teal.cli..", "dev.teal.aws..", "dev.teal.model..", "dev.teal.document..", "dev.teal.history..")
        .should().dependOnClassesThat().resideInAPackage("dev.teal.sandbox..")
        .check(MAIN);
  }

  /**
   * The CLI writes intent and reads status; the operator does the work, and the CLI runs without Quarkus.
   * Of the reconciler it uses {@code PlanPreview} alone (with its nested records): {@code teal plan} must
   * say what the operator would do by running the operator's own pure planner and observer, read only,
   * not a copy of them that could drift; it never reaches the executor, the reconcile loop or the store's
   * status writes.
   */
  @Test
  void theCliDoesNotDependOnTheOperatorOrQuarkus() {
    DescribedPredicate<JavaClass> reconcilerBeyondThePlanFacade = DescribedPredicate.describe(
        "dev.teal.reconcile classes other than PlanPreview", c -> c.getPackageName().equals("dev.teal.reconcile")
            && !c.getName().startsWith("dev.teal.reconcile.PlanPreview"));
    noClasses().that().resideInAPackage("dev.teal.cli..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.teal.operator..", "io.quarkus..", "jakarta..")
        .orShould().dependOnClassesThat(reconcilerBeyondThePlanFacade)
        .check(MAIN);
  }

  /** The planner's units: {@code PlanningPass} and every class with a method or constructor that takes one. */
  private static final DescribedPredicate<JavaClass> PLANNING_UNITS =
      DescribedPredicate.describe("take part in a planning pass", c -> c.getPackageName().equals("dev.teal.reconcile")
          && (c.getSimpleName().equals("PlanningPass") || c.getCodeUnits().stream().anyMatch(m ->
              m.getRawParameterTypes().stream().anyMatch(t -> t.getName().equals("dev.teal.reconcile.PlanningPass")))));

  @Test
  void thePlannerDoesNoIoAndReadsNoClock() {
    assertThat(MAIN.that(PLANNING_UNITS)).extracting(JavaClass::getSimpleName)
        .contains("Planner", "PlanningPass", "Routes", "BlueGreen", "Promotion", "StatusPhase")
        .hasSizeGreaterThanOrEqualTo(15);
    // Not through anything they use either: the model, the observation, the action types.
    noClasses().that(PLANNING_UNITS)
        .should().transitivelyDependOnClassesThat().resideInAnyPackage("io.quarkus..", "software.amazon..",
            "jakarta..", "dev.teal.store..", "dev.teal.operator..", "dev.teal.sandbox..", "dev.teal.aws.sdk..")
        .check(MAIN);
    noClasses().that(PLANNING_UNITS)
        .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.net..", "java.nio..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
        .orShould().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .check(MAIN);
  }

  @Test
  void theStoreDoesNotDependOnTheCli() {
    noClasses().that().resideInAPackage("dev.teal.store..")
        .should().dependOnClassesThat().resideInAPackage("dev.teal.cli..")
        .check(MAIN);
  }
}
