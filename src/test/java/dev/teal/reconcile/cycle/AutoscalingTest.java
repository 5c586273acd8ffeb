package dev.teal.reconcile.cycle;

import static dev.teal.reconcile.cycle.CycleHarness.steps;
import static dev.teal.reconcile.cycle.CycleHarness.withStrategy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.reconcile.Reasons;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/**
 * Application Auto Scaling and Fargate change the service under a deployment: ECS's own deployments have
 * scale-in turned off by Application Auto Scaling, an EXTERNAL one has to do it itself; and new or replaced
 * tasks are briefly not healthy, which must not abort a promotion.
 */
class AutoscalingTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  private static final Duration LONG = Duration.ofHours(3);

  private String resourceId(CycleHarness h) {
    return "service/" + h.demo.cluster() + "/" + h.demo.service();
  }

  private void registerScalableTarget(CycleHarness h, boolean scaleInSuspended) {
    sandbox.observerAutoScaling().registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS)
        .resourceId(resourceId(h)).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
        .minCapacity(1).maxCapacity(10).suspendedState(s -> s.dynamicScalingInSuspended(scaleInSuspended)));
  }

  private ScalableTarget scalableTarget(CycleHarness h) {
    return sandbox.observerAutoScaling().describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS)
        .resourceIds(resourceId(h))).scalableTargets().get(0);
  }

  private int desiredCount(CycleHarness h) {
    return sandbox.observerEcs().describeServices(r -> r.cluster(h.demo.cluster()).services(h.demo.service()))
        .services().get(0).desiredCount();
  }

  private CycleHarness adopted() {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    return h;
  }

  /**
   * Scale-in is suspended before green exists and restored once blue is gone, while a policy's scale-in during
   * the deployment is held back. Planted once (no suspension): the policy scaled the service in under the
   * deployment and the service ended with 2 tasks.
   */
  @Test
  void scaleInIsSuspendedWhileADeploymentIsInFlightAndRestoredAfter() {
    CycleHarness h = adopted();
    registerScalableTarget(h, false);

    h.apply(h.spec("nginx:1.27", DesiredPhase.PROMOTE));
    h.runUntil(s -> s.preview() != null && s.preview().taskSet() != null, LONG);
    DeploymentStatus inFlight = h.status();
    assertThat(inFlight.scaleIn()).isNotNull();
    assertThat(inFlight.scaleIn().wasSuspended()).isFalse();
    assertThat(scalableTarget(h).suspendedState().dynamicScalingInSuspended()).isTrue();
    assertThat(scalableTarget(h).minCapacity()).as("nothing but the suspended state changes").isEqualTo(1);
    Instant suspendedAt = sandbox.simulator().calls().records("application-autoscaling:RegisterScalableTarget")
        .get(0).time();
    Instant greenCreatedAt = sandbox.simulator().calls().records("ecs:CreateTaskSet").get(0).time();
    assertThat(suspendedAt).isBeforeOrEqualTo(greenCreatedAt);

    // Blue idles at 100 % during scaleDownDelay: the policy sees half the load and asks to scale in.
    sandbox.simulator().scaleServiceAt(h.clock.instant().plusSeconds(5), h.demo.cluster(), h.demo.service(), 2);
    DeploymentStatus promoted = h.runUntilPhase(Phase.PROMOTED);
    assertThat(promoted.scaleIn()).as("blue is still kept").isNotNull();
    assertThat(desiredCount(h)).isEqualTo(3);
    assertThat(sandbox.simulator().scalingActivities()).singleElement().asString().contains("skipped");

    DeploymentStatus done = h.runUntil(s -> s.previous() != null && s.previous().taskSet() == null
        && s.retired().isEmpty() && s.scaleIn() == null, LONG);
    assertThat(scalableTarget(h).suspendedState().dynamicScalingInSuspended()).isFalse();
    assertThat(inFlight.events()).extracting(e -> e.reason()).contains(Reasons.SCALE_IN_SUSPENDED);
    assertThat(done.events()).extracting(e -> e.reason()).contains(Reasons.SCALE_IN_RESTORED);
    h.assertIdempotent();
    h.assertInvariantsHeld();
  }

  /** Scale-in someone had suspended before the deployment stays suspended after it. */
  @Test
  void aSuspensionThatWasThereBeforeIsLeftInPlace() {
    CycleHarness h = adopted();
    registerScalableTarget(h, true);

    h.apply(h.spec("nginx:1.27", DesiredPhase.PROMOTE));
    h.runUntil(s -> s.phase() == Phase.PROMOTED && s.previous() != null && s.previous().taskSet() == null
        && s.retired().isEmpty() && s.scaleIn() == null, LONG);

    assertThat(scalableTarget(h).suspendedState().dynamicScalingInSuspended()).isTrue();
    assertThat(h.count("application-autoscaling:RegisterScalableTarget")).isZero();
  }

  /** A service without a scalable target costs one describe per reconcile in flight, and none once settled. */
  @Test
  void aServiceWithoutAutoscalingIsLeftAlone() {
    CycleHarness h = adopted();
    h.apply(h.spec("nginx:1.27", DesiredPhase.PROMOTE));
    h.runUntil(s -> s.phase() == Phase.PROMOTED && s.previous() != null && s.previous().taskSet() == null
        && s.retired().isEmpty(), LONG);
    long describes = h.count("application-autoscaling:DescribeScalableTargets");
    assertThat(describes).isPositive();

    h.clock.advance(Duration.ofMinutes(5));
    h.reconcileOnce();
    assertThat(h.count("application-autoscaling:DescribeScalableTargets")).isEqualTo(describes);
    assertThat(h.count("application-autoscaling:RegisterScalableTarget")).isZero();
  }

  /**
   * While production is at 50 % green, the policy scales the service out and Fargate retires one of green's
   * tasks: green is short of healthy targets for a while, and the promotion waits instead of aborting.
   * Planted once (every desired target healthy at every instant, as before): aborted with
   * UnhealthyDuringPromotion "3 of 5 targets healthy".
   */
  @Test
  void scaleOutAndATaskReplacementMidPromotionDoNotAbortIt() {
    CycleHarness h = adopted();
    h.tolerateChurn(Duration.ofMinutes(3));
    registerScalableTarget(h, false);
    var spec = withStrategy(h.spec("nginx:1.27", DesiredPhase.PROMOTE),
        s -> steps(s, List.of(50, 100), Duration.ofMinutes(3)));
    h.apply(spec);
    DeploymentStatus atHalf = h.runUntil(s -> s.promotion() != null && s.promotion().weight() == 50, LONG);
    Instant now = h.clock.instant();
    sandbox.simulator().scaleServiceAt(now.plusSeconds(5), h.demo.cluster(), h.demo.service(), 5);
    sandbox.simulator().retireTaskAt(now.plusSeconds(20), atHalf.preview().taskSet());

    DeploymentStatus promoted = h.runUntilPhase(Phase.PROMOTED);

    assertThat(promoted.stable().image()).isEqualTo("nginx:1.27");
    assertThat(promoted.aborted()).isNull();
    assertThat(desiredCount(h)).isEqualTo(5);
    assertThat(h.servedImage(h.demo.productionListenerArn())).isEqualTo("nginx:1.27");
    h.assertInvariantsHeld();
  }

  /**
   * A green task that never becomes healthy again is not churn: once the grace has passed, the promotion is
   * aborted and production goes back to blue.
   */
  @Test
  void aShortfallThatOutlastsTheGraceAbortsThePromotion() {
    CycleHarness h = adopted();
    h.tolerateChurn(Duration.ofMinutes(2));
    var spec = withStrategy(h.spec("nginx:1.27", DesiredPhase.PROMOTE),
        s -> steps(s, List.of(50, 100), Duration.ofMinutes(10)));
    h.apply(spec);
    DeploymentStatus atHalf = h.runUntil(s -> s.promotion() != null && s.promotion().weight() == 50, LONG);
    String greenGroup = atHalf.preview().targetGroup();
    var targets = sandbox.elb().describeTargetHealth(r -> r.targetGroupArn(greenGroup)).targetHealthDescriptions();
    sandbox.elb().deregisterTargets(r -> r.targetGroupArn(greenGroup).targets(targets.get(0).target()));
    Instant shortFrom = h.clock.instant();

    DeploymentStatus degraded = h.runUntilPhase(Phase.DEGRADED);

    assertThat(degraded.aborted().reason()).isEqualTo(Reasons.UNHEALTHY_DURING_PROMOTION);
    assertThat(Duration.between(shortFrom, degraded.aborted().at())).isGreaterThanOrEqualTo(Duration.ofSeconds(90));
    assertThat(h.weights(h.demo.productionRuleArn())).containsOnlyKeys(h.demo.targetGroupArn());
    h.assertInvariantsHeld();
  }
}
