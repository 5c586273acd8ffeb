package dev.teal.operator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.operator.events.EventSources;
import dev.teal.sandbox.DemoIds;
import dev.teal.sandbox.VirtualClock;
import dev.teal.sandbox.http.CallLog;
import dev.teal.store.DeploymentStore;
import dev.teal.testing.SandboxTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole daemon, as Quarkus runs it, against the sandbox (simulator + DynamoDB Local) on the
 * simulator's virtual clock. The tests run in order: ready, then a full cycle started by a stream
 * event, then the metrics that cycle produced.
 */
@QuarkusTest
@QuarkusTestResource(value = SandboxTestResource.class, restrictToAnnotatedClass = true, initArgs = {
    @ResourceArg(name = "demo", value = "true"), @ResourceArg(name = "createTable", value = "true")})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorDaemonTest {

  private static final Logger LOG = Logger.getLogger(OperatorDaemonTest.class);

  @Inject
  Operator operator;

  @Inject
  DeploymentStore store;

  @Test
  @Order(1)
  void isReadyWithTheLeaseHeldTheStreamFollowedAndTheFirstSyncDone() {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().when().get("/q/health/ready").then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks[0].data.dynamodb", equalTo("reachable"))
        .body("checks[0].data.lease", equalTo("holder"))
        .body("checks[0].data.leaseHolder", equalTo(operator.operatorId()))
        .body("checks[0].data.firstSyncDone", equalTo(true))
        .body("checks[0].data.eventSource", equalTo("stream"))
        .body("checks[0].data.queueDepth", equalTo(0)));
    given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }

  /**
   * The clock starts when the write has returned: the write's own latency (a cold transaction in a fresh
   * JVM takes most of a second) is DynamoDB's, not the operator's reaction.
   */
  @Test
  @Order(2)
  void aSpecWriteIsActedOnWithinASecondThroughTheStreamAndTheCycleCompletes() {
    DemoIds demo = SandboxTestResource.demo();
    VirtualClock clock = SandboxTestResource.clock();
    CallLog calls = SandboxTestResource.simulator().calls();
    DaemonDriver driver = new DaemonDriver(store, clock);
    await().atMost(Duration.ofSeconds(20)).until(() -> operator.status().eventSource() == EventSources.Mode.STREAM
        && operator.status().firstSyncDone() && !operator.events().resync().isRequested()
        && operator.leadership().canAct());
    long resyncs = operator.events().resync().completed();
    long describes = calls.count("ecs:DescribeServices");

    long writing = System.nanoTime();
    driver.create(DaemonDriver.demoDocument(demo, "nginx:1.27"));
    long written = System.nanoTime();
    await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(5))
        .until(() -> calls.count("ecs:DescribeServices") > describes);
    LOG.infof("spec write took %d ms; first AWS call %d ms after it", (written - writing) / 1_000_000,
        (System.nanoTime() - written) / 1_000_000);
    assertThat(operator.events().resync().completed()).as("no resync found it; the stream did").isEqualTo(resyncs);
    assertThat(operator.events().mode()).isEqualTo(EventSources.Mode.STREAM);

    DeploymentStatus previewing = driver.advanceUntil(operator, s -> s.phase() == Phase.PREVIEWING,
        Duration.ofMinutes(15));
    assertThat(previewing.preview().image()).isEqualTo("nginx:1.27");
    assertThat(DaemonDriver.servedImage(SandboxTestResource.simulator().listenerUrl(demo.testListenerArn())))
        .contains("nginx:1.27");

    driver.setPhase(DesiredPhase.PROMOTE);
    DeploymentStatus promoted = driver.advanceUntil(operator, s -> s.phase() == Phase.PROMOTED
        && "nginx:1.27".equals(s.stable().image()), Duration.ofMinutes(15));
    assertThat(promoted.previous().image()).isEqualTo("nginx:1.26");
    assertThat(DaemonDriver.servedImage(SandboxTestResource.simulator().listenerUrl(demo.productionListenerArn())))
        .contains("nginx:1.27");
    assertThat(DaemonDriver.okCalls(calls, "ecs:CreateTaskSet")).as("green, once (seeding is not logged)")
        .isEqualTo(1);
  }

  @Test
  @Order(3)
  void exposesTheOperatorsMetricsInPrometheusFormat() {
    String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();

    assertThat(metrics)
        .containsPattern("teal_reconciles_total\\{result=\"idle\"} [1-9]")
        .contains("teal_reconciles_total{result=\"error\"}")
        .containsPattern("teal_reconcile_duration_seconds_count [1-9]")
        .contains("teal_reconcile_duration_seconds_bucket{le=\"0.5\"}")
        .contains("teal_queue_depth ")
        .containsPattern("teal_aws_calls_total\\{operation=\"ecs:CreateTaskSet\",outcome=\"ok\"} 1.0")
        .containsPattern("teal_aws_call_duration_seconds_count\\{operation=\"elb:ModifyRule\"} [1-9]")
        .contains("teal_deployment_phase{deployment=\"web\",phase=\"Promoted\"} 1.0")
        .contains("teal_deployment_phase{deployment=\"web\",phase=\"Previewing\"} 0.0")
        .containsPattern("teal_spec_to_converged_seconds_count 2.0")
        .contains("teal_lease_holder 1.0")
        .contains("teal_rate_limited_total 0.0");
  }
}
