package dev.teal.reconcile.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.reconcile.Reasons;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Fail fast ({@code spec.strategy.failFast}, defaults 3 and 3) on the sandbox: a green that visibly cannot work is
 * Degraded at once, not at the 10-minute progress deadline.
 *
 * <p>Faults planted once and seen failing: no stopped task counted as failed ({@code FailFast.failed} false: both
 * crash-loop cases wait for the deadline); the unhealthy rule never firing (the unhealthy case waits for it too);
 * the Observer not reading stopped tasks (the crash-loop cases).
 */
class FailFastTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  CycleHarness adopted() {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    return h;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "nginx:1.27-crashloop, EssentialContainerExited",
      "nginx:1.27-nopull, CannotPullContainerError"})
  void aCrashLoopingGreenIsDegradedInUnderAMinuteWithEcsStoppedReason(String image, String why) {
    CycleHarness h = adopted();
    Instant applied = h.clock.instant();
    h.apply(h.spec(image, DesiredPhase.PROMOTE));

    DeploymentStatus degraded = h.runUntil(s -> s.phase() == Phase.DEGRADED, Duration.ofMinutes(1));

    assertThat(Duration.between(applied, h.clock.instant())).isLessThan(Duration.ofMinutes(1));
    assertThat(degraded.aborted().reason()).isEqualTo(Reasons.TASKS_KEEP_FAILING);
    assertThat(degraded.message()).contains(image, "tasks failed", why);
    assertThat(h.weights(h.demo.productionRuleArn())).containsOnlyKeys(h.demo.targetGroupArn());
    assertThat(h.servedImage(h.demo.productionListenerArn())).isEqualTo("nginx:1.26");
    h.runUntil(s -> s.retired().isEmpty(), Duration.ofMinutes(10));
    h.assertInvariantsHeld();
  }

  @Test
  void targetsUnhealthyForThreeChecksAreDegradedWithoutWaitingForTheDeadline() {
    CycleHarness h = adopted();
    Instant applied = h.clock.instant();
    h.apply(h.spec("nginx:1.27-unhealthy", DesiredPhase.PROMOTE));

    DeploymentStatus degraded = h.runUntil(s -> s.phase() == Phase.DEGRADED, Duration.ofMinutes(3));

    // Tasks run at 10 s, ALB says unhealthy after 3 checks 10 s apart, then 3 more checks: about 70 s.
    Duration took = Duration.between(applied, h.clock.instant());
    assertThat(took).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(90));
    assertThat(degraded.aborted().reason()).isEqualTo(Reasons.TARGETS_UNHEALTHY);
    assertThat(degraded.message()).contains("3 targets unhealthy", "3 consecutive health checks");
    assertThat(h.servedImage(h.demo.productionListenerArn())).isEqualTo("nginx:1.26");
    h.assertInvariantsHeld();
  }
}
