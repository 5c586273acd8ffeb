package dev.teal.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.teal.aws.NotFencedException;
import dev.teal.model.DeploymentStatus;
import dev.teal.sandbox.DemoIds;
import dev.teal.sandbox.VirtualClock;
import dev.teal.sandbox.http.CallRecord;
import dev.teal.store.DynamoDeploymentStore;
import dev.teal.store.TableSetup;
import dev.teal.testing.SandboxExtension;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Two operators on one table. The holder decides to create green's task set, passes the lease gate, and
 * is then held before its call reaches the SDK (a GC pause, a stalled thread) while its lease runs out:
 * its renewals no longer reach DynamoDB. The standby takes over and creates the task set itself. When the
 * old holder's thread goes on, its call is refused as it starts: it never reaches the simulator, so the
 * simulator's call log has exactly one CreateTaskSet, the standby's.
 *
 * <p>Run with the standby's wall clock equal to the holder's, 4 s ahead and 4 s behind (the default
 * safety margin is 5 s): clock skew in either direction changes when the standby takes over, never
 * whether the old holder's call is refused.
 *
 * <p>Planted fault: with the operator's gateways built without the fence ({@code new SdkEcsGateway(ecs)}
 * in OperatorAssembly, the check before the action only), the held call reached the simulator after the
 * standby's: two CreateTaskSet calls in the log, and this test failed.
 */
class FencedCallsTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  @ParameterizedTest(name = "standby clock skew {0} s")
  @ValueSource(ints = {0, 4, -4})
  void aCallHeldPastTheLeaseNeverReachesAwsAndTheStandbyActsInstead(int skewSeconds) throws Exception {
    DemoIds demo = sandbox.seedDemo();
    TableSetup.ensureTable(sandbox.dynamoDb(), sandbox.tableName());
    VirtualClock clock = sandbox.clock();
    var store = new DynamoDeploymentStore(sandbox.dynamoDb(), sandbox.tableName(), clock);
    Hold hold = new Hold("createTaskSet");
    AtomicBoolean partitioned = new AtomicBoolean();

    Operator holder = TestOperators.assemble(TestOperators.settings("holder", sandbox.tableName()),
        sandbox.simulator(), partitionable(sandbox.dynamoDb(), partitioned), sandbox.dynamoDbStreams(),
        holding(sandbox.ecs(), hold), sandbox.elb(), store, clock);
    holder.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> holder.leadership().canAct());
    Clock standbyClock = Clock.offset(clock, Duration.ofSeconds(skewSeconds));
    Operator standby = TestOperators.assemble(TestOperators.settings("standby", sandbox.tableName()),
        sandbox.simulator(), sandbox.dynamoDb(), sandbox.dynamoDbStreams(), sandbox.ecs(), sandbox.elb(), store,
        standbyClock);
    standby.start();
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> standby.status().firstSyncDone());
      DaemonDriver driver = new DaemonDriver(store, clock);
      driver.create(DaemonDriver.demoDocument(demo, "nginx:1.27"));

      assertThat(hold.arrived.await(30, TimeUnit.SECONDS)).as("the holder reached CreateTaskSet").isTrue();
      assertThat(createTaskSetCalls()).isEmpty();

      // The holder's renewals stop reaching DynamoDB; its lease runs out while its call is held.
      partitioned.set(true);
      clock.advance(TestOperators.LEASE_DURATION.plusSeconds(Math.abs(skewSeconds) + 1));
      await().atMost(Duration.ofSeconds(20)).until(() -> standby.leadership().canAct());
      assertThat(holder.leadership().canAct()).isFalse();

      DeploymentStatus created = driver.advanceUntil(standby,
          s -> s.preview() != null && s.preview().taskSet() != null, Duration.ofMinutes(5));
      assertThat(createTaskSetCalls()).as("the standby's").hasSize(1);

      hold.release();
      assertThat(hold.finished.await(30, TimeUnit.SECONDS)).as("the old holder's call ended").isTrue();
      DaemonDriver.awaitSettled(standby);
      List<CallRecord> creates = createTaskSetCalls();
      assertThat(creates).as("the old holder's call never reached the simulator").hasSize(1);
      assertThat(hold.outcome).isInstanceOf(NotFencedException.class)
          .hasMessageContaining("ecs:CreateTaskSet not started");
      await().atMost(Duration.ofSeconds(20)).until(() -> holder.reconciles().last(DaemonDriver.NAME)
          .filter(r -> r.message() != null && r.message().contains("ecs:CreateTaskSet not started")).isPresent());
      assertThat(driver.status().preview().taskSet()).isEqualTo(created.preview().taskSet());
      System.out.printf("Fenced calls (standby clock skew %+d s): the holder's CreateTaskSet, held past its lease,"
          + " was refused as it started; %d CreateTaskSet reached the simulator, the standby's%n", skewSeconds,
          creates.size());
    } finally {
      hold.release();
      standby.halt();
      holder.halt();
    }
  }

  private List<CallRecord> createTaskSetCalls() {
    return sandbox.simulator().calls().records("ecs:CreateTaskSet");
  }

  /** Holds the first call of one method until released: the caller stalls after deciding to act. */
  private static final class Hold {
    final String method;
    final CountDownLatch arrived = new CountDownLatch(1);
    final CountDownLatch finished = new CountDownLatch(1);
    volatile Throwable outcome;
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicBoolean used = new AtomicBoolean();

    Hold(String method) {
      this.method = method;
    }

    /** Whether this call is the held one (its end is then reported through {@link #ended}). */
    boolean maybeHold(String name) throws InterruptedException {
      if (name.equals(method) && used.compareAndSet(false, true)) {
        arrived.countDown();
        released.await(60, TimeUnit.SECONDS);
        return true;
      }
      return false;
    }

    void ended(Throwable failure) {
      outcome = failure;
      finished.countDown();
    }

    void release() {
      released.countDown();
    }
  }

  private static EcsClient holding(EcsClient real, Hold hold) {
    return (EcsClient) Proxy.newProxyInstance(EcsClient.class.getClassLoader(), new Class<?>[] {EcsClient.class},
        (proxy, method, args) -> {
          boolean held = hold.maybeHold(method.getName());
          Throwable failure = null;
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            failure = e.getCause();
            throw failure;
          } finally {
            if (held) {
              hold.ended(failure);
            }
          }
        });
  }

  /** The lease's writes fail while {@code partitioned}, as if the holder could no longer reach DynamoDB. */
  private static DynamoDbClient partitionable(DynamoDbClient real, AtomicBoolean partitioned) {
    Set<String> leaseWrites = Set.of("putItem", "updateItem", "deleteItem");
    return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
        new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
          if (partitioned.get() && leaseWrites.contains(method.getName())) {
            throw SdkClientException.create("partitioned from DynamoDB by the test");
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
