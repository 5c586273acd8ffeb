package dev.teal.reconcile.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.reconcile.Reasons;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AWS's control planes are eventually consistent: right after teal creates a target group, attaches it or
 * detaches it, the next call may not see the change yet. teal retries those answers soon and is never Failed
 * by them.
 */
class EventualConsistencyTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  /**
   * Planted once (the answers translated as before, non-retryable): the deployment was Failed with
   * "AWS rejected elb:ModifyRule ... TargetGroupNotFound" right after creating green's group.
   */
  @Test
  void aWholeCycleConvergesWhileEveryChangeTakesAWhileToBeSeen() {
    CycleHarness h = new CycleHarness(sandbox); // the demo world is seeded before AWS starts lagging
    var faults = sandbox.simulator().faults();
    faults.notVisibleFor("elb:ModifyRule", Duration.ofSeconds(8)).notVisibleFor("ecs:CreateTaskSet",
        Duration.ofSeconds(8));
    // Longer than the 30 s green's task set drains before its group is deleted.
    faults.notVisibleFor("elb:DeleteTargetGroup", Duration.ofMinutes(2));
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    h.apply(h.spec("nginx:1.27", DesiredPhase.PREVIEW));
    h.runUntilPhase(Phase.PREVIEWING);
    h.apply(h.spec("nginx:1.27", DesiredPhase.ROLLBACK));
    DeploymentStatus rolledBack = h.runUntil(s -> s.phase() == Phase.ROLLED_BACK && s.retired().isEmpty(),
        Duration.ofHours(1));

    assertThat(rolledBack.awaitingAws()).isNull();
    assertThat(rolledBack.events()).noneMatch(e -> Reasons.AWS_REJECTED.equals(e.reason()));
    assertThat(sandbox.simulator().calls().records()).filteredOn(c -> c.errorCode() != null)
        .extracting(c -> c.operation() + " " + c.errorCode())
        .contains("elb:ModifyRule TargetGroupNotFound", "ecs:CreateTaskSet InvalidParameterException",
            "elb:DeleteTargetGroup ResourceInUse");
    assertThat(h.targetGroupNames()).containsExactly(h.demo.targetGroupName());
    h.assertInvariantsHeld();
  }
}
