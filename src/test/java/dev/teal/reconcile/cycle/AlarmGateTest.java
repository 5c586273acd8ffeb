package dev.teal.reconcile.cycle;

import static dev.teal.reconcile.cycle.CycleHarness.steps;
import static dev.teal.reconcile.cycle.CycleHarness.withStrategy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.DeploymentEvent;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.GatesSpec;
import dev.teal.model.GatesStatus.AlarmResult;
import dev.teal.model.Phase;
import dev.teal.model.StrategySpec;
import dev.teal.reconcile.Reasons;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * The alarm gate ({@code spec.strategy.gates.alarms}) on the sandbox: CloudWatch's alarms read through the real
 * SDK while green is in flight, set to ALARM by {@code SetAlarmState} as a person would.
 *
 * <p>Faults planted once and seen failing: the gate not run in {@link dev.teal.reconcile.Gates#check} (the first
 * test: production stays at 25 % green); the Observer reading alarms in steady state too (the second: a
 * DescribeAlarms after promotion); a missing alarm treated as passing (the third: promoted).
 */
class AlarmGateTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  CycleHarness adopted() {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    return h;
  }

  static DeploymentSpec gated(CycleHarness h, String image, String... alarms) {
    return withStrategy(h.spec(image, DesiredPhase.PROMOTE), s -> {
      StrategySpec stepped = steps(s, List.of(25, 100), Duration.ofMinutes(10));
      return new StrategySpec(stepped.previewScale(), stepped.promotion(), stepped.autoPromoteAfter(),
          stepped.scaleDownDelay(), stepped.progressDeadline(), stepped.analysis(), new GatesSpec(List.of(alarms)));
    });
  }

  @Test
  void anAlarmSetToAlarmMidPromotionSendsProductionBackToStableWithinOnePoll() {
    CycleHarness h = adopted();
    String alarm = sandbox.seedGates().alarmName();
    h.apply(gated(h, "nginx:1.27", alarm));
    h.runUntil(s -> s.promotion() != null && s.promotion().weight() == 25, Duration.ofHours(1));
    assertThat(h.weights(h.demo.productionRuleArn())).hasSize(2);
    Duration requeue = h.reconcileOnce().requeueAfter();
    assertThat(requeue).as("looked at every poll while green serves production").isLessThanOrEqualTo(CycleHarness.POLL);

    sandbox.observerCloudWatch().setAlarmState(r -> r.alarmName(alarm).stateValue(StateValue.ALARM)
        .stateReason("on-call: checkout errors after the 1.27 rollout"));
    h.clock.advance(requeue);
    h.reconcileOnce();

    assertThat(h.weights(h.demo.productionRuleArn())).as("production back to stable in that reconcile")
        .containsOnlyKeys(h.demo.targetGroupArn());
    DeploymentStatus degraded = h.status();
    assertThat(degraded.phase()).isEqualTo(Phase.DEGRADED);
    assertThat(degraded.aborted().reason()).isEqualTo(Reasons.ALARM_GATE_FAILED);
    assertThat(degraded.message()).contains(alarm, "on-call: checkout errors after the 1.27 rollout");
    assertThat(degraded.condition(Reasons.DEGRADED).reason()).isEqualTo(Reasons.ALARM_GATE_FAILED);
    assertThat(degraded.gates().alarms()).containsExactly(new AlarmResult(alarm, "ALARM"));
    assertThat(degraded.events()).anySatisfy(e -> {
      assertThat(e.type()).isEqualTo(DeploymentEvent.WARNING);
      assertThat(e.message()).contains(alarm);
    });
    assertThat(h.servedImage(h.demo.productionListenerArn())).isEqualTo("nginx:1.26");
    h.assertInvariantsHeld();
  }

  @Test
  void quietAlarmsLetGreenThroughAndAreReadOnlyWhileADeploymentIsInFlight() {
    CycleHarness h = adopted();
    String alarm = sandbox.seedGates().alarmName();
    h.apply(gated(h, "nginx:1.27", alarm));
    DeploymentStatus shifting = h.runUntil(s -> s.promotion() != null, Duration.ofHours(1));
    assertThat(shifting.gates().alarms()).extracting(AlarmResult::name).containsExactly(alarm);
    assertThat(h.count("cloudwatch:DescribeAlarms")).as("read while green is in flight").isPositive();

    DeploymentStatus promoted = h.runUntilPhase(Phase.PROMOTED);
    assertThat(promoted.stable().image()).isEqualTo("nginx:1.27");
    assertThat(promoted.gates()).as("cleared with green").isNull();
    long reads = h.count("cloudwatch:DescribeAlarms");
    h.clock.advance(Duration.ofMinutes(5));
    h.reconcileOnce();
    h.reconcileOnce();
    assertThat(h.count("cloudwatch:DescribeAlarms")).as("no alarm read in steady state").isEqualTo(reads);
    h.assertInvariantsHeld();
  }

  @Test
  void anAlarmThatDoesNotExistIsFailedNamingItAndNothingMovesToGreen() {
    CycleHarness h = adopted();
    String alarm = sandbox.seedGates().alarmName();
    h.apply(gated(h, "nginx:1.27", alarm, "web-latency-typo"));

    DeploymentStatus failed = h.runUntilPhase(Phase.FAILED);

    assertThat(failed.condition(Reasons.READY).reason()).isEqualTo(Reasons.ALARM_NOT_FOUND);
    assertThat(failed.message()).contains("spec.strategy.gates.alarms", "web-latency-typo").doesNotContain(alarm);
    assertThat(h.weights(h.demo.productionRuleArn())).containsOnlyKeys(h.demo.targetGroupArn());
    h.assertInvariantsHeld();
  }
}
