package dev.teal.operator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The daemon's core stays plain Java (a second instance, a benchmark, a test build it without CDI), and
 * nothing in the operator touches the sandbox or DynamoDB Local, which the packaged operator does not
 * contain: dev mode's hook reaches the sandbox only through {@code InProcessSandbox}.
 */
class OperatorArchitectureTest {

  private static final JavaClasses OPERATOR = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.teal.operator");

  private static final String[] CONTAINER = {"io.quarkus..", "jakarta..", "io.smallrye..",
      "dev.teal.operator.wiring..", "dev.teal.operator.devmode.."};

  @Test
  void theCoreDoesNotDependOnQuarkusOrCdi() {
    noClasses().that().resideInAnyPackage("dev.teal.operator.queue..", "dev.teal.operator.lease..",
            "dev.teal.operator.events..", "dev.teal.operator.metrics..", "dev.teal.operator.notify..")
        .should().dependOnClassesThat().resideInAnyPackage(CONTAINER)
        .check(OPERATOR);
    noClasses().that().resideInAPackage("dev.teal.operator").and().doNotHaveSimpleName("OperatorLifecycle")
        .should().dependOnClassesThat().resideInAnyPackage(CONTAINER)
        .check(OPERATOR);
  }

  @Test
  void nothingTouchesTheSandboxOrDynamoDbLocal() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.teal.sandbox..",
            "com.amazonaws.services.dynamodbv2..", "software.amazon.dynamodb..", "org.eclipse.jetty..")
        .check(OPERATOR);
  }
}
