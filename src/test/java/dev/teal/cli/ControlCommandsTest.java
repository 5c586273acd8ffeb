package dev.teal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.aws.AwsException;
import dev.teal.aws.AwsTransientException;
import dev.teal.document.Fixtures;
import dev.teal.model.AbortStatus;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.Phase;
import dev.teal.model.RevisionStatus;
import dev.teal.store.AccessDeniedException;
import dev.teal.store.StatusWriteGuard;
import dev.teal.store.StoreUnavailableException;
import dev.teal.store.StoredDeployment;
import dev.teal.store.TableNotFoundException;
import dev.teal.store.TableSetup;
import dev.teal.testing.SandboxExtension;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The control commands' bad input (each refused with a clear message and its own exit code, nothing
 * written) and the CLI conventions: label selectors, output formats, one-line status, exit codes.
 */
class ControlCommandsTest {

  @RegisterExtension
  static SandboxExtension sandbox = SandboxExtension.create();

  static SandboxCli teal;

  @BeforeAll
  static void createTable() {
    TableSetup.ensureTable(sandbox.dynamoDb(), sandbox.tableName());
    teal = new SandboxCli(sandbox, sandbox.tableName());
  }

  static StoredDeployment create(String name, String image, String labels) {
    String yaml = Fixtures.minimal(name, image).replace("  name: " + name + "\n",
        "  name: " + name + "\n" + (labels == null ? "" : "  labels: {" + labels + "}\n"));
    SandboxCli.Result result = teal.runWithInput(Fixtures.bytes(yaml), "apply", "-f", "-");
    assertThat(result.code()).as(result.err()).isZero();
    return teal.store().get(name).orElseThrow();
  }

  static void report(StoredDeployment d, DeploymentStatus status) {
    teal.store().updateStatus(d.name(), StatusWriteGuard.of(d), status);
  }

  static DeploymentStatus promotedOn(String image) {
    return new DeploymentStatus(Phase.PROMOTED, image + " serves production", 1L, null,
        RevisionStatus.of("1a2b3c4d", image), null, null, List.of(), null, null, null, null, null, null, null,
        List.of(), List.of());
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        Arguments.of("pause with nothing in flight", List.of("pause", "NAME"), ExitCodes.REFUSED,
            "nothing is in flight"),
        Arguments.of("resume with nothing paused", List.of("resume", "NAME"), ExitCodes.REFUSED, "is not paused"),
        Arguments.of("abort with no green", List.of("abort", "NAME"), ExitCodes.REFUSED, "no green is in flight"),
        Arguments.of("retry with nothing to retry", List.of("retry", "NAME"), ExitCodes.REFUSED, "nothing to retry"),
        Arguments.of("undo with no history", List.of("undo", "NAME"), ExitCodes.REFUSED, "nothing to undo to"),
        Arguments.of("promote --full without a reason", List.of("promote", "NAME", "--full"), ExitCodes.USAGE,
            "--full needs --reason"),
        Arguments.of("promote --full with nothing in flight", List.of("promote", "NAME", "--full", "--reason", "x"),
            ExitCodes.REFUSED, "no green is in flight"),
        Arguments.of("set-image with two bare images", List.of("set-image", "NAME", "nginx:1", "nginx:2"),
            ExitCodes.USAGE, "CONTAINER=IMAGE"),
        Arguments.of("set-image with a bad image", List.of("set-image", "NAME", "web=nginx"),
            ExitCodes.INVALID_DOCUMENT, "spec.images.web"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void badRequestsAreRefusedWithTheirReasonAndWriteNothing(String label, List<String> args, int code, String reason) {
    String name = "bad-" + Integer.toHexString(label.hashCode());
    StoredDeployment before = create(name, "nginx:1.27", null);
    report(before, promotedOn("nginx:1.27"));

    SandboxCli.Result result = teal.run(args.stream().map(a -> a.equals("NAME") ? name : a).toArray(String[]::new));

    assertThat(result.code()).as(result.err()).isEqualTo(code);
    assertThat(result.err()).contains(reason);
    StoredDeployment after = teal.store().get(name).orElseThrow();
    assertThat(after.resourceVersion()).as("nothing was written").isEqualTo(before.resourceVersion());
    assertThat(teal.store().history(name)).hasSize(1);
  }

  @Test
  void aStepListWithAPauseAfter100IsAnInvalidDocument() {
    String yaml = Fixtures.minimal("pause-at-100", "nginx:1.27").replace("  image: nginx:1.27",
        "  image: nginx:1.27\n  strategy: {promotion: {steps: [10, {weight: 100, pause: {duration: 5m}}]}}");

    SandboxCli.Result result = teal.runWithInput(Fixtures.bytes(yaml), "apply", "-f", "-");

    assertThat(result.code()).isEqualTo(ExitCodes.INVALID_DOCUMENT);
    assertThat(result.err()).contains("spec.strategy.promotion.steps[1].pause", "nothing follows");
    assertThat(teal.store().get("pause-at-100")).isEmpty();
  }

  @Test
  void retryRaisesTheCounterAndRemovesTheAbortRequest() {
    StoredDeployment d = create("retry-me", "nginx:1.27", null);
    DeploymentStatus degraded = new DeploymentStatus(Phase.DEGRADED, "aborted", 1L, d.specHash(),
        RevisionStatus.of("0badc0de", "nginx:1.26"), null, null, List.of(), null, null, null, null, null, null,
        new AbortStatus("1a2b3c4d", "nginx:1.27", d.specHash(), "Aborted", "aborted by me", null, "me"), List.of(),
        List.of());
    report(d, degraded);

    SandboxCli.Result result = teal.run("retry", "retry-me");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).contains("spec.control.retry: (unset) -> 1");
    assertThat(teal.store().history("retry-me").get(0).command()).isEqualTo("teal retry retry-me");
  }

  @Test
  void getSelectsByLabelAndPrintsNamesWideColumnsOrJsonpath() {
    create("sel-a", "nginx:1.27", "team: shop");
    create("sel-b", "nginx:1.28", "team: search");

    assertThat(teal.run("get", "-l", "team=shop", "-o", "name").out()).isEqualTo("sel-a\n");
    assertThat(teal.run("get", "sel-b", "-o", "jsonpath={.metadata.name}={.spec.image}").out())
        .isEqualTo("sel-b=nginx:1.28\n");
    assertThat(teal.run("get", "-l", "team=shop,team=shop", "-o", "jsonpath={.items[*].metadata.labels.team}").out())
        .isEqualTo("shop\n");
    assertThat(teal.run("get", "-l", "team=shop", "-o", "wide").out().lines().findFirst().orElseThrow())
        .contains("GENERATION", "PAUSED", "MESSAGE");
    assertThat(teal.run("get", "-o", "jsonpath={.items[0].spec..image}").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(teal.run("get", "-o", "table").code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void statusWithoutWatchingIsOneLine() {
    StoredDeployment d = create("one-line", "nginx:1.27", null);
    report(d, promotedOn("nginx:1.27"));

    SandboxCli.Result result = teal.run("status", "one-line", "--no-watch");

    assertThat(result.code()).isZero();
    assertThat(result.out().lines()).singleElement().asString()
        .startsWith("one-line  Promoted  nginx:1.27 serves production");
  }

  /** Shown to catch: access denied mapped with the other unavailable cases (exit 9), as it was. */
  @Test
  void accessDeniedUnreachableAndAMissingTableHaveTheirOwnExitCodes() {
    assertThat(TealCli.exitCodeFor(new AccessDeniedException("denied", null))).isEqualTo(ExitCodes.ACCESS_DENIED);
    assertThat(TealCli.exitCodeFor(new AwsException("ecs:DescribeServices", "AccessDeniedException", "no", null)))
        .isEqualTo(ExitCodes.ACCESS_DENIED);
    assertThat(TealCli.exitCodeFor(new TableNotFoundException("no table", null))).isEqualTo(ExitCodes.TABLE_MISSING);
    assertThat(TealCli.exitCodeFor(new StoreUnavailableException("unreachable", null))).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(TealCli.exitCodeFor(new AwsTransientException("elb:DescribeRules", "IOError", "reset", false, null)))
        .isEqualTo(ExitCodes.UNAVAILABLE);

    SandboxCli denied = new SandboxCli(sandbox, sandbox.tableName());
    denied.storeWrapper = store -> new dev.teal.store.ForwardingDeploymentStore(store) {
      @Override
      public java.util.List<StoredDeployment> list() {
        throw dev.teal.store.Failures.translate("DynamoDB Scan", software.amazon.awssdk.services.dynamodb.model
            .DynamoDbException.builder().statusCode(400).awsErrorDetails(software.amazon.awssdk.awscore.exception
                .AwsErrorDetails.builder().errorCode("AccessDeniedException").errorMessage("not allowed").build())
            .build());
      }
    };
    SandboxCli.Result result = denied.run("get");
    assertThat(result.code()).isEqualTo(ExitCodes.ACCESS_DENIED);
    assertThat(result.err()).contains("access denied", "AccessDeniedException");
  }

  @Test
  void rollbackReachedSaysWhichImageProductionServes() {
    StoredDeployment d = create("rolled", "nginx:1.28", null);
    teal.run("rollback", "rolled");
    d = teal.store().get("rolled").orElseThrow();
    report(d, new DeploymentStatus(Phase.ROLLED_BACK, "rolled back", d.generation(), d.specHash(),
        RevisionStatus.of("1a2b3c4d", "nginx:1.27"), null, null, List.of(), null, null, null, null, null, null, null,
        List.of(), List.of()));

    SandboxCli.Result result = teal.run("status", "rolled", "--timeout", "5s");

    assertThat(result.code()).isZero();
    assertThat(result.out()).contains("rolled is RolledBack: production serves nginx:1.27 (nginx:1.28 was rolled back");
  }

}
