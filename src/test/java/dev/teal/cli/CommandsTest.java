package dev.teal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.document.DocumentCodec;
import dev.teal.document.Fixtures;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.GatesStatus;
import dev.teal.model.Phase;
import dev.teal.model.RevisionStatus;
import dev.teal.model.RouteWeight;
import dev.teal.model.TrafficStatus;
import dev.teal.model.OwnershipTags;
import dev.teal.sandbox.DemoIds;
import dev.teal.store.StatusWriteGuard;
import dev.teal.store.StoredDeployment;
import dev.teal.store.TableSetup;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CommandsTest {

  @RegisterExtension
  static SandboxExtension sandbox = SandboxExtension.create();

  static SandboxCli teal;

  @BeforeAll
  static void createTable() {
    TableSetup.ensureTable(sandbox.dynamoDb(), sandbox.tableName());
    teal = new SandboxCli(sandbox, sandbox.tableName());
  }

  @Test
  void initCreatesTheTableNamedByTheOption() {
    String table = sandbox.tableName() + "-init";

    SandboxCli.Result first = teal.run("init", "--table", table);
    SandboxCli.Result again = teal.run("init", "--table", table);

    assertThat(first.code()).isZero();
    assertThat(first.out()).contains("created table " + table).endsWith("table " + table + " is ready\n");
    assertThat(again.out()).contains("table " + table + " exists");
    assertThat(sandbox.dynamoDb().describeTable(r -> r.tableName(table)).table().streamSpecification().streamEnabled())
        .isTrue();
  }

  @Test
  void getListsDeploymentsWithTheirStatusInColumns() {
    SandboxCli teal = new SandboxCli(sandbox, sandbox.tableName() + "-get");
    teal.run("init");
    create(teal, "get-a", "nginx:1.27");
    StoredDeployment b = create(teal, "get-b", "nginx:1.28");
    teal.store().updateStatus("get-b", StatusWriteGuard.of(b), new DeploymentStatus(Phase.PROMOTING, "step 1",
        1L, b.specHash(), RevisionStatus.of("r1", "nginx:1.27"), RevisionStatus.of("r2", "nginx:1.28"), null, List.of(),
        new TrafficStatus(List.of(new RouteWeight("r2", "nginx:1.28", "tg2", 10),
            new RouteWeight("r1", "nginx:1.27", "tg1", 90)), List.of()),
        null, null, null, null, null, null, List.of(), List.of()));
    sandbox.clock().advance(Duration.ofMinutes(5));

    SandboxCli.Result result = teal.run("get");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo(""
        + "NAME    IMAGE        PHASE     STATUS      STABLE       PREVIEW      TRAFFIC   AGE\n"
        + "get-a   nginx:1.27   preview   -           -            -            -         5m\n"
        + "get-b   nginx:1.28   preview   Promoting   nginx:1.27   nginx:1.28   90/10     5m\n");
  }

  @Test
  void getPrintsFullDocumentsAsYamlOrJson() {
    create("as-yaml", "nginx:1.27");

    SandboxCli.Result yaml = teal.run("get", "as-yaml", "-o", "yaml");
    SandboxCli.Result json = teal.run("get", "as-yaml", "-o", "json");

    assertThat(yaml.code()).isZero();
    assertThat(yaml.out()).startsWith("apiVersion: teal.dev/v1alpha1\nkind: BlueGreenDeployment\nmetadata:\n"
        + "  name: as-yaml\n  generation: 1\n  resourceVersion: 1\n");
    assertThat(DocumentCodec.read(Fixtures.bytes(yaml.out())).spec().image()).isEqualTo("nginx:1.27");
    assertThat(json.out()).contains("\"image\" : \"nginx:1.27\"");
    assertThat(teal.run("get", "no-such", "-o", "yaml").code()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void describeMarksDefaults() {
    create("described", "nginx:1.27");

    SandboxCli.Result result = teal.run("describe", "described");

    assertThat(result.code()).isZero();
    assertThat(result.out()).contains("Name:              described\n")
        .contains("  image: nginx:1.27\n")
        .contains("  phase: preview  # default\n")
        .contains("      matcher: 200-399  # default\n")
        .contains("    port: 80  # default\n")
        .contains("    promotion:\n      steps: [100]  # default\n")
        .contains("(none yet: the operator has not reported on this deployment)");
  }

  @Test
  void describeShowsTheAlarmGatesStates() {
    StoredDeployment d = create("gated", "nginx:1.27");
    teal.store().updateStatus("gated", StatusWriteGuard.of(d), new DeploymentStatus(Phase.DEGRADED,
        "alarm web-5xx is in ALARM", 1L, d.specHash(), null, null, null, List.of(), null, null, null, null, null, null,
        null, List.of(), null, null, List.of(), List.of(), null, List.of(), new GatesStatus(List.of(
            new GatesStatus.AlarmResult("web-5xx", "ALARM"), new GatesStatus.AlarmResult("web-p99", "OK")), null)));

    SandboxCli.Result result = teal.run("describe", "gated");

    assertThat(result.code()).isZero();
    assertThat(result.out()).contains("Alarm gate:").contains("web-5xx ALARM, web-p99 OK\n");
  }

  @Test
  void setImageResetsThePhaseToPreviewUnlessToldToPromote() {
    create("ci", "nginx:1.26");
    teal.run("promote", "ci");

    SandboxCli.Result preview = teal.run("set-image", "ci", "nginx:1.27");
    StoredDeployment afterPreview = teal.store().get("ci").orElseThrow();
    SandboxCli.Result promote = teal.run("set-image", "ci", "nginx:1.28", "--promote");
    StoredDeployment afterPromote = teal.store().get("ci").orElseThrow();

    assertThat(preview.code()).isZero();
    assertThat(preview.out()).isEqualTo("ci updated (generation 3):\n  spec.image: nginx:1.26 -> nginx:1.27\n"
        + "  spec.phase: promote -> preview\n");
    assertThat(afterPreview.effectiveSpec().phase()).isEqualTo(DesiredPhase.PREVIEW);
    assertThat(promote.code()).isZero();
    assertThat(afterPromote.spec().image()).isEqualTo("nginx:1.28");
    assertThat(afterPromote.spec().phase()).isEqualTo(DesiredPhase.PROMOTE);
  }

  @Test
  void setImageRefusesABadImageAndWritesNothing() {
    create("bad-image", "nginx:1.26");

    SandboxCli.Result result = teal.run("set-image", "bad-image", "nginx");

    assertThat(result.code()).isEqualTo(ExitCodes.INVALID_DOCUMENT);
    assertThat(result.err()).startsWith("error: invalid; nothing was written:\n  spec.image: must be an image reference");
    assertThat(teal.store().get("bad-image").orElseThrow().resourceVersion()).isEqualTo(1);
  }

  @Test
  void promoteAndRollbackFlipThePhase() {
    create("flip", "nginx:1.26");

    assertThat(teal.run("promote", "flip").code()).isZero();
    assertThat(teal.store().get("flip").orElseThrow().spec().phase()).isEqualTo(DesiredPhase.PROMOTE);
    assertThat(teal.run("promote", "flip").out()).isEqualTo("flip unchanged (generation 2)\n");
    assertThat(teal.run("rollback", "flip").code()).isZero();
    assertThat(teal.store().get("flip").orElseThrow().spec().phase()).isEqualTo(DesiredPhase.ROLLBACK);
    assertThat(teal.run("promote", "nope").code()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void historyShowsWhoChangedWhatNewestFirst() {
    create("hist", "nginx:1.26");
    teal.run("set-image", "hist", "nginx:1.27");

    SandboxCli.Result result = teal.run("history", "hist");

    assertThat(result.code()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines.get(0)).contains("generation 2").contains("arn:aws:iam::000000000000:")
        .endsWith("teal set-image hist nginx:1.27");
    assertThat(lines.get(1)).isEqualTo("    spec.image: nginx:1.26 -> nginx:1.27");
    assertThat(lines).anyMatch(line -> line.contains("generation 1") && line.endsWith("teal apply -f -"));
    assertThat(teal.run("history", "never-existed").code()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  /**
   * The lookup lists the service's task sets with DescribeServices: ECS refuses DescribeTaskSets without
   * task set ids, as the simulator does. Shown to catch: the old lookup that described all task sets
   * (the delete failed with "TaskSets cannot be empty." instead of refusing).
   */
  @Test
  void deleteIsRefusedWhileTealOwnedTaskSetsAreLive() {
    DemoIds demo = sandbox.seedDemo();
    create("web", "nginx:1.27");
    sandbox.ecs().tagResource(r -> r.resourceArn(demo.taskSetArn()).tags(
        t -> t.key(OwnershipTags.DEPLOYMENT).value("web"), t -> t.key(OwnershipTags.MANAGED_BY).value("teal")));

    SandboxCli.Result refused = teal.run("delete", "web");

    assertThat(refused.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(refused.err()).contains("refusing to delete web: 1 teal-owned task set(s) are still live in service"
        + " demo/web (" + demo.taskSetArn() + ")").contains("--force");
    assertThat(teal.store().get("web")).isPresent();

    SandboxCli.Result forced = teal.run("delete", "web", "--force");

    assertThat(forced.code()).isZero();
    assertThat(forced.out()).isEqualTo("web deleted; teal no longer manages it and nothing in AWS was deleted\n");
    assertThat(teal.store().get("web")).isEmpty();
    assertThat(sandbox.ecs().describeServices(r -> r.cluster("demo").services("web")).services().get(0).taskSets())
        .isNotEmpty();
  }

  @Test
  void deleteGoesAheadWhenNoTaskSetIsTealOwned() {
    create("untagged", "nginx:1.27");

    assertThat(teal.run("delete", "untagged").code()).isZero();
    assertThat(teal.run("delete", "untagged").code()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void theTableComesFromTheOptionOrTheEnvironment() {
    SandboxCli other = new SandboxCli(sandbox, "does-not-exist");

    SandboxCli.Result result = other.run("get");

    assertThat(result.code()).isEqualTo(ExitCodes.TABLE_MISSING);
    assertThat(result.err()).isEqualTo("error: table does-not-exist does not exist; create it with `teal init`\n");
    assertThat(other.run("get", "--table", sandbox.tableName()).code()).isZero();
  }

  @Test
  void helpDocumentsTheExitCodes() {
    SandboxCli.Result help = teal.run("--help");

    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("Exit codes:", "3   invalid document", "4   conflict", "9   DynamoDB/AWS unreachable");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(teal.run("get", "--bogus").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(teal.run("status", "web", "--timeout", "soon").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(teal.run().code()).isEqualTo(ExitCodes.USAGE);
  }

  private static StoredDeployment create(String name, String image) {
    return create(teal, name, image);
  }

  private static StoredDeployment create(SandboxCli teal, String name, String image) {
    SandboxCli.Result result = teal.runWithInput(Fixtures.bytes(Fixtures.minimal(name, image)), "apply", "-f", "-");
    assertThat(result.code()).as(result.err()).isZero();
    return teal.store().get(name).orElseThrow();
  }
}
