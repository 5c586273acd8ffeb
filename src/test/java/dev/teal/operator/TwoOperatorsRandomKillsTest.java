package dev.teal.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.sandbox.DemoIds;
import dev.teal.sandbox.SandboxClients;
import dev.teal.sandbox.http.CallRecord;
import dev.teal.store.DynamoDeploymentStore;
import dev.teal.store.TableSetup;
import dev.teal.testing.SandboxExtension;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Two operator instances against one table, the holder killed at random points of a whole cycle
 * (preview, promote, scale-down): each kill happens inside a mutating AWS call that has reached the
 * simulator and taken effect, before its answer gets back (the caller dies with the request on the wire),
 * and a fresh standby is started so two instances run at all times. Exactly one instance acts at a time,
 * no step is done twice (the mutating calls are exactly those of a run without kills), and the cycle
 * completes.
 *
 * <p>Nothing here depends on how fast the machine is: the clock is virtual, every wait is for a condition
 * (the holder has nothing left to do now, or a call is being held for a kill), bounded generously.
 *
 * <p>Shown to catch: a standby that does not wait for the lease (the queue's dispatch condition changed to
 * ignore leadership): two instances made mutating calls in the same span, and CreateTaskSet ran twice.
 * And the liveness hole behind a failure of seed 2 under load ("the cycle did not complete: Promoted
 * nginx:1.26 serves production"): the status written with an action said Promoted and not Progressing,
 * so when the holder died inside that action the next holder's resync skipped the deployment as settled,
 * and nothing else would look at it again (only the dead holder knew to continue). Whether a run hit it
 * depended on whether the standby's stream reader had started before the holder's last status write;
 * {@link #aHolderKilledInsideTheAdoptionIsFoundAgainByTheNewHoldersResync} makes that certain.
 */
class TwoOperatorsRandomKillsTest {

  /** Every mutating call teal makes, by SDK method name: the calls a kill can land in. */
  static final Set<String> MUTATING = Set.of("registerTaskDefinition", "createTaskSet", "updateTaskSet",
      "updateServicePrimaryTaskSet", "deleteTaskSet", "tagResource", "addTags", "modifyRule", "modifyListener",
      "createTargetGroup", "deleteTargetGroup", "modifyTargetGroupAttributes");

  /** One mutating call as an instance made it. */
  record Call(int instance, String operation) {}

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void exactlyOneActsAtATimeNothingIsDoneTwiceAndTheCycleCompletes(long seed) throws Exception {
    Map<String, Long> baseline = run(new int[0], 2).okMutating();
    // The kills are drawn from the baseline's calls and counted by the Killer over MUTATING: the two must
    // agree, or a kill drawn past the last counted call never happens (as with the claims' AddTags once).
    assertThat(baseline.keySet()).as("every mutating call of a cycle is one a kill can land in")
        .allMatch(op -> MUTATING.contains(Character.toLowerCase(op.charAt(op.indexOf(':') + 1))
            + op.substring(op.indexOf(':') + 2)));

    Random random = new Random(seed);
    int total = baseline.values().stream().mapToInt(Long::intValue).sum();
    int[] kills = random.ints(2, 1, total).sorted().distinct().toArray();
    Run run = run(kills, 2);

    assertThat(run.okMutating()).as("the same mutating calls as without kills (seed %d, kills at %s)", seed,
        Arrays.toString(kills)).isEqualTo(baseline);
    assertThat(run.instancesThatActed()).as("each instance acted in one unbroken span, never alternating")
        .doesNotHaveDuplicates();
    assertThat(run.killed()).isEqualTo(kills.length);
    System.out.printf("Two operators, seed %d: killed the holder inside mutating calls %s; %d instances; %d "
        + "mutating calls, the same as without kills; one acting instance at a time%n", seed,
        Arrays.toString(kills), run.instances(), total);
  }

  /**
   * The holder dies inside its first call (the claim of the service, written with the adoption's status:
   * the first pass claims and adopts), after the status that goes with it was written; the only other instance starts after that write, so its stream reader never sees it and
   * only the resync it runs on taking the lease can find the deployment. It must, and finish the cycle.
   */
  @Test
  void aHolderKilledInsideTheAdoptionIsFoundAgainByTheNewHoldersResync() throws Exception {
    Map<String, Long> baseline = run(new int[0], 2).okMutating();

    Run run = run(new int[] {1}, 1);

    assertThat(run.okMutating()).isEqualTo(baseline);
    assertThat(run.killed()).isEqualTo(1);
    System.out.printf("Two operators, killed inside the adoption with no standby yet: the new holder's resync"
        + " found the deployment; %d instances; the same mutating calls as without kills%n", run.instances());
  }

  /** The outcome of one cycle: what the simulator was asked to change, and which instance asked. */
  record Run(Map<String, Long> okMutating, List<Integer> instancesThatActed, int killed, int instances) {}

  private Run run(int[] killAt, int startWith) throws Exception {
    SandboxExtension sandbox = SandboxExtension.create();
    sandbox.restart();
    List<Operator> operators = new ArrayList<>();
    List<SdkClient> clients = new ArrayList<>();
    try {
      DemoIds demo = sandbox.seedDemo();
      TableSetup.ensureTable(sandbox.dynamoDb(), sandbox.tableName());
      var store = new DynamoDeploymentStore(sandbox.dynamoDb(), sandbox.tableName(), sandbox.clock());
      List<Call> calls = Collections.synchronizedList(new ArrayList<>());
      Killer killer = new Killer(killAt);
      Cluster cluster = new Cluster(sandbox, store, operators, clients, calls, killer);
      for (int i = 0; i < startWith; i++) {
        cluster.startInstance();
      }
      DaemonDriver driver = new DaemonDriver(store, sandbox.clock());
      driver.create(DaemonDriver.demoDocument(demo, "nginx:1.27"));

      cluster.advanceUntil(driver, s -> s.phase() == Phase.PREVIEWING);
      driver.setPhase(DesiredPhase.PROMOTE);
      cluster.advanceUntil(driver, s -> s.phase() == Phase.PROMOTED
          && s.previous() != null && s.previous().taskSet() == null && s.retired().isEmpty());
      List<Integer> order = new ArrayList<>();
      for (Call call : calls) {
        if (order.isEmpty() || order.get(order.size() - 1) != call.instance()) {
          order.add(call.instance());
        }
      }
      Map<String, Long> okMutating = new TreeMap<>();
      for (CallRecord record : sandbox.simulator().calls().mutating()) {
        if (record.ok()) {
          okMutating.merge(record.operation(), 1L, Long::sum);
        }
      }
      return new Run(okMutating, order, killer.killed.get(), operators.size());
    } finally {
      for (Operator operator : operators) {
        operator.halt();
      }
      clients.forEach(SdkClient::close);
      sandbox.close();
    }
  }

  /** The instances of one run; a killed holder is replaced by a fresh standby. */
  private record Cluster(SandboxExtension sandbox, DynamoDeploymentStore store, List<Operator> operators,
      List<SdkClient> clients, List<Call> calls, Killer killer) {

    /** Moves the clock while the acting instance settles; replaces a killed holder with a fresh standby. */
    void advanceUntil(DaemonDriver driver, Predicate<DeploymentStatus> done) {
      for (int step = 0; step < 2000; step++) {
        Operator holder = awaitHolderSettledOrKilled();
        if (holder == null) { // the holder is blocked inside the call it is being killed in
          Operator victim = operators.stream().filter(o -> o.leadership().canAct()).findFirst().orElseThrow();
          victim.halt();
          killer.release();
          startInstance();
          sandbox.clock().advance(TestOperators.LEASE_DURATION.plusSeconds(1)); // past the dead holder's lease
          continue;
        }
        if (done.test(driver.status())) {
          return;
        }
        sandbox.clock().advance(DaemonDriver.STEP);
      }
      throw new AssertionError("the cycle did not complete: " + driver.status().phase() + " "
          + driver.status().message());
    }

    /** The settled holder, or null while a kill is pending (the holder is held inside a call). */
    private Operator awaitHolderSettledOrKilled() {
      await().atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(10))
          .until(() -> killer.holding() || operators.stream().anyMatch(o -> o.leadership().canAct()
              && o.queue().settled()));
      if (killer.holding()) {
        return null;
      }
      return operators.stream().filter(o -> o.leadership().canAct()).findFirst().orElseThrow();
    }

    void startInstance() {
      int instance = operators.size();
      EcsClient ecs = track(SandboxClients.configure(EcsClient.builder(), sandbox.endpoint(), sandbox.region(),
          o -> o.addExecutionInterceptor(killer)).build());
      ElasticLoadBalancingV2Client elb = track(SandboxClients.configure(ElasticLoadBalancingV2Client.builder(),
          sandbox.endpoint(), sandbox.region(), o -> o.addExecutionInterceptor(killer)).build());
      Operator operator = TestOperators.assemble(TestOperators.settings("op-" + instance, sandbox.tableName()),
          sandbox.simulator(), sandbox.dynamoDb(), sandbox.dynamoDbStreams(),
          recording(EcsClient.class, ecs, instance, calls, killer),
          recording(ElasticLoadBalancingV2Client.class, elb, instance, calls, killer), store, sandbox.clock());
      operators.add(operator);
      operator.start();
    }

    private <C extends SdkClient> C track(C client) {
      clients.add(client);
      return client;
    }
  }

  /** The client; mutating calls are recorded with the instance that made them. */
  private static <T> T recording(Class<T> type, T real, int instance, List<Call> calls, Killer killer) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
      if (MUTATING.contains(method.getName())) {
        calls.add(new Call(instance, method.getName()));
      }
      try {
        return method.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      } finally {
        if (killer.killedDuringThisCall()) {
          Thread.currentThread().interrupt(); // the kill reaches the dead instance's worker after the call
        }
      }
    }));
  }

  /**
   * Holds the k-th mutating call that reached the simulator (counted over all instances), after it took
   * effect and before its answer is read, until the test has killed its caller.
   */
  private static final class Killer implements ExecutionInterceptor {
    private final int[] killAt;
    private final AtomicInteger transmitted = new AtomicInteger();
    private final AtomicInteger killed = new AtomicInteger();
    private final ThreadLocal<Boolean> killedDuringCall = ThreadLocal.withInitial(() -> false);
    private volatile CountDownLatch held;

    Killer(int[] killAt) {
      this.killAt = killAt;
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
      String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      String method = Character.toLowerCase(operation.charAt(0)) + operation.substring(1);
      if (!MUTATING.contains(method)) {
        return;
      }
      int n = transmitted.incrementAndGet();
      if (Arrays.stream(killAt).noneMatch(k -> k == n)) {
        return;
      }
      CountDownLatch latch = new CountDownLatch(1);
      held = latch;
      boolean interrupted = false;
      while (true) {
        try {
          latch.await(30, TimeUnit.SECONDS);
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the kill: the caller is halted while its request is on the wire
        }
      }
      killedDuringCall.set(interrupted);
    }

    /** Whether this thread's call was the one killed; read once, after the call. */
    boolean killedDuringThisCall() {
      boolean was = killedDuringCall.get();
      killedDuringCall.set(false);
      return was;
    }

    boolean holding() {
      return held != null;
    }

    void release() {
      CountDownLatch latch = held;
      held = null;
      killed.incrementAndGet();
      latch.countDown();
    }
  }
}
