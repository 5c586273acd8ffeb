package dev.teal.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.teal.aws.sdk.AwsClientSettings;
import dev.teal.aws.sdk.AwsClientSettings.RetryMode;
import dev.teal.aws.sdk.AwsClientSettings.StaticCredentials;
import dev.teal.aws.sdk.AwsClients;
import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.ObjectMeta;
import dev.teal.model.Phase;
import dev.teal.operator.DaemonDriver;
import dev.teal.operator.Operator;
import dev.teal.operator.TestOperators;
import dev.teal.operator.metrics.OperatorMetrics;
import dev.teal.sandbox.SandboxClients;
import dev.teal.sandbox.http.CallRecord;
import dev.teal.store.DynamoDeploymentStore;
import dev.teal.store.StoredDeployment;
import dev.teal.store.TableSetup;
import dev.teal.testing.FleetWorld;
import dev.teal.testing.SandboxExtension;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Throttling budget: a fleet of deployments previews a new image at once, driven by a real daemon
 * operator whose SDK clients are built as the daemon builds them (retry mode adaptive), while ELB's
 * Describe* calls go through AWS's token bucket (40 burst, 10 per second) refilled on real time. Every
 * deployment must reach Previewing with none Failed, throttling must have happened, and once it has,
 * the ELB Describe* attempts reaching ELB in any 10 s window stay within what the bucket can accept
 * plus a quarter of its refill for the refused probes (see {@link #bound}).
 *
 * <p>Shown to catch: the adaptive retry mode's strategy swapped for the standard one in AwsClients
 * (backoff per throttled call, no client-side rate limit): "ELB Describe* attempts in any 10 s window
 * after the first throttle" failed with 230 against a bound of 165; 19.0 attempts/s after the first
 * throttle, 324 of 744 refused (a passing run: 148 at most, 10.1/s, 37 of 465 refused).
 */
class ThrottlingBudgetTest {

  static final int DEPLOYMENTS = Integer.getInteger("teal.throttle.deployments", 20);
  static final int BURST = 40;
  static final double REFILL_PER_SECOND = 10;
  static final Duration WINDOW = Duration.ofSeconds(10);
  // The daemon's 4 workers make only ~12-15 describes/s here (each reconcile also waits on DynamoDB
  // Local and ECS), barely above the refill; 8 make the fleet's demand clearly exceed the bucket.
  static final int WORKERS = 8;
  static final String NEW_IMAGE = "registry.bench/app:2";

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  @Test
  void theFleetConvergesAndOnceThrottledNeverSpendsTheBucketFasterThanItRefills() {
    FleetWorld fleet = FleetWorld.seed(sandbox, DEPLOYMENTS);
    TableSetup.ensureTable(sandbox.dynamoDb(), sandbox.tableName());
    var store = new DynamoDeploymentStore(sandbox.dynamoDb(), sandbox.tableName(), sandbox.clock());
    OperatorMetrics metrics = new OperatorMetrics(new SimpleMeterRegistry());
    // As the daemon builds its clients with teal.aws.* left at their defaults.
    AwsClients aws = new AwsClients(AwsClientSettings.defaults()
        .withRetries(RetryMode.ADAPTIVE, 3)
        .withRegion(Region.of(sandbox.region()))
        .withEndpointForAll(sandbox.endpoint())
        .withStaticCredentials(StaticCredentials.of(SandboxClients.ACCESS_KEY_ID, SandboxClients.SECRET_ACCESS_KEY))
        .withListener(metrics.awsCalls()));
    // Real time: the budget is AWS's, whatever clock the world's task and health timings run on.
    sandbox.simulator().faults().describeTokenBucket(BURST, REFILL_PER_SECOND, Clock.systemUTC());

    long started = System.nanoTime();
    Instant virtualStart = sandbox.clock().instant();
    try (EcsClient ecs = aws.newEcsClient(); ElasticLoadBalancingV2Client elb = aws.newElbClient()) {
      Operator operator = TestOperators.assemble(TestOperators.settings("throttled", sandbox.tableName(), WORKERS),
          sandbox.simulator(), sandbox.dynamoDb(), sandbox.dynamoDbStreams(), ecs, elb, store, sandbox.clock(),
          metrics);
      operator.start();
      try {
        for (FleetWorld.Deployment d : fleet.deployments()) { // teal adopts blue and brings green up at once
          store.create(new BlueGreenDeployment(BlueGreenDeployment.API_VERSION, BlueGreenDeployment.KIND,
              ObjectMeta.named(d.name()), FleetWorld.spec(d, NEW_IMAGE, DesiredPhase.PREVIEW), null), DaemonDriver.TEST);
        }
        advanceUntilAll(operator, store, fleet, s -> s.phase() == Phase.PREVIEWING);
      } finally {
        operator.halt();
      }
    }
    double seconds = secondsSince(started);

    List<CallRecord> describes = sandbox.simulator().calls().filter(r -> r.operation().startsWith("elb:Describe"));
    List<CallRecord> throttled = describes.stream().filter(ThrottlingBudgetTest::throttled).toList();
    Map<String, Phase> phases = new TreeMap<>();
    for (FleetWorld.Deployment d : fleet.deployments()) {
      phases.put(d.name(), store.get(d.name()).orElseThrow().status().phase());
    }
    long afterFirst = throttled.isEmpty() ? 0 : throttled.get(0).realNanos();
    List<Long> attempts = describes.stream().map(CallRecord::realNanos).filter(t -> t >= afterFirst).toList();
    int busiest = busiestWindow(attempts, WINDOW.toNanos());
    double spanSeconds = attempts.isEmpty() ? 0 : (attempts.get(attempts.size() - 1) - afterFirst) / 1e9;
    List<Long> refused = throttled.stream().map(CallRecord::realNanos).toList();
    double firstAt = throttled.isEmpty() ? -1 : (afterFirst - started) / 1e9;
    long reconcileErrors = (long) counter(metrics, "teal.reconciles", "result", "error");
    System.out.printf("Throttling budget: %d deployments previewed %s in %.1f s real, %s virtual, %d workers;"
            + " %d ELB Describe* attempts, %d throttled, the first at %.1f s; after it %d attempts in %.1f s"
            + " (%.1f/s, refill %.0f/s), at most %d in any %d s window (bound %d), at most %d refused in one;"
            + " %d reconciles failed after the SDK's retries and were retried%n",
        DEPLOYMENTS, NEW_IMAGE, seconds, Duration.between(virtualStart, sandbox.clock().instant()), WORKERS,
        describes.size(), throttled.size(), firstAt, attempts.size(), spanSeconds,
        attempts.size() / Math.max(spanSeconds, 1e-9), REFILL_PER_SECOND, busiest, WINDOW.toSeconds(), bound(),
        busiestWindow(refused, WINDOW.toNanos()), reconcileErrors);

    assertThat(phases).as("every deployment previews the new image").allSatisfy((name, phase) ->
        assertThat(phase).isEqualTo(Phase.PREVIEWING));
    assertThat(throttled).as("ELB throttled teal, or this test proves nothing").isNotEmpty();
    assertThat(busiest).as("ELB Describe* attempts in any %d s window after the first throttle",
        WINDOW.toSeconds()).isLessThanOrEqualTo(bound());
  }

  /**
   * The bucket accepts at most its burst plus its refill over a window, so attempts beyond that were
   * necessarily refused; a quarter of the refill on top leaves room for the refused probes with which the
   * adaptive limiter finds the rate (it raises its rate until refused, then cuts it by 30 %).
   */
  static int bound() {
    return BURST + (int) Math.round(1.25 * REFILL_PER_SECOND * WINDOW.toSeconds());
  }

  private static boolean throttled(CallRecord r) {
    return "Throttling".equals(r.errorCode());
  }

  /** The most attempts within any window of {@code windowNanos} starting at an attempt. */
  static int busiestWindow(List<Long> sortedNanos, long windowNanos) {
    int best = 0;
    int end = 0;
    for (int start = 0; start < sortedNanos.size(); start++) {
      while (end < sortedNanos.size() && sortedNanos.get(end) - sortedNanos.get(start) < windowNanos) {
        end++;
      }
      best = Math.max(best, end - start);
    }
    return best;
  }

  private static double counter(OperatorMetrics metrics, String name, String tag, String value) {
    Counter c = metrics.registry().find(name).tag(tag, value).counter();
    return c == null ? 0 : c.count();
  }

  private static double secondsSince(long nanos) {
    return (System.nanoTime() - nanos) / 1e9;
  }

  /**
   * Moves the virtual clock a step at a time, letting the operator finish what is due between steps,
   * until every deployment's status satisfies {@code done}. Waiting is in real time, throttled calls included.
   */
  private Map<String, Phase> advanceUntilAll(Operator operator, DynamoDeploymentStore store, FleetWorld fleet,
      Predicate<DeploymentStatus> done) {
    for (int step = 0; step < 200; step++) {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
          .until(() -> operator.leadership().canAct() && operator.queue().settled());
      Map<String, Phase> phases = new TreeMap<>();
      boolean all = true;
      for (FleetWorld.Deployment d : fleet.deployments()) {
        DeploymentStatus s = store.get(d.name()).map(StoredDeployment::status).orElse(DeploymentStatus.empty());
        phases.put(d.name(), s.phase());
        all &= done.test(s);
        assertThat(s.phase()).as("%s: %s", d.name(), s.message()).isNotEqualTo(Phase.FAILED);
      }
      if (all) {
        return phases;
      }
      sandbox.clock().advance(DaemonDriver.STEP);
    }
    throw new AssertionError("the fleet did not converge in 200 steps");
  }
}
