package dev.teal.reconcile.cycle;

import static dev.teal.reconcile.cycle.CycleHarness.analysis;
import static dev.teal.reconcile.cycle.CycleHarness.steps;
import static dev.teal.reconcile.cycle.CycleHarness.withStrategy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.reconcile.Reasons;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Green that fails a gate is aborted: production stays on (or returns to) stable, and it does not churn. */
class AbortTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  CycleHarness adopted() {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    return h;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"nginx:1.27-unhealthy", "nginx:1.27-crashloop"})
  void greenThatIsNeverHealthyIsAbortedAtTheProgressDeadlineAndNotRecreated(String image) {
    CycleHarness h = adopted();
    // Fail fast off: the progress deadline is what this test is about (FailFastTest has the rest).
    h.apply(withStrategy(h.spec(image, DesiredPhase.PROMOTE), s -> CycleHarness.failFast(s, 0, 0)));

    DeploymentStatus degraded = h.runUntilPhase(Phase.DEGRADED);
    assertThat(degraded.aborted().reason()).isEqualTo(Reasons.PROGRESS_DEADLINE_EXCEEDED);
    assertThat(degraded.condition(Reasons.DEGRADED).isTrue()).isTrue();
    assertThat(h.servedImage(h.demo.productionListenerArn())).isEqualTo("nginx:1.26");
    h.runUntil(s -> s.retired().isEmpty(), Duration.ofMinutes(10));
    assertThat(h.targetGroupNames()).containsExactly(h.demo.targetGroupName());

    long creates = h.count("ecs:CreateTaskSet");
    h.clock.advance(Duration.ofHours(1));
    h.reconcileOnce();
    assertThat(h.count("ecs:CreateTaskSet")).as("the same failed revision is not recreated").isEqualTo(creates);
    assertThat(h.status().phase()).isEqualTo(Phase.DEGRADED);

    h.apply(withStrategy(h.spec("nginx:1.28", DesiredPhase.PROMOTE), s -> CycleHarness.failFast(s, 0, 0)));
    assertThat(h.runUntilPhase(Phase.PROMOTED).stable().image()).isEqualTo("nginx:1.28");
    h.assertInvariantsHeld();
  }

  @Test
  void aFailingAnalysisThroughTheTestListenerAbortsBeforeProductionMoves() {
    CycleHarness h = adopted();
    h.apply(withStrategy(h.spec("nginx:1.27-errors", DesiredPhase.PROMOTE), s -> analysis(s, 10, 1)));

    DeploymentStatus degraded = h.runUntilPhase(Phase.DEGRADED);

    assertThat(degraded.aborted().reason()).isEqualTo(Reasons.ANALYSIS_FAILED);
    assertThat(degraded.analysis().failures()).as("stopped once the verdict was settled").isEqualTo(2);
    assertThat(degraded.message()).contains("2 of 2 requests", "stopped before the other 8");
    assertThat(h.count("elb:ModifyRule")).as("production was never written").isLessThanOrEqualTo(3);
    assertThat(h.servedImage(h.demo.productionListenerArn())).isEqualTo("nginx:1.26");
    assertThat(h.servedImage(h.demo.testListenerArn())).isEqualTo("nginx:1.26");
    h.assertInvariantsHeld();
  }

  /**
   * Green with no healthy target at all while it serves production is aborted at once: ALB fails open to
   * every target of a group without a healthy one. (A partial shortfall gets a grace: see AutoscalingTest.)
   */
  @Test
  void greenLosingHealthDuringStepsSendsProductionBackToStableAtOnce() {
    CycleHarness h = adopted();
    h.apply(withStrategy(h.spec("nginx:1.27", DesiredPhase.PROMOTE),
        s -> steps(s, List.of(25, 100), Duration.ofMinutes(10))));
    DeploymentStatus at25 = h.runUntil(s -> s.promotion() != null && s.promotion().weight() == 25, Duration.ofHours(1));
    String greenGroup = at25.preview().targetGroup();
    // The operator looks again only when a reconcile asks to be requeued: follow that, not a fixed delay.
    Duration requeue = h.reconcileOnce().requeueAfter();
    assertThat(requeue).as("green's health is looked at every poll while it serves production")
        .isLessThanOrEqualTo(CycleHarness.POLL);

    var targets = h.sandbox.elb().describeTargetHealth(r -> r.targetGroupArn(greenGroup)).targetHealthDescriptions();
    h.sandbox.elb().deregisterTargets(r -> r.targetGroupArn(greenGroup)
        .targets(targets.stream().map(t -> t.target()).toList()));
    h.clock.advance(requeue);
    h.reconcileOnce();

    assertThat(h.weights(h.demo.productionRuleArn())).containsOnlyKeys(h.demo.targetGroupArn());
    DeploymentStatus degraded = h.status();
    assertThat(degraded.phase()).isEqualTo(Phase.DEGRADED);
    assertThat(degraded.aborted().reason()).isEqualTo(Reasons.UNHEALTHY_DURING_PROMOTION);
    h.assertInvariantsHeld();
  }
}
