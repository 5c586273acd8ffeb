package dev.teal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The model and the document logic stay free of Quarkus and the AWS SDK, so every layer can use them, and
 * nothing that ships depends on the sandbox.
 */
class ArchitectureTest {

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.teal");

  @Test
  void modelAndDocumentDoNotDependOnQuarkusOrTheSdk() {
    noClasses().that().resideInAnyPackage("dev.teal.model..", "dev.teal.document..")
        .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "software.amazon..", "jakarta..",
            "dev.teal.store..", "dev.teal.cli..")
        .check(MAIN);
  }

  /** The simulator is a model of AWS for the tests and dev mode; what ships never reaches for it. */
  @Test
  void nothingThatShipsDependsOnTheSandbox() {
    noClasses().that().resideInAnyPackage("dev.teal.operator..", "dev.teal.reconcile..", "dev.teal.store..",
            "dev.teal.cli..", "dev.teal.aws..", "dev.teal.model..", "dev.teal.document..")
        .should().dependOnClassesThat().resideInAPackage("dev.teal.sandbox..")
        .check(MAIN);
  }

  /** The CLI writes intent and reads status; the operator does the work, and the CLI runs without Quarkus. */
  @Test
  void theCliDoesNotDependOnTheOperatorOrQuarkus() {
    noClasses().that().resideInAPackage("dev.teal.cli..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.teal.operator..", "dev.teal.reconcile..",
            "io.quarkus..", "jakarta..")
        .check(MAIN);
  }

  @Test
  void theStoreDoesNotDependOnTheCli() {
    noClasses().that().resideInAPackage("dev.teal.store..")
        .should().dependOnClassesThat().resideInAPackage("dev.teal.cli..")
        .check(MAIN);
  }
}
