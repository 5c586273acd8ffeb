package dev.teal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.document.Fixtures;
import dev.teal.store.StoredDeployment;
import dev.teal.store.TableSetup;
import dev.teal.testing.SandboxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ApplyCommandTest {

  @RegisterExtension
  static SandboxExtension sandbox = SandboxExtension.create();

  static SandboxCli teal;

  @TempDir
  Path dir;

  @BeforeAll
  static void createTable() {
    TableSetup.ensureTable(sandbox.dynamoDb(), sandbox.tableName());
    teal = new SandboxCli(sandbox, sandbox.tableName());
  }

  @Test
  void createsThenConfiguresThenReportsUnchanged() throws Exception {
    Path file = write("created.yaml", Fixtures.minimal("created", "nginx:1.27"));

    SandboxCli.Result created = teal.run("apply", "-f", file.toString());
    write("created.yaml", Fixtures.minimal("created", "nginx:1.28"));
    SandboxCli.Result configured = teal.run("apply", "-f", file.toString());
    SandboxCli.Result unchanged = teal.run("apply", "-f", file.toString());

    assertThat(created.code()).isZero();
    assertThat(created.out()).isEqualTo("created created (generation 1, resourceVersion 1)\n");
    assertThat(configured.code()).isZero();
    assertThat(configured.out()).isEqualTo("created configured (generation 2, resourceVersion 2):\n"
        + "  spec.image: nginx:1.27 -> nginx:1.28\n");
    assertThat(unchanged.out()).isEqualTo("created unchanged (generation 2)\n");
    StoredDeployment stored = teal.store().get("created").orElseThrow();
    assertThat(stored.spec().image()).isEqualTo("nginx:1.28");
    assertThat(teal.store().history("created").get(0).command()).isEqualTo("teal apply -f " + file);
    assertThat(teal.store().history("created").get(0).actor()).startsWith("arn:aws:iam::000000000000:");
  }

  /** The operator refuses a second document for a service or route; apply says so before it writes. */
  @Test
  void warnsWhenAnotherDocumentNamesTheSameServiceOrRoutes() throws Exception {
    teal.run("apply", "-f", write("first.yaml", Fixtures.minimal("claims-first", "nginx:1.27")).toString());

    SandboxCli.Result second = teal.run("apply", "-f",
        write("second.yaml", Fixtures.minimal("claims-second", "nginx:1.27")).toString());

    assertThat(second.code()).as("a warning, not a refusal: the operator enforces it").isZero();
    assertThat(second.err()).contains("warning: deployment 'claims-first' already names ECS service demo/web and"
        + " route " + Fixtures.PRODUCTION_RULE + " and route " + Fixtures.TEST_RULE)
        .contains("the operator refuses claims-second (phase Failed) while 'claims-first' exists");
    assertThat(teal.store().get("claims-second")).isPresent();
  }

  @Test
  void dryRunPrintsTheFieldDiffAndWritesNothing() throws Exception {
    teal.run("apply", "-f", write("dry.yaml", Fixtures.minimal("dry", "nginx:1.26")).toString());
    Path changed = write("dry.yaml", Fixtures.minimal("dry", "nginx:1.27").replace("  image: nginx:1.27",
        "  image: nginx:1.27\n  strategy: {promotion: {steps: [10, 50, 100], stepInterval: 2m}}"));

    SandboxCli.Result result = teal.run("apply", "-f", changed.toString(), "--dry-run");

    assertThat(result.code()).isZero();
    assertThat(result.out()).as(result.err()).startsWith("""
        dry would be changed (dry run, nothing written):
          spec.image: nginx:1.26 -> nginx:1.27
          spec.strategy.promotion.stepInterval: (unset) -> 2m
          spec.strategy.promotion.steps: (unset) -> [10, 50, 100]

        Plan for dry (generation 2""");
    assertThat(teal.store().get("dry").orElseThrow().spec().image()).isEqualTo("nginx:1.26");
    assertThat(teal.store().history("dry")).hasSize(1);
  }

  @Test
  void dryRunOfANewDocumentWritesNothing() throws Exception {
    SandboxCli.Result result = teal.run("apply", "--dry-run", "-f",
        write("new.yaml", Fixtures.minimal("never-created", "nginx:1.27")).toString());

    assertThat(result.code()).isZero();
    assertThat(result.out()).startsWith("never-created would be created (dry run, nothing written):\n")
        .contains("  spec.image: (unset) -> nginx:1.27\n");
    assertThat(teal.store().get("never-created")).isEmpty();
  }

  @Test
  void readsStandardInput() {
    SandboxCli.Result result = teal.runWithInput(Fixtures.bytes(Fixtures.minimal("from-stdin", "nginx:1.27")),
        "apply", "-f", "-");

    assertThat(result.code()).isZero();
    assertThat(teal.store().get("from-stdin")).isPresent();
  }

  @Test
  void aResourceVersionInTheFileMustStillMatch() throws Exception {
    teal.run("apply", "-f", write("pinned.yaml", Fixtures.minimal("pinned", "nginx:1.26")).toString());
    teal.run("set-image", "pinned", "nginx:1.27");
    String stale = Fixtures.minimal("pinned", "nginx:1.28").replace("  name: pinned", "  name: pinned\n  resourceVersion: 1");

    SandboxCli.Result result = teal.run("apply", "-f", write("pinned.yaml", stale).toString());

    assertThat(result.code()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(result.err()).isEqualTo("error: pinned was changed by someone else since you read it"
        + " (resourceVersion 1); re-read and retry\n");
    assertThat(teal.store().get("pinned").orElseThrow().spec().image()).isEqualTo("nginx:1.27");

    SandboxCli.Result current = teal.run("apply", "-f", write("pinned.yaml", stale.replace("resourceVersion: 1",
        "resourceVersion: 2")).toString());
    assertThat(current.code()).isZero();
  }

  @Test
  void aResourceVersionForADocumentThatDoesNotExistIsNotFound() throws Exception {
    String pinned = Fixtures.minimal("absent", "nginx:1.28").replace("  name: absent", "  name: absent\n  resourceVersion: 4");

    SandboxCli.Result result = teal.run("apply", "-f", write("absent.yaml", pinned).toString());

    assertThat(result.code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(result.err()).contains("remove metadata.resourceVersion to create it");
  }

  @Test
  void listsEveryViolationAndWritesNothing() throws Exception {
    Path file = write("bad.yaml", Fixtures.minimal("bad", "nginx latest").replace("containerPort: 80",
        "containerPort: 0").replace("  image:", "  strategy: {promotion: {steps: [10, 5]}}\n  image:"));

    SandboxCli.Result result = teal.run("apply", "-f", file.toString());

    assertThat(result.code()).isEqualTo(ExitCodes.INVALID_DOCUMENT);
    assertThat(result.err()).isEqualTo("error: " + file + " is invalid; nothing was written:\n"
        + "  spec.containerPort: must be between 1 and 65535 (was 0)\n"
        + "  spec.image: must be an image reference with a tag or digest, like nginx:1.27,"
        + " registry.example.com:5000/team/web:1.2.3 or web@sha256:<64 hex>; no spaces, no implicit :latest"
        + " (was 'nginx latest')\n"
        + "  spec.strategy.promotion.steps: must be increasing and end at 100 (was [10, 5])\n");
    assertThat(teal.store().get("bad")).isEmpty();
  }

  @Test
  void aMissingFileIsAUsageError() {
    SandboxCli.Result result = teal.run("apply", "-f", dir.resolve("nope.yaml").toString());

    assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("nope.yaml: no such file");
  }

  @Test
  void refusesAStatusBlock() throws Exception {
    Path file = write("with-status.yaml", Fixtures.minimal("with-status", "nginx:1.27") + "status:\n  phase: Promoted\n");

    SandboxCli.Result result = teal.run("apply", "-f", file.toString());

    assertThat(result.code()).isEqualTo(ExitCodes.INVALID_DOCUMENT);
    assertThat(result.err()).contains("  status: is written only by the operator; remove the status block from the file");
    assertThat(teal.store().get("with-status")).isEmpty();
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }
}
