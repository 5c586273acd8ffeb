package dev.teal.reliability;

import static dev.teal.reconcile.cycle.CycleHarness.analysis;
import static dev.teal.reconcile.cycle.CycleHarness.steps;
import static dev.teal.reconcile.cycle.CycleHarness.withStrategy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.aws.AwsException;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.reconcile.cycle.CycleHarness;
import dev.teal.sandbox.faults.FaultKind;
import dev.teal.sandbox.http.CallRecord;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * AWS faults: at least 200 seeded runs of a whole cycle (adopt, preview with analysis, stepped promotion,
 * scale-down) while 20 % of ECS and ELB calls fail — throttling, HTTP 500, connection reset and timeout in
 * equal parts, half of the runs with 500s and resets applied before failing — and every call is delayed.
 * Every run must converge to the same world as a run without faults, with no duplicate resource and no
 * safety invariant broken. A third of the runs also have AWS eventually consistent, and a third have
 * Application Auto Scaling and Fargate changing the service mid-promotion ({@link WorldMode}); each is
 * compared with a fault-free run of its own mode. Retries are the SDK's (a few, with a short backoff) and then the work queue's
 * (the harness advances the virtual clock as the daemon's backoff would).
 *
 * <p>Shown to catch: letting the SDK retry RegisterTaskDefinition (a registration applied before a 500
 * was registered again: "tealTaskDefinitions=2" in the runs with apply-then-fail).
 */
@Tag("own-jvm") // pom.xml: surefire runs it in a JVM of its own
class AwsFaultsTest {

  static final int RUNS = Integer.getInteger("teal.faults.runs", 200);
  /**
   * Runs at a time. Eight, on two cores: a run spends much of its time waiting in real time (every call is
   * delayed 1 ms, and some 2 900 injected timeouts hold 70 ms each, over three minutes of waiting in all), so
   * two runs left the cores idle and four still did. Eight make the same calls and see the same faults (about
   * 58 600 calls, 400 reconciles retried after the SDK's retries, as with four).
   */
  static final int THREADS = 8;
  static final double RATE_PER_KIND = 0.05;

  record RunOutcome(long seed, WorldMode mode, WorldSnapshot snapshot, List<String> violations,
      Map<FaultKind, Long> faults, long calls, int reconcileErrors, String failure) {}

  static WorldMode modeOf(long seed) {
    return WorldMode.values()[(int) (seed % WorldMode.values().length)];
  }

  @Test
  void everySeededRunConvergesWithNoDuplicatesAndNoBrokenInvariant() throws Exception {
    Map<WorldMode, WorldSnapshot> expected = new EnumMap<>(WorldMode.class);
    for (WorldMode mode : WorldMode.values()) {
      expected.put(mode, run(0, mode, false).snapshot());
    }

    List<RunOutcome> outcomes = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<RunOutcome>> futures = new ArrayList<>();
      for (long seed = 1; seed <= RUNS; seed++) {
        long s = seed;
        futures.add(pool.submit(() -> run(s, modeOf(s), true)));
      }
      for (Future<RunOutcome> f : futures) {
        outcomes.add(f.get());
      }
    } finally {
      pool.shutdownNow();
    }

    Map<FaultKind, Long> faults = new EnumMap<>(FaultKind.class);
    long calls = 0;
    long errors = 0;
    List<String> failures = new ArrayList<>();
    for (RunOutcome o : outcomes) {
      o.faults().forEach((k, v) -> faults.merge(k, v, Long::sum));
      calls += o.calls();
      errors += o.reconcileErrors();
      if (o.failure() != null) {
        failures.add("seed " + o.seed() + " (" + o.mode() + "): " + o.failure());
      } else if (!o.snapshot().equals(expected.get(o.mode()))) {
        failures.add("seed " + o.seed() + " (" + o.mode() + "): ended in " + o.snapshot() + " instead of "
            + expected.get(o.mode()));
      } else if (!o.violations().isEmpty()) {
        failures.add("seed " + o.seed() + " (" + o.mode() + "): " + o.violations());
      }
    }
    long converged = outcomes.size() - failures.size();
    System.out.printf("AWS faults: %d of %d seeded runs converged to the fault-free world; %d API calls, "
        + "%d faults injected %s; %d reconciles failed after the SDK's retries and were retried%n",
        converged, outcomes.size(), calls, faults.values().stream().mapToLong(Long::longValue).sum(), faults, errors);
    assertThat(failures).isEmpty();
    assertThat(faults.values().stream().mapToLong(Long::longValue).sum()).as("faults were injected")
        .isGreaterThan(calls / 10);
  }

  private RunOutcome run(long seed, WorldMode mode, boolean withFaults) {
    SandboxExtension sandbox = SandboxExtension.create(c -> c.seed(seed)).clientOverrides(o -> o
        .apiCallAttemptTimeout(Duration.ofMillis(50))
        .apiCallTimeout(Duration.ofSeconds(5))
        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(3)
            .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(1), Duration.ofMillis(5)))
            .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(1), Duration.ofMillis(5)))
            .build()));
    sandbox.restart();
    try {
      mode.prepare(sandbox);
      CycleHarness h = mode.harness(new CycleHarness(sandbox));
      if (withFaults) {
        var faults = sandbox.simulator().faults();
        for (FaultKind kind : FaultKind.values()) {
          faults.errorRate("ecs:*", kind, RATE_PER_KIND).errorRate("elb:*", kind, RATE_PER_KIND)
              .errorRate("application-autoscaling:*", kind, RATE_PER_KIND);
        }
        faults.latency("*", Duration.ofMillis(1)).timeoutHold(Duration.ofMillis(70)).applyThenFail(seed % 2 == 0);
      }
      int errors = 0;
      String failure = null;
      try {
        errors += stage(h, h.spec("nginx:1.26", DesiredPhase.PREVIEW), s -> s.phase() == Phase.PROMOTED);
        var green = withStrategy(h.spec("nginx:1.27", DesiredPhase.PREVIEW),
            s -> analysis(steps(s, List.of(50, 100), Duration.ofMinutes(2)), 5, 0));
        errors += stage(h, green, s -> s.phase() == Phase.PREVIEWING);
        var promote = green.withPhase(DesiredPhase.PROMOTE);
        errors += stage(h, promote, s -> s.phase() == Phase.PROMOTED && s.previous() != null
            && s.previous().taskSet() == null && s.retired().isEmpty() && s.scaleIn() == null,
            () -> mode.duringPromotion(h));
      } catch (AssertionError | RuntimeException e) {
        // The whole trace, so a rare failure of one seed can be diagnosed from the report alone.
        var trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        failure = trace.toString();
      }
      Map<FaultKind, Long> injected = new EnumMap<>(FaultKind.class);
      for (CallRecord c : sandbox.simulator().calls().records()) {
        if (c.outcome() == CallRecord.Outcome.FAULT) {
          injected.merge(FaultKind.valueOf(c.errorCode()), 1L, Long::sum);
        }
      }
      WorldSnapshot snapshot = failure == null ? WorldSnapshot.of(h) : null;
      return new RunOutcome(seed, mode, snapshot, List.copyOf(h.invariantViolations), injected,
          sandbox.simulator().calls().total(), errors, failure);
    } finally {
      sandbox.close();
    }
  }

  /** Applies a spec and reconciles until {@code done}, retrying failed reconciles as the work queue would. */
  private int stage(CycleHarness h, dev.teal.model.DeploymentSpec spec, Predicate<DeploymentStatus> done) {
    return stage(h, spec, done, () -> { });
  }

  /** @param applied run right after the spec is applied (e.g. to schedule autoscaling) */
  private int stage(CycleHarness h, dev.teal.model.DeploymentSpec spec, Predicate<DeploymentStatus> done,
      Runnable applied) {
    h.apply(spec);
    applied.run();
    int errors = 0;
    for (int attempt = 0; attempt < 200; attempt++) {
      try {
        h.runUntil(done, Duration.ofHours(3));
        return errors;
      } catch (AwsException e) {
        if (!e.isRetryable()) {
          throw e;
        }
        errors++;
        h.clock.advance(Duration.ofSeconds(2)); // the daemon's backoff, on the virtual clock
      }
    }
    throw new AssertionError("still failing after 200 retried reconciles");
  }
}
