package dev.teal.operator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.teal.operator.sandbox.DevSandbox;
import org.junit.jupiter.api.Test;

/**
 * The daemon's core stays plain Java (a second instance, a benchmark, a test build it without CDI), and
 * nothing but the dev-mode sandbox's runtime touches the sandbox launcher, whose DynamoDB Local is not
 * in the packaged operator.
 */
class OperatorArchitectureTest {

  private static final JavaClasses OPERATOR = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.teal.operator");

  private static final String[] CONTAINER = {"io.quarkus..", "jakarta..", "io.smallrye..",
      "dev.teal.operator.wiring..", "dev.teal.operator.sandbox.."};

  @Test
  void theCoreDoesNotDependOnQuarkusOrCdi() {
    noClasses().that().resideInAnyPackage("dev.teal.operator.queue..", "dev.teal.operator.lease..",
            "dev.teal.operator.events..", "dev.teal.operator.metrics..")
        .should().dependOnClassesThat().resideInAnyPackage(CONTAINER)
        .check(OPERATOR);
    noClasses().that().resideInAPackage("dev.teal.operator").and().doNotHaveSimpleName("OperatorLifecycle")
        .should().dependOnClassesThat().resideInAnyPackage(CONTAINER)
        .check(OPERATOR);
  }

  @Test
  void onlyTheSandboxRuntimeTouchesTheLauncherAndNothingTouchesDynamoDbLocal() {
    noClasses().that().doNotHaveFullyQualifiedName(DevSandbox.class.getPackageName() + ".SandboxRuntime")
        .should().dependOnClassesThat().haveFullyQualifiedName("dev.teal.sandbox.SandboxLauncher")
        .check(OPERATOR);
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.teal.sandbox.dynamodb..",
            "com.amazonaws.services.dynamodbv2..", "software.amazon.dynamodb..", "org.eclipse.jetty..")
        .check(OPERATOR);
  }
}
