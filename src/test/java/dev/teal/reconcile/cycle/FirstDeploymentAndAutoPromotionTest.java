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
import dev.teal.sandbox.DemoService;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.ScaleUnit;

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
    // Green's task set is ACTIVE until teal makes it primary, as on ECS: with a simulator that made the first
    // task set primary, the old planner failed ("task definition ... of the primary task set could not be
    // read") and then promoted green without its health gate.
    assertThat(promoted.events()).noneMatch(e -> e.type().equals("Warning"));
    assertThat(h.taskSets()).singleElement().satisfies(t -> assertThat(t.status()).isEqualTo("PRIMARY"));
    assertThat(h.weights(production)).containsOnlyKeys(promoted.stable().targetGroup());
    assertThat(h.weights(h.demo.productionRuleArn())).as("the other service's rule is untouched")
        .containsOnlyKeys(h.demo.targetGroupArn());
    h.assertIdempotent();
    h.assertInvariantsHeld();
  }

  /**
   * A service whose task set serves production but was never made primary (ECS makes no task set primary
   * on its own; a set-up without UpdateServicePrimaryTaskSet or AWS::ECS::PrimaryTaskSet) is adopted like a
   * primary one, and made primary: the new image previews behind the test route while production waits for
   * promote. Shown to catch: the old planner, which saw no primary, took the service for a first deployment
   * and sent production straight to green (PROMOTED without ever PREVIEWING).
   */
  @Test
  void aTaskSetServingProductionButNeverMadePrimaryIsAdoptedAndMadePrimary() {
    CycleHarness h = new CycleHarness(sandbox);
    DemoService solo = serviceWithoutPrimary(h);
    h.clock.advance(Duration.ofSeconds(60));

    h.apply(h.spec(solo, "nginx:1.27", DesiredPhase.PREVIEW));
    DeploymentStatus previewing = h.runUntilPhase(Phase.PREVIEWING);

    assertThat(previewing.stable().taskSet()).isEqualTo(solo.taskSetArn());
    assertThat(previewing.stable().isAdopted()).isTrue();
    assertThat(h.taskSets()).filteredOn(t -> t.taskSetArn().equals(solo.taskSetArn())).singleElement()
        .satisfies(t -> assertThat(t.status()).isEqualTo("PRIMARY"));
    assertThat(h.servedImage(h.demo.productionListenerArn(), "/solo/")).isEqualTo("nginx:1.26");
    assertThat(h.servedImage(h.demo.testListenerArn(), "/solo/")).isEqualTo("nginx:1.27");

    h.apply(h.spec(solo, "nginx:1.27", DesiredPhase.PROMOTE));
    h.runUntilPhase(Phase.PROMOTED);
    assertThat(h.servedImage(h.demo.productionListenerArn(), "/solo/")).isEqualTo("nginx:1.27");
    h.assertIdempotent();
    h.assertInvariantsHeld();
  }

  /** Service {@code solo}: one ACTIVE task set (the demo's nginx:1.26 definition) behind rules for /solo*. */
  private DemoService serviceWithoutPrimary(CycleHarness h) {
    sandbox.ecs().createService(r -> r.cluster(h.demo.cluster()).serviceName("solo").desiredCount(2)
        .deploymentController(c -> c.type(DeploymentControllerType.EXTERNAL)));
    String group = sandbox.elb().createTargetGroup(r -> r.name("solo-blue").protocol("HTTP").port(80)
        .vpcId(h.demo.vpcId()).targetType("ip").healthCheckPath("/healthz").healthCheckIntervalSeconds(10)
        .healthyThresholdCount(2)).targetGroups().get(0).targetGroupArn();
    String production = soloRule(h.demo.productionListenerArn(), group);
    String test = soloRule(h.demo.testListenerArn(), group);
    String taskSet = sandbox.ecs().createTaskSet(r -> r.cluster(h.demo.cluster()).service("solo").externalId("initial")
        .taskDefinition(h.demo.taskDefinitionArn()).launchType(LaunchType.FARGATE)
        .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(h.demo.subnets())))
        .loadBalancers(l -> l.targetGroupArn(group).containerName("web").containerPort(80))
        .scale(s -> s.unit(ScaleUnit.PERCENT).value(100.0))).taskSet().taskSetArn();
    return new DemoService("solo", h.demo.taskDefinitionFamily(), h.demo.taskDefinitionArn(), "web", 80, "nginx:1.26",
        "solo-blue", group, production, test, "/solo*", taskSet);
  }

  /** A rule on {@code listener} for /solo* (priority 5, ahead of web's catch-all) forwarding to {@code targetGroup}. */
  private String soloRule(String listener, String targetGroup) {
    return sandbox.elb().createRule(r -> r.listenerArn(listener).priority(5)
        .conditions(c -> c.field("path-pattern").values("/solo*"))
        .actions(a -> a.type("forward").targetGroupArn(targetGroup))).rules().get(0).ruleArn();
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
