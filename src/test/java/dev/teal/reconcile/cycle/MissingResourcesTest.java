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

/** A missing rule or service stops teal with a clear reason; nothing is destroyed and it does not spin. */
class MissingResourcesTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  @Test
  void aDeletedTestRuleFailsTheDeploymentAndLeavesEverythingElseStanding() {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    h.apply(h.spec("nginx:1.27", DesiredPhase.PREVIEW));
    DeploymentStatus previewing = h.runUntilPhase(Phase.PREVIEWING);
    sandbox.elb().deleteRule(r -> r.ruleArn(h.demo.testRuleArn()));
    int mutatingBefore = h.mutatingCalls().size();

    var result = h.reconciler.reconcile(CycleHarness.NAME);

    DeploymentStatus failed = h.status();
    assertThat(failed.phase()).isEqualTo(Phase.FAILED);
    assertThat(failed.condition(Reasons.READY).reason()).isEqualTo(Reasons.TEST_ROUTE_NOT_FOUND);
    assertThat(failed.message()).contains(h.demo.testRuleArn(), "not found");
    assertThat(result.requeueAfter()).as("looked at again later, not in a tight loop").isEqualTo(Duration.ofMinutes(1));
    assertThat(h.mutatingCalls()).hasSize(mutatingBefore);
    assertThat(h.taskSets()).extracting(t -> t.taskSetArn()).contains(previewing.preview().taskSet(),
        previewing.stable().taskSet());
    assertThat(h.servedImage(h.demo.productionListenerArn())).isEqualTo("nginx:1.26");

    h.reconcileOnce();
    assertThat(h.status().events()).filteredOn(e -> e.reason().equals(Reasons.TEST_ROUTE_NOT_FOUND)).hasSize(1);
  }

  @Test
  void aMissingServiceFailsWithItsName() {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    sandbox.ecs().updateService(r -> r.cluster(h.demo.cluster()).service(h.demo.service()).desiredCount(0));
    sandbox.ecs().deleteService(r -> r.cluster(h.demo.cluster()).service(h.demo.service()).force(true));
    int mutatingBefore = h.mutatingCalls().size();

    h.reconcileOnce();

    DeploymentStatus failed = h.status();
    assertThat(failed.phase()).isEqualTo(Phase.FAILED);
    assertThat(failed.condition(Reasons.READY).reason()).isEqualTo(Reasons.SERVICE_NOT_FOUND);
    assertThat(failed.message()).contains("web", "demo");
    assertThat(h.mutatingCalls()).hasSize(mutatingBefore);
    assertThat(h.weights(h.demo.productionRuleArn())).containsOnlyKeys(h.demo.targetGroupArn());
  }

  @Test
  void aDeletedTestListenerFailsTheDeploymentWithItsRule() {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    sandbox.observerElb().deleteListener(r -> r.listenerArn(h.demo.testListenerArn()));
    int mutatingBefore = h.mutatingCalls().size();

    h.reconcileOnce();

    DeploymentStatus failed = h.status();
    assertThat(failed.phase()).isEqualTo(Phase.FAILED);
    assertThat(failed.condition(Reasons.READY).reason()).isEqualTo(Reasons.TEST_ROUTE_NOT_FOUND);
    assertThat(h.mutatingCalls()).hasSize(mutatingBefore);
    assertThat(h.servedImage(h.demo.productionListenerArn())).isEqualTo("nginx:1.26");
  }

  /**
   * A target group teal recorded but that was deleted by hand before teal attached it: ELB answers the
   * attach as it answers for a group created a moment ago (AWS is eventually consistent), so teal retries
   * soon with the wait on record; when the answer has not changed after the consistency window, the
   * deployment is Failed with ELB's reason and looked at again a minute later, and nothing else is touched.
   */
  @Test
  void aTargetGroupDeletedByHandBeforeTealAttachedItFailsWithElbsReason() {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    h.apply(h.spec("nginx:1.27", DesiredPhase.PREVIEW));
    // Stop right before the call that attaches green's new target group to the test rule.
    Stops stops = new Stops(3, false); // register, create target group, attach
    h.stopWith(stops);
    runUntilStopped(h);
    assertThat(stops.seen()).containsExactly("EcsGateway.registerTaskDefinitionWithImage",
        "ElbGateway.createTargetGroup", "ElbGateway.setForward");
    String green = h.status().preview().targetGroup();
    sandbox.observerElb().deleteTargetGroup(r -> r.targetGroupArn(green));
    int mutatingBefore = h.mutatingCalls().size();

    var result = h.reconciler.reconcile(CycleHarness.NAME);
    DeploymentStatus waiting = h.status();
    assertThat(waiting.phase()).isNotEqualTo(Phase.FAILED);
    assertThat(waiting.awaitingAws().operation()).isEqualTo("elb:ModifyRule");
    assertThat(waiting.awaitingAws().errorCode()).isEqualTo("TargetGroupNotFound");
    assertThat(result.requeueAfter()).isEqualTo(Duration.ofSeconds(2));
    for (int i = 0; i < 100 && h.status().phase() != Phase.FAILED; i++) {
      h.clock.advance(result.requeueAfter());
      result = h.reconciler.reconcile(CycleHarness.NAME);
    }

    DeploymentStatus failed = h.status();
    assertThat(failed.phase()).isEqualTo(Phase.FAILED);
    assertThat(failed.condition(Reasons.READY).reason()).isEqualTo(Reasons.AWS_REJECTED);
    assertThat(failed.message()).contains("elb:ModifyRule", "TargetGroupNotFound");
    assertThat(failed.awaitingAws()).isNull();
    assertThat(Duration.between(waiting.awaitingAws().since(), h.clock.instant())).isBetween(Duration.ofMinutes(2),
        Duration.ofMinutes(2).plusSeconds(2));
    assertThat(result.requeueAfter()).isEqualTo(Duration.ofMinutes(1));
    assertThat(h.mutatingCalls()).hasSize(mutatingBefore);
    assertThat(h.servedImage(h.demo.productionListenerArn())).isEqualTo("nginx:1.26");
    assertThat(h.servedImage(h.demo.testListenerArn())).isEqualTo("nginx:1.26");
  }

  private static void runUntilStopped(CycleHarness h) {
    for (int i = 0; i < 100; i++) {
      try {
        h.reconcileOnce();
      } catch (Stops.Stopped stopped) {
        return;
      }
      h.clock.advance(CycleHarness.POLL);
    }
    throw new AssertionError("the stop point was never reached");
  }
}
