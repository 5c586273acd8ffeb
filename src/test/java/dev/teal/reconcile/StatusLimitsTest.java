package dev.teal.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.AwsWait;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.Phase;
import dev.teal.model.ScaleInSuspension;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link StatusLimits#bound} rebuilds the whole status: every field must come through it, or a pass would
 * silently forget what it remembers (a claim, a scale-in to restore, a wait for AWS).
 */
class StatusLimitsTest {

  private static final Instant NOW = Instant.parse("2026-12-05T18:00:00Z");

  @Test
  void boundKeepsClaimsTheScaleInHoldAndTheWaitForAwsAndCutsTheWaitsMessage() {
    String rule = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/alb/1/2/3";
    ScaleInSuspension scaleIn = new ScaleInSuspension("service/prod/web", false, NOW);
    AwsWait wait = new AwsWait("application-autoscaling:RegisterScalableTarget", "0123abcd", "ValidationException",
        "x".repeat(5_000), NOW);
    DeploymentStatus status = new DeploymentStatus(Phase.PROGRESSING, "deploying", 3L, "hash", null, null, null,
        List.of(), null, null, null, null, null, null, null, List.of(rule), scaleIn, wait, List.of(), List.of(), null,
        List.of());

    DeploymentStatus bounded = StatusLimits.bound(status);

    assertThat(bounded.claimed()).containsExactly(rule);
    assertThat(bounded.scaleIn()).isEqualTo(scaleIn);
    assertThat(bounded.awaitingAws().operation()).isEqualTo(wait.operation());
    assertThat(bounded.awaitingAws().since()).isEqualTo(NOW);
    assertThat(bounded.awaitingAws().message()).hasSize(StatusLimits.MAX_MESSAGE_CHARS).endsWith("cut]");
    assertThat(StatusLimits.bound(bounded)).isEqualTo(bounded);
  }
}
