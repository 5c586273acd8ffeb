package dev.teal.sandbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The sandbox starts inside dev mode, so it must not need Quarkus; the simulator models AWS, not teal. */
class SandboxArchitectureTest {

  /**
   * The classes compiled from src/sandbox/java. The build compiles them with the tests (and dev mode
   * with the main code), so their location does not tell them from tests; their source file does.
   */
  private static final ImportOption SANDBOX_SOURCES = (Location location) -> {
    String uri = location.asURI().toString();
    int classes = Math.max(uri.lastIndexOf("/test-classes/") + "/test-classes/".length(),
        uri.lastIndexOf("/classes/") + "/classes/".length());
    String binary = uri.substring(classes).replaceAll("\\$.*|\\.class$", "");
    return Files.exists(Path.of("src/sandbox/java", binary + ".java"));
  };

  private static final JavaClasses SANDBOX =
      new ClassFileImporter().withImportOption(SANDBOX_SOURCES).importPackages("dev.teal.sandbox");

  @Test
  void theSandboxDoesNotDependOnQuarkus() {
    noClasses().that().resideInAPackage("dev.teal.sandbox..")
        .should().dependOnClassesThat().resideInAPackage("io.quarkus..")
        .check(SANDBOX);
  }

  /**
   * A model of AWS, not of teal: only dev mode's starter and the teal-sandbox launcher, which hand teal the
   * demo document, know teal; and SandboxClients, which builds the SDK clients on teal's side of the wire
   * (those the tests' operators call the sandbox with), with teal's fix for the JDK HTTP client's
   * NullPointerException on an aborted attempt (dev.teal.aws.sdk.NpeAsIoHttpClient), as teal's own clients.
   */
  @Test
  void theSimulatorDoesNotDependOnTeal() {
    noClasses().that().resideInAPackage("dev.teal.sandbox..")
        .and().resideOutsideOfPackages("dev.teal.sandbox.devmode", "dev.teal.sandbox.launcher")
        .and().doNotHaveFullyQualifiedName(SandboxClients.class.getName())
        .should().dependOnClassesThat().resideInAnyPackage("dev.teal.operator..", "dev.teal.reconcile..",
            "dev.teal.store..", "dev.teal.cli..", "dev.teal.aws..", "dev.teal.model..", "dev.teal.document..")
        .check(SANDBOX);
  }
}
