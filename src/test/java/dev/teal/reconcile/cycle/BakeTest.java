package dev.teal.reconcile.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.GatesSpec;
import dev.teal.model.Phase;
import dev.teal.model.PromotionSpec;
import dev.teal.model.StrategySpec;
import dev.teal.reconcile.Reasons;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/**
 * The bake ({@code spec.strategy.bake}) on the sandbox: production at 100% green, blue still primary at full
 * scale, the gates still running; a failure in the window flips production straight back to blue.
 *
 * <p>Faults planted once and seen failing: green made primary before the bake (both tests: blue is no longer
 * the primary task set while baking); the gates skipped while baking, by returning early in {@code Gates.check}
 * (the first test: production stays on green).
 */
class BakeTest {

  static final Duration BAKE = Duration.ofMinutes(5);
  static final Duration SCALE_DOWN_DELAY = Duration.ofMinutes(30);

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  CycleHarness adopted() {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    return h;
  }

  /** Steps 50 then 100, a minute apart, then a bake of five minutes; gated on {@code alarms}. */
  static DeploymentSpec baked(CycleHarness h, String image, String... alarms) {
    return CycleHarness.withStrategy(h.spec(image, DesiredPhase.PROMOTE), s -> new StrategySpec(s.previewScale(),
        PromotionSpec.of(List.of(50, 100), Duration.ofMinutes(1)), null, SCALE_DOWN_DELAY, s.progressDeadline(),
        null, alarms.length == 0 ? null : new GatesSpec(List.of(alarms)), null, BAKE));
  }

  static boolean baking(DeploymentStatus s) {
    return s.promotion() != null && s.promotion().bakeStartedAt() != null;
  }

  @Test
  void anAlarmDuringTheBakeFlipsProductionBackToTheStillRunningBlueWithinOnePoll() {
    CycleHarness h = adopted();
    String alarm = sandbox.seedGates().alarmName();
    h.apply(baked(h, "nginx:1.27", alarm));
    DeploymentStatus baking = h.runUntil(BakeTest::baking, Duration.ofHours(1));
    Instant bakeStart = baking.promotion().bakeStartedAt();
    String greenGroup = baking.preview().targetGroup();
    assertThat(h.weights(h.demo.productionRuleArn())).containsOnlyKeys(greenGroup);
    assertThat(baking.phase()).isEqualTo(Phase.PROMOTING);

    // Two minutes into the bake: still baking, blue still the primary task set at full scale and healthy.
    DeploymentStatus midBake = h.runUntil(s -> !h.clock.instant().isBefore(bakeStart.plus(Duration.ofMinutes(2))),
        Duration.ofMinutes(3));
    assertThat(midBake.condition(Reasons.PROGRESSING).reason()).isEqualTo(Reasons.BAKING);
    assertThat(midBake.message()).contains("baking until " + bakeStart.plus(BAKE));
    assertBlueServesAtFullScale(h);
    Duration requeue = h.reconcileOnce().requeueAfter();
    assertThat(requeue).as("the gates look at green every poll while it bakes").isLessThanOrEqualTo(CycleHarness.POLL);

    sandbox.observerCloudWatch().setAlarmState(r -> r.alarmName(alarm).stateValue(StateValue.ALARM)
        .stateReason("on-call: checkout errors after the 1.27 rollout"));
    h.clock.advance(requeue);
    h.reconcileOnce();

    assertThat(h.weights(h.demo.productionRuleArn())).as("production back to blue in that reconcile")
        .containsOnlyKeys(h.demo.targetGroupArn());
    assertThat(h.servedImage(h.demo.productionListenerArn())).isEqualTo("nginx:1.26");
    DeploymentStatus degraded = h.status();
    assertThat(degraded.phase()).isEqualTo(Phase.DEGRADED);
    assertThat(degraded.aborted().reason()).isEqualTo(Reasons.ALARM_GATE_FAILED);
    assertThat(degraded.message()).contains(alarm);
    assertThat(degraded.stable().image()).isEqualTo("nginx:1.26");
    assertThat(degraded.promotion()).as("cleared with green").isNull();
    assertBlueServesAtFullScale(h);

    DeploymentStatus cleaned = h.runUntil(s -> s.retired().isEmpty(), Duration.ofMinutes(10));
    assertThat(cleaned.preview()).isNull();
    assertThat(h.taskSets()).singleElement().satisfies(t -> assertThat(t.status()).isEqualTo("PRIMARY"));
    long creates = h.count("ecs:CreateTaskSet");
    h.clock.advance(Duration.ofHours(1));
    h.reconcileOnce();
    assertThat(h.count("ecs:CreateTaskSet")).as("the same image is not redeployed").isEqualTo(creates);
    assertThat(h.status().phase()).isEqualTo(Phase.DEGRADED);
    h.assertInvariantsHeld();
  }

  @Test
  void aCleanBakeMakesGreenPrimaryOnlyAfterTheWindowAndBlueGoesAfterScaleDownDelay() {
    CycleHarness h = adopted();
    h.apply(baked(h, "nginx:1.27"));
    DeploymentStatus baking = h.runUntil(BakeTest::baking, Duration.ofHours(1));
    Instant bakeStart = baking.promotion().bakeStartedAt();
    assertThat(baking.events()).anySatisfy(e -> assertThat(e.reason()).isEqualTo(Reasons.BAKING));

    // Every pass of the window: production on green, blue primary.
    DeploymentStatus promoted = h.runUntil(s -> {
      if (s.phase() == Phase.PROMOTING) {
        assertThat(h.weights(h.demo.productionRuleArn())).containsOnlyKeys(baking.preview().targetGroup());
        assertBlueServesAtFullScale(h);
      }
      return s.phase() == Phase.PROMOTED;
    }, Duration.ofMinutes(10));
    assertThat(promoted.promotedAt()).as("promoted once the bake is over, within a poll")
        .isAfterOrEqualTo(bakeStart.plus(BAKE)).isBefore(bakeStart.plus(BAKE).plus(CycleHarness.POLL));
    assertThat(promoted.stable().image()).isEqualTo("nginx:1.27");
    assertThat(promoted.promotion()).isNull();
    assertThat(h.taskSets()).anySatisfy(t -> {
      assertThat(t.status()).isEqualTo("PRIMARY");
      assertThat(t.externalId()).isEqualTo(promoted.stable().revision());
    });

    DeploymentStatus scaledDown = h.runUntil(s -> s.previous() != null && s.previous().taskSet() == null,
        Duration.ofHours(1));
    assertThat(h.clock.instant()).as("blue goes after scaleDownDelay, counted from the promotion")
        .isAfterOrEqualTo(promoted.promotedAt().plus(SCALE_DOWN_DELAY));
    assertThat(scaledDown.phase()).isEqualTo(Phase.PROMOTED);
    h.assertIdempotent();
    h.assertInvariantsHeld();
  }

  /** Blue (the adopted task set) is the primary task set at 100% with all its tasks running and its targets healthy. */
  private void assertBlueServesAtFullScale(CycleHarness h) {
    TaskSet blue = h.taskSets().stream().filter(t -> h.demo.targetGroupArn().equals(
        t.loadBalancers().get(0).targetGroupArn())).findFirst().orElseThrow();
    assertThat(blue.status()).isEqualTo("PRIMARY");
    assertThat(blue.scale().value()).isEqualTo(100.0);
    assertThat(blue.runningCount()).isEqualTo(blue.computedDesiredCount()).isPositive();
    var health = sandbox.observerElb().describeTargetHealth(r -> r.targetGroupArn(h.demo.targetGroupArn()))
        .targetHealthDescriptions();
    assertThat(health).hasSize(blue.runningCount())
        .allSatisfy(t -> assertThat(t.targetHealth().stateAsString()).isEqualTo("healthy"));
  }
}
