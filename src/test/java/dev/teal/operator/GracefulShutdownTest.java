package dev.teal.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.teal.aws.ListenerEndpoints;
import dev.teal.model.Phase;
import dev.teal.operator.lease.DynamoLease;
import dev.teal.operator.lease.LeaseTiming;
import dev.teal.operator.metrics.OperatorMetrics;
import dev.teal.sandbox.DemoIds;
import dev.teal.sandbox.http.CallLog;
import dev.teal.store.DynamoDeploymentStore;
import dev.teal.store.ItemLayout;
import dev.teal.store.TableSetup;
import dev.teal.testing.SandboxExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Stopping an operator in the middle of a reconcile: the AWS call in flight (RegisterTaskDefinition)
 * finishes, the reconcile's next action (CreateTargetGroup) is held back, the lease is released, and another instance resumes at once and finishes
 * the cycle without doing anything twice. Two plain instances on one sandbox, no Quarkus.
 */
class GracefulShutdownTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  private final CountDownLatch inRegister = new CountDownLatch(1);
  private final CountDownLatch finishRegister = new CountDownLatch(1);

  @Test
  void stoppingMidReconcileLetsTheCallFinishHoldsTheRestBackAndReleasesTheLease() throws Exception {
    DemoIds demo = sandbox.seedDemo();
    TableSetup.ensureTable(sandbox.dynamoDb(), sandbox.tableName());
    var store = new DynamoDeploymentStore(sandbox.dynamoDb(), sandbox.tableName(), sandbox.clock());
    CallLog calls = sandbox.simulator().calls();
    Operator first = operator("first", heldInRegisterTaskDefinition(sandbox.ecs()), store);
    first.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> first.leadership().canAct());

    new DaemonDriver(store, sandbox.clock()).create(DaemonDriver.demoDocument(demo, "nginx:1.27"));
    assertThat(inRegister.await(10, TimeUnit.SECONDS)).as("the reconcile reached RegisterTaskDefinition").isTrue();
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(first::stop);
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !stopping.isDone());
    finishRegister.countDown();
    stopping.get(20, TimeUnit.SECONDS);

    // SandboxExtension seeds the demo unlogged, so the log holds only the operators' calls.
    assertThat(DaemonDriver.okCalls(calls, "ecs:RegisterTaskDefinition")).as("the call in flight finished")
        .isEqualTo(1);
    assertThat(first.reconciles().last(DaemonDriver.NAME)).hasValueSatisfying(r ->
        assertThat(r.message()).as("the next action was held back").contains("CreateTargetGroup", "shutting down"));
    assertThat(DaemonDriver.okCalls(calls, "elb:CreateTargetGroup")).as("not yet (seeding is not logged)")
        .isZero();
    assertThat(leaseItem()).as("released on stop").isEmpty();
    int mutatingAtStop = calls.mutating().size();
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
        .until(() -> calls.mutating().size() == mutatingAtStop); // nothing acts any more

    Operator second = operator("second", sandbox.ecs(), store);
    second.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> second.leadership().canAct());
      new DaemonDriver(store, sandbox.clock()).advanceUntil(second, s -> s.phase() == Phase.PREVIEWING,
          Duration.ofMinutes(15));
    } finally {
      second.stop();
    }
    assertThat(DaemonDriver.okCalls(calls, "ecs:CreateTaskSet")).as("green, once").isEqualTo(1);
    assertThat(DaemonDriver.okCalls(calls, "elb:CreateTargetGroup")).isEqualTo(1);
    assertThat(DaemonDriver.okCalls(calls, "ecs:RegisterTaskDefinition")).as("found again, not registered twice")
        .isEqualTo(1);
  }

  private Operator operator(String id, EcsClient ecs, DynamoDeploymentStore store) {
    return TestOperators.assemble(TestOperators.settings(id, sandbox.tableName()), sandbox.simulator(),
        sandbox.dynamoDb(), sandbox.dynamoDbStreams(), ecs, sandbox.elb(), store, sandbox.clock());
  }


  /** The real client, except that RegisterTaskDefinition waits inside the call until the test lets it finish. */
  private EcsClient heldInRegisterTaskDefinition(EcsClient real) {
    return (EcsClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {EcsClient.class},
        (proxy, method, args) -> {
          if (method.getName().equals("registerTaskDefinition")) {
            inRegister.countDown();
            finishRegister.await(20, TimeUnit.SECONDS);
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private Map<String, AttributeValue> leaseItem() {
    return sandbox.dynamoDb().getItem(r -> r.tableName(sandbox.tableName()).consistentRead(true).key(Map.of(
        ItemLayout.NAME, AttributeValue.fromS(ItemLayout.OPERATOR_PARTITION),
        ItemLayout.SK, AttributeValue.fromS(DynamoLease.SORT_KEY)))).item();
  }
}
