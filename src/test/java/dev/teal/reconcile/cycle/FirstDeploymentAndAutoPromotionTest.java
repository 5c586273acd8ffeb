package dev.teal.reconcile.cycle;

import static dev.teal.reconcile.cycle.CycleHarness.autoPromote;
import static dev.teal.reconcile.cycle.CycleHarness.withStrategy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.NetworkSpec;
import dev.teal.model.Phase;
import dev.teal.model.StrategySpec;
import dev.teal.model.TrafficSpec;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;

class FirstDeploymentAndAutoPromotionTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  @Test
  void aServiceWithoutTaskSetsGetsItsFirstRevisionStraightIntoProductionOnceHealthy() {
    CycleHarness h = new CycleHarness(sandbox);
    sandbox.ecs().createService(r -> r.cluster(h.demo.cluster()).serviceName("fresh").desiredCount(2)
        .deploymentController(c -> c.type(DeploymentControllerType.EXTERNAL)));
    String placeholder = sandbox.elb().createTargetGroup(r -> r.name("fresh-placeholder").protocol("HTTP").port(80)
        .vpcId(h.demo.vpcId()).targetType("ip")).targetGroups().get(0).targetGroupArn();
    String production = rule(h.demo.productionListenerArn(), placeholder);
    String test = rule(h.demo.testListenerArn(), placeholder);
    h.preexisting.add(placeholder);
    DeploymentSpec base = h.spec("nginx:1.30", DesiredPhase.PREVIEW);
    h.apply(new DeploymentSpec(base.cluster(), "fresh", base.taskDefinition(), base.container(), base.containerPort(),
        base.image(), base.phase(), new TrafficSpec(production, null, test, base.traffic().targetGroup()),
        new NetworkSpec("FARGATE", h.demo.subnets(), null, false), base.strategy()));

    DeploymentStatus promoted = h.runUntilPhase(Phase.PROMOTED);

    assertThat(promoted.stable().image()).isEqualTo("nginx:1.30");
    assertThat(promoted.previous()).isNull();
    assertThat(h.weights(production)).containsOnlyKeys(promoted.stable().targetGroup());
    assertThat(h.weights(h.demo.productionRuleArn())).as("the other service's rule is untouched")
        .containsOnlyKeys(h.demo.targetGroupArn());
    h.assertIdempotent();
    h.assertInvariantsHeld();
  }

  /** A rule on {@code listener} for /fresh* (priority 20) forwarding to {@code targetGroup}. */
  private String rule(String listener, String targetGroup) {
    return sandbox.elb().createRule(r -> r.listenerArn(listener).priority(20)
        .conditions(c -> c.field("path-pattern").values("/fresh*"))
        .actions(a -> a.type("forward").targetGroupArn(targetGroup))).rules().get(0).ruleArn();
  }

  @Test
  void autoPromoteAfterPromotesOnItsOwnOnceTheDelayHasPassedSinceGreenWasReady() {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    h.apply(withStrategy(h.spec("nginx:1.27", DesiredPhase.PREVIEW), s -> autoPromote(s, Duration.ofMinutes(15))));

    DeploymentStatus previewing = h.runUntilPhase(Phase.PREVIEWING);
    Instant readyAt = previewing.previewReadyAt();
    DeploymentStatus promoted = h.runUntilPhase(Phase.PROMOTED);

    assertThat(promoted.promotedAt()).isEqualTo(readyAt.plus(Duration.ofMinutes(15)));
    assertThat(h.servedImage(h.demo.productionListenerArn())).isEqualTo("nginx:1.27");
    h.assertInvariantsHeld();
  }

  @Test
  void aPartialPreviewScaleIsRaisedToFullBeforeProductionMoves() {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    h.apply(withStrategy(h.spec("nginx:1.27", DesiredPhase.PREVIEW), s -> new StrategySpec(34, s.promotion(),
        s.autoPromoteAfter(), s.scaleDownDelay(), s.progressDeadline(), s.analysis())));
    h.runUntilPhase(Phase.PREVIEWING);
    assertThat(h.taskSets()).anySatisfy(t -> {
      assertThat(t.scale().value()).isEqualTo(34.0);
      assertThat(t.computedDesiredCount()).isEqualTo(2);
    });

    h.apply(withStrategy(h.spec("nginx:1.27", DesiredPhase.PROMOTE), s -> new StrategySpec(34, s.promotion(),
        s.autoPromoteAfter(), s.scaleDownDelay(), s.progressDeadline(), s.analysis())));
    DeploymentStatus promoted = h.runUntilPhase(Phase.PROMOTED);

    assertThat(h.taskSets()).filteredOn(t -> t.taskSetArn().equals(promoted.stable().taskSet()))
        .singleElement().satisfies(t -> assertThat(t.computedDesiredCount()).isEqualTo(3));
    h.assertInvariantsHeld();
  }
}
