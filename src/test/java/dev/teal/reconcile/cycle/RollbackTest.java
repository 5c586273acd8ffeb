package dev.teal.reconcile.cycle;

import static dev.teal.reconcile.cycle.CycleHarness.steps;
import static dev.teal.reconcile.cycle.CycleHarness.withStrategy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rollback at every stage of a cycle. */
class RollbackTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  CycleHarness previewing(String image) {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    h.apply(h.spec(image, DesiredPhase.PREVIEW));
    h.runUntilPhase(Phase.PREVIEWING);
    return h;
  }

  @Test
  void beforePromotionTheTestRuleReturnsToStableAndGreenIsDeleted() {
    CycleHarness h = previewing("nginx:1.27");
    String greenTaskSet = h.status().preview().taskSet();

    h.apply(h.spec("nginx:1.27", DesiredPhase.ROLLBACK));
    DeploymentStatus rolledBack = h.runUntilPhase(Phase.ROLLED_BACK);

    assertThat(rolledBack.stable().image()).isEqualTo("nginx:1.26");
    assertThat(rolledBack.preview()).isNull();
    assertThat(h.servedImage(h.demo.testListenerArn())).isEqualTo("nginx:1.26");
    assertThat(h.taskSets()).noneMatch(t -> t.taskSetArn().equals(greenTaskSet) && !"DRAINING".equals(t.status()));
    assertThat(h.targetGroupNames()).containsExactly(h.demo.targetGroupName());
    h.assertIdempotent();
    h.assertInvariantsHeld();
  }

  @Test
  void duringStepsProductionReturnsToStableInOneWrite() {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    h.apply(withStrategy(h.spec("nginx:1.27", DesiredPhase.PROMOTE),
        s -> steps(s, List.of(20, 60, 100), Duration.ofMinutes(5))));
    h.runUntil(s -> s.promotion() != null && s.promotion().weight() == 60, Duration.ofHours(1));
    long productionWrites = h.count("elb:ModifyRule");

    h.apply(withStrategy(h.spec("nginx:1.27", DesiredPhase.ROLLBACK),
        s -> steps(s, List.of(20, 60, 100), Duration.ofMinutes(5))));
    h.reconcileOnce();

    assertThat(h.weights(h.demo.productionRuleArn())).containsExactlyEntriesOf(java.util.Map.of(h.demo.targetGroupArn(), 100));
    assertThat(h.count("elb:ModifyRule")).as("production back to stable at once, then test").isGreaterThan(productionWrites);
    DeploymentStatus rolledBack = h.runUntilPhase(Phase.ROLLED_BACK);
    assertThat(rolledBack.stable().image()).isEqualTo("nginx:1.26");
    assertThat(h.servedImage(h.demo.productionListenerArn())).isEqualTo("nginx:1.26");
    h.assertIdempotent();
    h.assertInvariantsHeld();
  }

  @Test
  void withinScaleDownDelayItIsAnInstantFlipBackToBlueIncludingPrimary() {
    CycleHarness h = previewing("nginx:1.27");
    h.apply(h.spec("nginx:1.27", DesiredPhase.PROMOTE));
    DeploymentStatus promoted = h.runUntilPhase(Phase.PROMOTED);
    String blueTaskSet = promoted.previous().taskSet();
    long creates = h.count("ecs:CreateTaskSet");

    h.apply(h.spec("nginx:1.27", DesiredPhase.ROLLBACK));
    h.reconcileOnce();

    assertThat(h.servedImage(h.demo.productionListenerArn())).isEqualTo("nginx:1.26");
    assertThat(h.taskSets()).anySatisfy(t -> {
      assertThat(t.taskSetArn()).isEqualTo(blueTaskSet);
      assertThat(t.status()).isEqualTo("PRIMARY");
    });
    DeploymentStatus rolledBack = h.runUntilPhase(Phase.ROLLED_BACK);
    assertThat(rolledBack.stable().taskSet()).isEqualTo(blueTaskSet);
    assertThat(h.count("ecs:CreateTaskSet")).as("no new task set: blue was still running").isEqualTo(creates);
    h.assertIdempotent();
    h.assertInvariantsHeld();
  }

  @Test
  void afterBlueIsGoneTheLastStableImageIsDeployedAgain() {
    CycleHarness h = previewing("nginx:1.27");
    h.apply(h.spec("nginx:1.27", DesiredPhase.PROMOTE));
    h.runUntil(s -> s.previous() != null && s.previous().taskSet() == null && s.retired().isEmpty(),
        Duration.ofHours(2));

    h.apply(h.spec("nginx:1.27", DesiredPhase.ROLLBACK));
    DeploymentStatus rolledBack = h.runUntilPhase(Phase.ROLLED_BACK);

    assertThat(rolledBack.stable().image()).isEqualTo("nginx:1.26");
    assertThat(h.servedImage(h.demo.productionListenerArn())).isEqualTo("nginx:1.26");
    assertThat(h.taskSets()).filteredOn(t -> !"DRAINING".equals(t.status())).singleElement()
        .satisfies(t -> assertThat(t.status()).isEqualTo("PRIMARY"));
    h.assertIdempotent();
    h.assertInvariantsHeld();
  }
}
