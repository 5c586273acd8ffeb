package dev.teal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.document.Fixtures;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.GatesStatus;
import dev.teal.model.MetricGateStatus;
import dev.teal.model.Phase;
import dev.teal.store.StatusWriteGuard;
import dev.teal.store.StoredDeployment;
import dev.teal.store.TableSetup;
import dev.teal.testing.SandboxExtension;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code teal describe} shows each metric gate's last window: verdict, failures so far, and the numbers. */
class DescribeMetricGatesTest {

  @RegisterExtension
  static SandboxExtension sandbox = SandboxExtension.create();

  static SandboxCli teal;

  @BeforeAll
  static void createTable() {
    TableSetup.ensureTable(sandbox.dynamoDb(), sandbox.tableName());
    teal = new SandboxCli(sandbox, sandbox.tableName());
  }

  @Test
  void describeShowsEachMetricGatesLastWindow() {
    SandboxCli.Result applied = teal.runWithInput(Fixtures.bytes(Fixtures.minimal("metered", "nginx:1.27")), "apply",
        "-f", "-");
    assertThat(applied.code()).as(applied.err()).isZero();
    StoredDeployment d = teal.store().get("metered").orElseThrow();
    Instant start = Instant.parse("2030-01-01T00:03:00Z");
    MetricGateStatus failed = new MetricGateStatus("5xx-share", start, start.plusSeconds(60), 50, 30.0, 0.0, 1.0, 40L,
        38L, MetricGateStatus.FAILED, 2, 3, "HTTPCode_Target_5XX_Count per RequestCount (%) in 00:03-00:04: green 30"
        + " (40 requests) above blue's 0 (38 requests) x 1 + 1 = 1");
    MetricGateStatus thin = new MetricGateStatus("p99", start, start.plusSeconds(60), 50, null, null, null, 4L, 38L,
        MetricGateStatus.NO_VERDICT, 0, 3, "green served 4 requests in 00:03-00:04, fewer than minSamples 50: no"
        + " verdict");
    teal.store().updateStatus("metered", StatusWriteGuard.of(d), new DeploymentStatus(Phase.DEGRADED,
        "metric gate 5xx-share failed", 1L, d.specHash(), null, null, null, List.of(), null, null, null, null, null,
        null, null, List.of(), null, null, List.of(), List.of(), null, List.of(),
        new GatesStatus(List.of(), null, List.of(failed, thin))));

    SandboxCli.Result result = teal.run("describe", "metered");

    assertThat(result.code()).isZero();
    assertThat(result.out())
        .contains("  Metric gate:     5xx-share Failed (2 of 3 windows failed, last at 50% green): "
            + "HTTPCode_Target_5XX_Count per RequestCount (%) in 00:03-00:04: green 30 (40 requests) above blue's 0"
            + " (38 requests) x 1 + 1 = 1\n")
        .contains("  Metric gate:     p99 NoVerdict (0 of 3 windows failed, last at 50% green): green served 4"
            + " requests in 00:03-00:04, fewer than minSamples 50: no verdict\n");
  }
}
