package dev.teal.reconcile.cycle;

import static dev.teal.reconcile.cycle.CycleHarness.steps;
import static dev.teal.reconcile.cycle.CycleHarness.withStrategy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole blue/green cycle, end to end through the real SDK clients against the sandbox. */
class BlueGreenCycleTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  @Test
  void adoptsPreviewsPromotesAndScalesDownBlue() {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));

    DeploymentStatus adopted = h.runUntilQuiet();
    assertThat(adopted.phase()).isEqualTo(Phase.PROMOTED);
    assertThat(adopted.stable().taskSet()).isEqualTo(h.demo.taskSetArn());
    assertThat(adopted.stable().isAdopted()).isTrue();
    h.assertIdempotent();

    h.apply(h.spec("nginx:1.27", DesiredPhase.PREVIEW));
    DeploymentStatus previewing = h.runUntilPhase(Phase.PREVIEWING);
    assertThat(previewing.preview().image()).isEqualTo("nginx:1.27");
    assertThat(h.servedImage(h.demo.testListenerArn())).isEqualTo("nginx:1.27");
    assertThat(h.servedImage(h.demo.productionListenerArn())).isEqualTo("nginx:1.26");
    h.assertIdempotent();

    h.apply(h.spec("nginx:1.27", DesiredPhase.PROMOTE));
    DeploymentStatus promoted = h.runUntilPhase(Phase.PROMOTED);
    assertThat(promoted.stable().image()).isEqualTo("nginx:1.27");
    assertThat(promoted.previous().image()).isEqualTo("nginx:1.26");
    assertThat(h.servedImage(h.demo.productionListenerArn())).isEqualTo("nginx:1.27");
    assertThat(h.taskSets()).hasSize(2).anySatisfy(t -> {
      assertThat(t.status()).isEqualTo("PRIMARY");
      assertThat(t.externalId()).isEqualTo(promoted.stable().revision());
    });

    DeploymentStatus scaledDown = h.runUntil(s -> s.previous() != null && s.previous().taskSet() == null
        && s.retired().isEmpty(), Duration.ofHours(1));
    assertThat(scaledDown.phase()).isEqualTo(Phase.PROMOTED);
    assertThat(h.taskSets()).filteredOn(t -> !"DRAINING".equals(t.status())).singleElement()
        .satisfies(t -> assertThat(t.status()).isEqualTo("PRIMARY"));
    assertThat(h.targetGroupNames()).as("the adopted blue's target group is not teal's to delete")
        .contains(h.demo.targetGroupName());
    h.assertIdempotent();
    h.assertInvariantsHeld();
  }

  @Test
  void steppedPromotionMovesProductionOneStepPerInterval() {
    CycleHarness h = new CycleHarness(sandbox);
    DeploymentSpec stepped = withStrategy(h.spec("nginx:1.27", DesiredPhase.PROMOTE),
        s -> steps(s, List.of(10, 50, 100), Duration.ofMinutes(2)));
    h.apply(stepped);

    DeploymentStatus atTen = h.runUntil(s -> s.promotion() != null && s.promotion().weight() == 10, Duration.ofHours(1));
    var tenAt = atTen.promotion().stepStartedAt();
    assertThat(h.weights(h.demo.productionRuleArn())).containsValues(90, 10);

    DeploymentStatus atFifty = h.runUntil(s -> s.promotion() != null && s.promotion().weight() == 50,
        Duration.ofMinutes(5));
    assertThat(Duration.between(tenAt, atFifty.promotion().stepStartedAt())).isEqualTo(Duration.ofMinutes(2));

    DeploymentStatus promoted = h.runUntilPhase(Phase.PROMOTED);
    assertThat(promoted.stable().image()).isEqualTo("nginx:1.27");
    assertThat(h.count("elb:ModifyRule")).as("modify calls: test attach + test shift + 3 production steps; "
        + h.sandbox.simulator().calls().records("elb:ModifyRule")).isEqualTo(5);
    h.assertIdempotent();
    h.assertInvariantsHeld();
  }
}
