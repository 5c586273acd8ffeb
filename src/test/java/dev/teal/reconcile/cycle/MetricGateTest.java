package dev.teal.reconcile.cycle;

import static dev.teal.reconcile.cycle.CycleHarness.steps;
import static dev.teal.reconcile.cycle.CycleHarness.withStrategy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.DeploymentEvent;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.GatesSpec;
import dev.teal.model.MetricGateSpec;
import dev.teal.model.MetricGateStatus;
import dev.teal.model.Phase;
import dev.teal.model.StrategySpec;
import dev.teal.reconcile.Reconciler;
import dev.teal.reconcile.Reasons;
import dev.teal.sandbox.TargetView;
import dev.teal.testing.SandboxExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The metric gates ({@code spec.strategy.gates.metrics}) on the sandbox: production traffic really served by the
 * simulated ALB (requests sent through its production listener on the virtual clock), the per-target-group metrics
 * it publishes to the simulated CloudWatch, read by the real SDK's GetMetricData while green serves production.
 *
 * <p>Faults planted once and seen failing: the comparison inverted in {@code MetricGates.evaluate} ({@code green <
 * bound} failing: the first test was not aborted, the second was); minSamples ignored (the third test got a
 * verdict); the Observer reading on every reconcile instead of once per window (the second test's read count).
 */
class MetricGateTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  private final HttpClient http = HttpClient.newHttpClient();

  /** The 5xx share of green against blue's, a point of tolerance; two failed windows abort. */
  static MetricGateSpec errorShare(int minSamples) {
    return new MetricGateSpec("5xx-share", "HTTPCode_Target_5XX_Count", null, "RequestCount", null,
        new MetricGateSpec.BlueComparison(null, 1.0), Duration.ofMinutes(1), minSamples, 2);
  }

  CycleHarness adopted() {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    return h;
  }

  static DeploymentSpec gated(CycleHarness h, String image, MetricGateSpec... gates) {
    return withStrategy(h.spec(image, DesiredPhase.PROMOTE), s -> {
      StrategySpec stepped = steps(s, List.of(50, 100), Duration.ofMinutes(5));
      return new StrategySpec(stepped.previewScale(), stepped.promotion(), stepped.autoPromoteAfter(),
          stepped.scaleDownDelay(), stepped.progressDeadline(), stepped.analysis(),
          new GatesSpec(List.of(), List.of(gates)));
    });
  }

  /** What the run saw: every status after a reconcile, and green's targets while it served production. */
  record Run(DeploymentStatus last, List<DeploymentStatus> statuses, List<TargetView> greenTargetsInProduction) {
  }

  /**
   * Reconciles every poll (5 s of virtual time) with {@code requestsPerPoll} production requests sent through the
   * simulated ALB before each, until {@code done} holds.
   */
  Run withTraffic(CycleHarness h, int requestsPerPoll, Predicate<DeploymentStatus> done, Duration limit) {
    URI production = sandbox.simulator().listenerUrl(h.demo.productionListenerArn());
    Instant deadline = h.clock.instant().plus(limit);
    List<DeploymentStatus> statuses = new ArrayList<>();
    List<TargetView> greenTargets = new ArrayList<>();
    while (h.clock.instant().isBefore(deadline)) {
      for (int i = 0; i < requestsPerPoll; i++) {
        get(production);
      }
      Reconciler.Result result = h.reconcileOnce();
      DeploymentStatus status = h.status();
      statuses.add(status);
      if (status.promotion() != null && status.preview() != null && status.preview().targetGroup() != null) {
        greenTargets.addAll(sandbox.simulator().targets(status.preview().targetGroup()));
      }
      if (done.test(status)) {
        return new Run(status, statuses, greenTargets);
      }
      Duration wait = result.requeueAfter() == null || result.requeueAfter().compareTo(CycleHarness.POLL) > 0
          ? CycleHarness.POLL : result.requeueAfter();
      h.clock.advance(wait);
    }
    throw new AssertionError("not reached within " + limit + "; status: " + h.status().phase() + " — "
        + h.status().message());
  }

  private void get(URI uri) {
    try {
      http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aGreenAnswering30PercentWith5xxIsStoppedByTheComparisonWhileItsHealthChecksPass() {
    CycleHarness h = adopted();
    h.apply(gated(h, "nginx:1.27-errors30", errorShare(10)));

    Run run = withTraffic(h, 4, s -> s.phase() == Phase.DEGRADED, Duration.ofMinutes(30));

    assertThat(run.greenTargetsInProduction()).as("green's targets while it served production").isNotEmpty()
        .allMatch(TargetView::healthy);
    DeploymentStatus degraded = run.last();
    assertThat(degraded.aborted().reason()).isEqualTo(Reasons.METRIC_GATE_FAILED);
    assertThat(degraded.condition(Reasons.DEGRADED).reason()).isEqualTo(Reasons.METRIC_GATE_FAILED);
    assertThat(degraded.message()).contains("5xx-share", "nginx:1.27-errors30", "failureLimit");
    MetricGateStatus result = degraded.gates().metric("5xx-share").orElseThrow();
    assertThat(result.verdict()).isEqualTo(MetricGateStatus.FAILED);
    assertThat(result.failures()).isEqualTo(2);
    assertThat(result.green()).as("green's 5xx share, percent").isBetween(15.0, 45.0);
    assertThat(result.blue()).as("blue answered every request").isEqualTo(0.0);
    assertThat(result.greenSamples()).isGreaterThanOrEqualTo(10);
    assertThat(result.blueSamples()).isGreaterThanOrEqualTo(10);
    assertThat(result.weight()).isEqualTo(50);
    assertThat(degraded.events()).anySatisfy(e -> {
      assertThat(e.type()).isEqualTo(DeploymentEvent.WARNING);
      assertThat(e.message()).contains("5xx-share");
    });
    assertThat(h.weights(h.demo.productionRuleArn())).as("production back on blue")
        .containsOnlyKeys(h.demo.targetGroupArn());
    assertThat(h.servedImage(h.demo.productionListenerArn())).isEqualTo("nginx:1.26");
    h.assertInvariantsHeld();
  }

  @Test
  void aHealthyGreenPassesTheComparisonWithOneReadPerWindowAndNoneInSteadyState() {
    CycleHarness h = adopted();
    h.apply(gated(h, "nginx:1.27", errorShare(10)));
    Run shifting = withTraffic(h, 4, s -> s.gates() != null && s.gates().metric("5xx-share")
        .filter(m -> MetricGateStatus.PASSED.equals(m.verdict())).isPresent(), Duration.ofMinutes(30));
    MetricGateStatus passed = shifting.last().gates().metric("5xx-share").orElseThrow();
    assertThat(passed.green()).isEqualTo(0.0);
    assertThat(passed.blue()).isEqualTo(0.0);
    assertThat(passed.bound()).isEqualTo(1.0);
    assertThat(passed.failures()).isZero();
    assertThat(passed.greenSamples()).isGreaterThanOrEqualTo(10);

    // A restart within the window reads nothing more: the window read is on record in the status.
    long reads = h.count("cloudwatch:GetMetricData");
    h.reconciler = h.newReconciler();
    h.reconcileOnce();
    assertThat(h.count("cloudwatch:GetMetricData")).as("no second read of a window").isEqualTo(reads);

    Instant shiftStarted = h.clock.instant();
    Run promoted = withTraffic(h, 4, s -> s.phase() == Phase.PROMOTED, Duration.ofMinutes(30));
    assertThat(promoted.last().stable().image()).isEqualTo("nginx:1.27");
    assertThat(promoted.statuses()).as("evaluated window after window").anyMatch(s -> s.gates() != null
        && s.gates().metric("5xx-share").filter(m -> m.evaluations() >= 3).isPresent());
    assertThat(promoted.statuses()).noneMatch(s -> s.gates() != null && s.gates().metric("5xx-share")
        .filter(m -> m.failures() > 0).isPresent());
    long minutes = Duration.between(shiftStarted, h.clock.instant()).toMinutes();
    assertThat(h.count("cloudwatch:GetMetricData")).as("at most one read per window")
        .isLessThanOrEqualTo(reads + minutes + 1);
    assertThat(promoted.last().gates()).as("cleared with green").isNull();

    long settled = h.count("cloudwatch:GetMetricData");
    URI production = sandbox.simulator().listenerUrl(h.demo.productionListenerArn());
    for (int i = 0; i < 36; i++) {
      get(production);
      h.reconcileOnce();
      h.clock.advance(CycleHarness.POLL);
    }
    assertThat(h.count("cloudwatch:GetMetricData")).as("no read in steady state").isEqualTo(settled);
    h.assertInvariantsHeld();
  }

  @Test
  void aSlowGreenIsStoppedByAnAbsoluteBoundOnItsP99ResponseTime() {
    CycleHarness h = adopted();
    h.apply(gated(h, "nginx:1.27-slow", new MetricGateSpec("p99-latency", "TargetResponseTime", "p99", null, 0.5,
        null, Duration.ofMinutes(1), 10, 1)));

    Run run = withTraffic(h, 4, s -> s.phase() == Phase.DEGRADED, Duration.ofMinutes(30));

    assertThat(run.greenTargetsInProduction()).isNotEmpty().allMatch(TargetView::healthy);
    MetricGateStatus result = run.last().gates().metric("p99-latency").orElseThrow();
    assertThat(result.verdict()).isEqualTo(MetricGateStatus.FAILED);
    assertThat(result.green()).as("the sandbox's slow image answers in 1.5 s").isEqualTo(1.5);
    assertThat(result.bound()).isEqualTo(0.5);
    assertThat(result.blue()).as("no comparison asked for").isNull();
    assertThat(run.last().aborted().reason()).isEqualTo(Reasons.METRIC_GATE_FAILED);
    assertThat(run.last().message()).contains("p99 TargetResponseTime", "green 1.5", "above max 0.5");
    assertThat(h.weights(h.demo.productionRuleArn())).containsOnlyKeys(h.demo.targetGroupArn());
    h.assertInvariantsHeld();
  }

  @Test
  void duringTheBakeBlueServesNothingToCompareWithSoOnlyTheAbsoluteBoundJudgesAndFlipsBack() {
    CycleHarness h = adopted();
    MetricGateSpec both = new MetricGateSpec("5xx-share", "HTTPCode_Target_5XX_Count", null, "RequestCount", 5.0,
        new MetricGateSpec.BlueComparison(null, 1.0), Duration.ofMinutes(1), 10, 2);
    h.apply(withStrategy(h.spec("nginx:1.27-errors30", DesiredPhase.PROMOTE), s -> new StrategySpec(
        s.previewScale(), steps(s, List.of(100), Duration.ofMinutes(1)).promotion(), s.autoPromoteAfter(),
        s.scaleDownDelay(), s.progressDeadline(), s.analysis(), new GatesSpec(List.of(), List.of(both)), null,
        Duration.ofMinutes(10))));

    Run run = withTraffic(h, 4, s -> s.phase() == Phase.DEGRADED, Duration.ofMinutes(30));

    MetricGateStatus result = run.last().gates().metric("5xx-share").orElseThrow();
    assertThat(result.verdict()).isEqualTo(MetricGateStatus.FAILED);
    assertThat(result.weight()).as("at 100 %, baking").isEqualTo(100);
    // The window the shift happened in may still compare with blue; the one that stopped green was all bake.
    assertThat(result.blueSamples()).as("blue served no production").isLessThan(10);
    assertThat(result.bound()).as("max alone").isEqualTo(5.0);
    assertThat(run.statuses()).as("it was baking").anyMatch(s -> s.promotion() != null
        && s.promotion().bakeStartedAt() != null);
    assertThat(run.last().aborted().reason()).isEqualTo(Reasons.METRIC_GATE_FAILED);
    assertThat(h.weights(h.demo.productionRuleArn())).as("flipped back to blue")
        .containsOnlyKeys(h.demo.targetGroupArn());
    h.assertInvariantsHeld();
  }

  @Test
  void tooLittleTrafficGivesNoVerdict() {
    CycleHarness h = adopted();
    h.apply(gated(h, "nginx:1.27-errors30", errorShare(1000)));

    Run run = withTraffic(h, 4, s -> s.gates() != null && s.gates().metric("5xx-share")
        .filter(m -> m.evaluations() >= 2).isPresent(), Duration.ofMinutes(30));

    MetricGateStatus result = run.last().gates().metric("5xx-share").orElseThrow();
    assertThat(result.verdict()).isEqualTo(MetricGateStatus.NO_VERDICT);
    assertThat(result.failures()).isZero();
    assertThat(result.message()).contains("fewer than minSamples 1000", "no verdict");
    assertThat(run.last().phase()).isNotEqualTo(Phase.DEGRADED);
    assertThat(run.last().aborted()).isNull();
    h.assertInvariantsHeld();
  }
}
