package dev.teal.sandbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The sandbox ships in the main source set and starts inside dev mode, so it must not need Quarkus. */
class SandboxArchitectureTest {

  @Test
  void theSandboxDoesNotDependOnQuarkus() {
    noClasses().that().resideInAPackage("dev.teal.sandbox..")
        .should().dependOnClassesThat().resideInAPackage("io.quarkus..")
        .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.teal.sandbox"));
  }
}
