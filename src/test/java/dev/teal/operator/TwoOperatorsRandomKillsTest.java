package dev.teal.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.sandbox.DemoIds;
import dev.teal.sandbox.http.CallRecord;
import dev.teal.store.DynamoDeploymentStore;
import dev.teal.store.TableSetup;
import dev.teal.testing.SandboxExtension;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Two operator instances against one table, the holder killed at random points of a whole cycle
 * (preview, promote, scale-down): each kill happens inside a mutating AWS call, which is let through
 * after the kill (so it takes effect while its caller is dead), and a fresh standby is started so two
 * instances run at all times. Exactly one instance acts at a time, no step is done twice (the mutating
 * calls are exactly those of a run without kills), and the cycle completes.
 *
 * <p>Shown to catch: a standby that does not wait for the lease (the queue's dispatch condition
 * changed to ignore leadership): two instances made mutating calls in the same span, and CreateTaskSet
 * ran twice.
 */
class TwoOperatorsRandomKillsTest {

  static final Set<String> MUTATING = Set.of("registerTaskDefinition", "createTaskSet", "updateTaskSet",
      "updateServicePrimaryTaskSet", "deleteTaskSet", "tagResource", "modifyRule", "modifyListener",
      "createTargetGroup", "deleteTargetGroup", "modifyTargetGroupAttributes");

  /** One mutating call as an instance made it. */
  record Call(int instance, String operation) {}

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void exactlyOneActsAtATimeNothingIsDoneTwiceAndTheCycleCompletes(long seed) throws Exception {
    Map<String, Long> baseline = run(new int[0]).okMutating();

    Random random = new Random(seed);
    int total = baseline.values().stream().mapToInt(Long::intValue).sum();
    int[] kills = random.ints(2, 1, total).sorted().distinct().toArray();
    Run run = run(kills);

    assertThat(run.okMutating()).as("the same mutating calls as without kills (seed %d, kills at %s)", seed,
        java.util.Arrays.toString(kills)).isEqualTo(baseline);
    assertThat(run.instancesThatActed()).as("each instance acted in one unbroken span, never alternating")
        .doesNotHaveDuplicates();
    assertThat(run.killed()).isEqualTo(kills.length);
    System.out.printf("Two operators, seed %d: killed the holder inside mutating calls %s; %d instances; %d "
        + "mutating calls, the same as without kills; one acting instance at a time%n", seed,
        java.util.Arrays.toString(kills), run.instances(), total);
  }

  /** The outcome of one cycle: what the simulator was asked to change, and which instance asked. */
  record Run(Map<String, Long> okMutating, List<Integer> instancesThatActed, int killed, int instances) {}

  private Run run(int[] killAt) throws Exception {
    SandboxExtension sandbox = SandboxExtension.create();
    sandbox.restart();
    List<Operator> operators = new ArrayList<>();
    try {
      DemoIds demo = sandbox.seedDemo();
      TableSetup.ensureTable(sandbox.dynamoDb(), sandbox.tableName());
      var store = new DynamoDeploymentStore(sandbox.dynamoDb(), sandbox.tableName(), sandbox.clock());
      List<Call> calls = Collections.synchronizedList(new ArrayList<>());
      Killer killer = new Killer(killAt);
      operators.add(start(sandbox, store, 0, calls, killer));
      operators.add(start(sandbox, store, 1, calls, killer));
      DaemonDriver driver = new DaemonDriver(store, sandbox.clock());
      driver.create(DaemonDriver.demoDocument(demo, "nginx:1.27"));

      advanceUntil(sandbox, driver, operators, calls, killer, store, s -> s.phase() == Phase.PREVIEWING);
      driver.setPhase(DesiredPhase.PROMOTE);
      advanceUntil(sandbox, driver, operators, calls, killer, store, s -> s.phase() == Phase.PROMOTED
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
      sandbox.close();
    }
  }

  /** Moves the clock while the acting instance settles; replaces a killed holder with a fresh standby. */
  private void advanceUntil(SandboxExtension sandbox, DaemonDriver driver, List<Operator> operators, List<Call> calls,
      Killer killer, DynamoDeploymentStore store, java.util.function.Predicate<dev.teal.model.DeploymentStatus> done)
      throws InterruptedException {
    for (int step = 0; step < 2000; step++) {
      Operator holder = awaitHolderSettledOrKilled(operators, killer);
      if (holder == null) { // the holder is blocked inside the call it is being killed in
        Operator victim = operators.stream().filter(o -> o.leadership().canAct()).findFirst().orElseThrow();
        victim.halt();
        killer.release();
        operators.add(start(sandbox, store, operators.size(), calls, killer));
        sandbox.clock().advance(TestOperators.LEASE_DURATION.plusSeconds(1)); // past the dead holder's lease
        continue;
      }
      if (done.test(driver.status())) {
        return;
      }
      sandbox.clock().advance(DaemonDriver.STEP);
    }
    throw new AssertionError("the cycle did not complete: " + driver.status().phase() + " " + driver.status().message());
  }

  /** The settled holder, or null while a kill is pending (the holder is held inside a call). */
  private Operator awaitHolderSettledOrKilled(List<Operator> operators, Killer killer) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> killer.holding()
        || operators.stream().anyMatch(o -> o.leadership().canAct() && o.queue().settled()));
    if (killer.holding()) {
      return null;
    }
    return operators.stream().filter(o -> o.leadership().canAct()).findFirst().orElseThrow();
  }

  private Operator start(SandboxExtension sandbox, DynamoDeploymentStore store, int instance, List<Call> calls,
      Killer killer) {
    Operator operator = TestOperators.assemble(TestOperators.settings("op-" + instance, sandbox.tableName()),
        sandbox.simulator(), sandbox.dynamoDb(), sandbox.dynamoDbStreams(),
        recording(EcsClient.class, sandbox.ecs(), instance, calls, killer),
        recording(ElasticLoadBalancingV2Client.class, sandbox.elb(), instance, calls, killer), store, sandbox.clock());
    operator.start();
    return operator;
  }

  /** The real client; mutating calls are recorded with the instance that made them, and may be held for a kill. */
  private static <T> T recording(Class<T> type, T real, int instance, List<Call> calls, Killer killer) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
      boolean held = false;
      if (MUTATING.contains(method.getName())) {
        calls.add(new Call(instance, method.getName()));
        killer.maybeHold();
        held = killer.killedDuringCall;
        killer.killedDuringCall = false;
      }
      try {
        return method.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      } finally {
        if (held) {
          Thread.currentThread().interrupt(); // the kill reaches the dead instance's worker after the call
        }
      }
    }));
  }

  /** Holds the k-th mutating call (counted over all instances) until the test has killed its caller. */
  private static final class Killer {
    private final int[] killAt;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger killed = new AtomicInteger();
    private volatile CountDownLatch held;

    Killer(int[] killAt) {
      this.killAt = killAt;
    }

    /**
     * Holds the call until its caller has been killed, then lets it through: the kill interrupts the
     * caller's thread, and the interrupt is kept off the call itself so that it takes effect, as a call
     * already on the wire would.
     */
    void maybeHold() {
      int n = calls.incrementAndGet();
      for (int k : killAt) {
        if (k == n) {
          CountDownLatch latch = new CountDownLatch(1);
          held = latch;
          boolean interrupted = false;
          while (true) {
            try {
              latch.await(30, TimeUnit.SECONDS);
              break;
            } catch (InterruptedException e) {
              interrupted = true;
            }
          }
          Thread.interrupted(); // clear it for the call; the worker learns it was stopped afterwards
          if (interrupted) {
            killedDuringCall = true;
          }
        }
      }
    }

    volatile boolean killedDuringCall;

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
