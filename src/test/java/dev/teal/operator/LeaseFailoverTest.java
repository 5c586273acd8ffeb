package dev.teal.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.teal.aws.ListenerEndpoints;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.Phase;
import dev.teal.operator.lease.DynamoLease;
import dev.teal.operator.lease.LeaseState;
import dev.teal.operator.lease.MonotonicClock;
import dev.teal.operator.metrics.OperatorMetrics;
import dev.teal.sandbox.DemoIds;
import dev.teal.sandbox.VirtualClock;
import dev.teal.sandbox.http.CallLog;
import dev.teal.store.DeploymentStore;
import dev.teal.store.ItemLayout;
import dev.teal.store.LeaseFence;
import dev.teal.store.StaleStatusException;
import dev.teal.store.StatusWriteGuard;
import dev.teal.store.StoredDeployment;
import dev.teal.testing.SandboxTestResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Two operators on one table: the daemon Quarkus started ("first", the holder) and a second, independent
 * one built from the same plain classes ("second", a standby). The holder is killed mid-cycle without
 * releasing its lease; the standby takes over once the lease has expired and finishes the cycle, and
 * nothing is done twice in AWS. The dead holder's late status write is refused by DynamoDB.
 *
 * <p>Planted fault: with {@code DynamoLease.FREE_OR_EXPIRED} changed to {@code attribute_not_exists(#name)
 * OR #expiresAt > :now} (a lease taken while it is still valid), "second" takes the lease while "first"
 * holds it and this test fails on the standby's state.
 */
@QuarkusTest
@TestProfile(LeaseFailoverTest.FirstOperator.class)
@QuarkusTestResource(value = SandboxTestResource.class, restrictToAnnotatedClass = true, initArgs = {
    @ResourceArg(name = "demo", value = "true"), @ResourceArg(name = "createTable", value = "true")})
class LeaseFailoverTest {

  /** Its own application (and sandbox), so killing its operator disturbs no other test. */
  public static class FirstOperator implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("teal.operator-id", "first");
    }
  }

  @Inject
  Operator first;

  @Inject
  OperatorSettings settings;

  @Inject
  DeploymentStore store;

  @Inject
  DynamoDbClient dynamoDb;

  @Inject
  DynamoDbStreamsClient streams;

  @Inject
  EcsClient ecs;

  @Inject
  ElasticLoadBalancingV2Client elb;

  @Inject
  ListenerEndpoints endpoints;

  @Inject
  Clock clock;

  @Inject
  MonotonicClock monotonic;

  @Test
  void theStandbyTakesOverFromAHolderKilledMidCycleAndNothingIsDoneTwice() {
    DemoIds demo = SandboxTestResource.demo();
    VirtualClock virtual = SandboxTestResource.clock();
    CallLog calls = SandboxTestResource.simulator().calls();
    DaemonDriver driver = new DaemonDriver(store, virtual);
    await().atMost(Duration.ofSeconds(20)).until(() -> first.leadership().canAct());
    long taskSets = DaemonDriver.okCalls(calls, "ecs:CreateTaskSet");
    long targetGroups = DaemonDriver.okCalls(calls, "elb:CreateTargetGroup");
    long taskDefinitions = DaemonDriver.okCalls(calls, "ecs:RegisterTaskDefinition");

    driver.create(DaemonDriver.demoDocument(demo, "nginx:1.27"));
    await().atMost(Duration.ofSeconds(20)).until(() -> DaemonDriver.okCalls(calls, "ecs:CreateTaskSet") > taskSets);
    DaemonDriver.awaitSettled(first);
    assertThat(driver.status().phase()).as("mid-cycle: green created, waiting for it").isEqualTo(Phase.PROGRESSING);

    Operator second = OperatorAssembly.assemble(settings.withOperatorId("second"),
        new OperatorClients(dynamoDb, streams, ecs, elb), store, clock, monotonic, endpoints,
        new OperatorMetrics(new SimpleMeterRegistry()), new Random(7));
    second.start();
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> second.status().lease().state() == LeaseState.STANDBY
          && second.status().firstSyncDone());
      assertThat(second.status().lease().holder()).isEqualTo("first");
      assertThat(second.leadership().canAct()).isFalse();
      LeaseFence firstFence = first.leadership().fence().orElseThrow();

      first.halt();
      virtual.advance(settings.leaseTiming().duration().plusSeconds(1));
      await().atMost(Duration.ofSeconds(20)).until(() -> second.leadership().canAct());

      DeploymentStatus previewing = driver.advanceUntil(second, s -> s.phase() == Phase.PREVIEWING,
          Duration.ofMinutes(15));
      assertThat(previewing.preview().image()).isEqualTo("nginx:1.27");
      assertThat(second.reconciles().last(DaemonDriver.NAME)).hasValueSatisfying(
          r -> assertThat(r.phase()).isEqualTo(Phase.PREVIEWING));
      assertThat(DaemonDriver.okCalls(calls, "ecs:CreateTaskSet")).isEqualTo(taskSets + 1);
      assertThat(DaemonDriver.okCalls(calls, "elb:CreateTargetGroup")).isEqualTo(targetGroups + 1);
      assertThat(DaemonDriver.okCalls(calls, "ecs:RegisterTaskDefinition")).isEqualTo(taskDefinitions + 1);

      StoredDeployment now = store.get(DaemonDriver.NAME).orElseThrow();
      assertThatThrownBy(() -> store.updateStatus(DaemonDriver.NAME,
          StatusWriteGuard.of(now).fencedBy(firstFence), now.status()))
          .as("the dead holder's late status write").isInstanceOf(StaleStatusException.class)
          .hasMessageContaining("lease");
    } finally {
      second.stop();
    }
    assertThat(dynamoDb.getItem(r -> r.tableName(settings.table()).key(Map.of(
        ItemLayout.NAME, AttributeValue.fromS(ItemLayout.OPERATOR_PARTITION),
        ItemLayout.SK, AttributeValue.fromS(DynamoLease.SORT_KEY)))).hasItem())
        .as("the second operator released its lease on stop").isFalse();
  }
}
