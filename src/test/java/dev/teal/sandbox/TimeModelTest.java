package dev.teal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.testing.SandboxExtension;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.ScaleUnit;
import software.amazon.awssdk.services.ecs.model.StabilityStatus;
import software.amazon.awssdk.services.ecs.model.TaskSet;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * The simulator's behaviour over time, on a virtual clock. The demo world's task start delay is
 * the simulator default (10 s) and its target group checks every 10 s with a healthy threshold of 2.
 */
class TimeModelTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  private TaskSet primary(DemoIds demo) {
    return sandbox.ecs().describeTaskSets(r -> r.cluster(demo.cluster()).service(demo.service())
        .taskSets(demo.taskSetArn())).taskSets().get(0);
  }

  private List<TargetHealthDescription> health(String targetGroupArn) {
    return sandbox.elb().describeTargetHealth(r -> r.targetGroupArn(targetGroupArn)).targetHealthDescriptions();
  }

  private static List<String> states(List<TargetHealthDescription> health) {
    return health.stream().map(h -> h.targetHealth().stateAsString()).toList();
  }

  /** A second target group on the demo rules at weight 0 and a task set running {@code image} in it. */
  private TaskSet green(DemoIds demo, String image, double scale) {
    String td = sandbox.ecs().registerTaskDefinition(r -> r.family("web").networkMode(NetworkMode.AWSVPC)
        .requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
        .containerDefinitions(c -> c.name("web").image(image).portMappings(p -> p.containerPort(80))))
        .taskDefinition().taskDefinitionArn();
    String tg = sandbox.elb().createTargetGroup(r -> r.name("web-green").protocol(ProtocolEnum.HTTP).port(80)
        .vpcId(demo.vpcId()).targetType(TargetTypeEnum.IP).healthCheckIntervalSeconds(10)
        .healthyThresholdCount(2).unhealthyThresholdCount(3)).targetGroups().get(0).targetGroupArn();
    sandbox.elb().modifyRule(r -> r.ruleArn(demo.testRuleArn()).actions(a -> a.type(ActionTypeEnum.FORWARD)
        .forwardConfig(f -> f.targetGroups(
            TargetGroupTuple.builder().targetGroupArn(demo.targetGroupArn()).weight(1).build(),
            TargetGroupTuple.builder().targetGroupArn(tg).weight(0).build()))));
    return sandbox.ecs().createTaskSet(r -> r.cluster(demo.cluster()).service(demo.service()).externalId("green")
        .taskDefinition(td).launchType(LaunchType.FARGATE)
        .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(demo.subnets())))
        .loadBalancers(l -> l.targetGroupArn(tg).containerName("web").containerPort(80))
        .scale(s -> s.unit(ScaleUnit.PERCENT).value(scale))).taskSet();
  }

  @Test
  void tasksStartAfterTheDelayAndTargetsTurnHealthyExactlyAfterIntervalTimesThreshold() {
    Instant t0 = sandbox.clock().instant();
    DemoIds demo = sandbox.seedDemo();
    TaskSet ts = primary(demo);
    assertThat(ts.pendingCount()).isEqualTo(3);
    assertThat(ts.runningCount()).isZero();
    assertThat(ts.stabilityStatus()).isEqualTo(StabilityStatus.STABILIZING);
    assertThat(health(demo.targetGroupArn())).isEmpty();

    sandbox.clock().advanceSeconds(10);
    assertThat(primary(demo).runningCount()).isEqualTo(3);
    assertThat(health(demo.targetGroupArn())).hasSize(3).allSatisfy(h -> {
      assertThat(h.targetHealth().stateAsString()).isEqualTo("initial");
      assertThat(h.targetHealth().reasonAsString()).isEqualTo("Elb.RegistrationInProgress");
    });

    sandbox.clock().advanceSeconds(19);
    assertThat(states(health(demo.targetGroupArn()))).containsOnly("initial");
    assertThat(primary(demo).stabilityStatus()).isEqualTo(StabilityStatus.STABILIZING);

    sandbox.clock().advanceSeconds(1);
    assertThat(states(health(demo.targetGroupArn()))).containsExactly("healthy", "healthy", "healthy");
    TaskSet steady = primary(demo);
    assertThat(steady.stabilityStatus()).isEqualTo(StabilityStatus.STEADY_STATE);
    assertThat(steady.stabilityStatusAt()).isEqualTo(t0.plusSeconds(30));
    assertThat(sandbox.simulator().targets(demo.targetGroupArn())).allMatch(TargetView::healthy)
        .extracting(TargetView::image).containsOnly("nginx:1.26");
  }

  @Test
  void aTargetViewCarriesWhenTheTargetRegisteredAndWhenItTurnedHealthy() {
    Instant t0 = sandbox.clock().instant();
    DemoIds demo = sandbox.seedDemo();
    sandbox.clock().advanceSeconds(12);
    assertThat(sandbox.simulator().targets(demo.targetGroupArn())).hasSize(3).allSatisfy(t -> {
      assertThat(t.state()).isEqualTo("initial");
      assertThat(t.registeredAt()).as("registered when the task started").isEqualTo(t0.plusSeconds(10));
      assertThat(t.since()).as("checks run from registration").isEqualTo(t0.plusSeconds(10));
    });

    sandbox.clock().advanceSeconds(60);
    assertThat(sandbox.simulator().targets(demo.targetGroupArn())).allSatisfy(t -> {
      assertThat(t.healthy()).isTrue();
      assertThat(t.since()).as("the second 10 s check after registration, however late it is asked")
          .isEqualTo(t0.plusSeconds(30));
    });
  }

  @Test
  void computedDesiredCountFollowsServiceDesiredCountAndScale() {
    DemoIds demo = sandbox.seedDemo();
    sandbox.clock().advanceSeconds(30);
    sandbox.ecs().updateService(r -> r.cluster(demo.cluster()).service(demo.service()).desiredCount(5));
    TaskSet ts = primary(demo);
    assertThat(ts.computedDesiredCount()).isEqualTo(5);
    assertThat(ts.runningCount()).isEqualTo(3);
    assertThat(ts.pendingCount()).isEqualTo(2);
    assertThat(ts.stabilityStatus()).isEqualTo(StabilityStatus.STABILIZING);

    TaskSet green = green(demo, "nginx:1.27", 50);
    assertThat(green.computedDesiredCount()).isEqualTo(3); // ceil(5 × 50 %)
    var service = sandbox.ecs().describeServices(r -> r.cluster(demo.cluster()).services(demo.service()))
        .services().get(0);
    assertThat(service.pendingCount()).isEqualTo(5);
    assertThat(service.runningCount()).isEqualTo(3);

    sandbox.clock().advanceSeconds(10);
    assertThat(primary(demo).runningCount()).isEqualTo(5);
  }

  @Test
  void scalingDownDrainsTargetsForTheDeregistrationDelay() {
    DemoIds demo = sandbox.seedDemo();
    sandbox.elb().modifyTargetGroupAttributes(r -> r.targetGroupArn(demo.targetGroupArn())
        .attributes(a -> a.key("deregistration_delay.timeout_seconds").value("60")));
    sandbox.clock().advanceSeconds(30);
    sandbox.ecs().updateService(r -> r.cluster(demo.cluster()).service(demo.service()).desiredCount(1));

    assertThat(states(health(demo.targetGroupArn()))).containsExactlyInAnyOrder("healthy", "draining", "draining");
    assertThat(health(demo.targetGroupArn())).filteredOn(h -> h.targetHealth().stateAsString().equals("draining"))
        .allSatisfy(h -> assertThat(h.targetHealth().reasonAsString()).isEqualTo("Target.DeregistrationInProgress"));
    assertThat(primary(demo).runningCount()).isEqualTo(1);

    sandbox.clock().advanceSeconds(59);
    assertThat(health(demo.targetGroupArn())).hasSize(3);
    sandbox.clock().advanceSeconds(1);
    assertThat(states(health(demo.targetGroupArn()))).containsExactly("healthy");
  }

  @Test
  void aDeletedTaskSetDrainsAndThenDisappears() {
    DemoIds demo = sandbox.seedDemo();
    sandbox.elb().modifyTargetGroupAttributes(r -> r.targetGroupArn(demo.targetGroupArn())
        .attributes(a -> a.key("deregistration_delay.timeout_seconds").value("30")));
    TaskSet green = green(demo, "nginx:1.27", 100);
    sandbox.clock().advanceSeconds(30);
    sandbox.ecs().updateServicePrimaryTaskSet(r -> r.cluster(demo.cluster()).service(demo.service())
        .primaryTaskSet(green.taskSetArn()));
    sandbox.ecs().deleteTaskSet(r -> r.cluster(demo.cluster()).service(demo.service())
        .taskSet(demo.taskSetArn()).force(true));

    TaskSet draining = primary(demo);
    assertThat(draining.status()).isEqualTo("DRAINING");
    assertThat(draining.runningCount()).isZero();
    assertThat(states(health(demo.targetGroupArn()))).containsOnly("draining");

    sandbox.clock().advanceSeconds(30);
    assertThat(health(demo.targetGroupArn())).isEmpty();
    var described = sandbox.ecs().describeTaskSets(r -> r.cluster(demo.cluster()).service(demo.service())
        .taskSets(demo.taskSetArn()));
    assertThat(described.taskSets()).isEmpty();
    assertThat(described.failures()).singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));
  }

  @Test
  void anUnhealthyImageFailsHealthChecksAfterIntervalTimesUnhealthyThreshold() {
    DemoIds demo = sandbox.seedDemo();
    TaskSet green = green(demo, "registry/app:1.0-unhealthy", 100);
    String tg = green.loadBalancers().get(0).targetGroupArn();
    sandbox.clock().advanceSeconds(10 + 29);
    assertThat(states(health(tg))).containsOnly("initial");
    sandbox.clock().advanceSeconds(1);
    assertThat(health(tg)).hasSize(3).allSatisfy(h -> {
      assertThat(h.targetHealth().stateAsString()).isEqualTo("unhealthy");
      assertThat(h.targetHealth().reasonAsString()).isEqualTo("Target.ResponseCodeMismatch");
    });
    sandbox.clock().advanceSeconds(600);
    TaskSet later = sandbox.ecs().describeTaskSets(r -> r.cluster(demo.cluster()).service(demo.service())
        .taskSets(green.taskSetArn())).taskSets().get(0);
    assertThat(later.stabilityStatus()).isEqualTo(StabilityStatus.STABILIZING);
  }

  @Test
  void aCrashloopingImageKeepsStoppingAndNeverSettles() {
    DemoIds demo = sandbox.seedDemo();
    TaskSet green = green(demo, "registry/app:crashloop", 100);
    String tg = green.loadBalancers().get(0).targetGroupArn();

    sandbox.clock().advanceSeconds(10);
    assertThat(describe(demo, green).runningCount()).isEqualTo(3);
    sandbox.clock().advanceSeconds(5); // crash-looping tasks run 5 s by default
    TaskSet crashed = describe(demo, green);
    assertThat(crashed.runningCount()).isZero();
    assertThat(crashed.pendingCount()).isEqualTo(3);

    for (int i = 0; i < 20; i++) {
      sandbox.clock().advanceSeconds(7);
      assertThat(states(health(tg))).doesNotContain("healthy");
      assertThat(describe(demo, green).stabilityStatus()).isEqualTo(StabilityStatus.STABILIZING);
    }
  }

  @Test
  void targetsInAGroupNoListenerUsesAreUnused() {
    DemoIds demo = sandbox.seedDemo();
    String tg = sandbox.elb().createTargetGroup(r -> r.name("orphan").protocol(ProtocolEnum.HTTP).port(80)
        .vpcId(demo.vpcId()).targetType(TargetTypeEnum.IP)).targetGroups().get(0).targetGroupArn();
    sandbox.elb().registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id("10.0.7.7")));
    sandbox.clock().advanceSeconds(3600);
    assertThat(health(tg)).singleElement().satisfies(h -> {
      assertThat(h.targetHealth().stateAsString()).isEqualTo("unused");
      assertThat(h.targetHealth().reasonAsString()).isEqualTo("Target.NotInUse");
    });
  }

  private TaskSet describe(DemoIds demo, TaskSet ts) {
    return sandbox.ecs().describeTaskSets(r -> r.cluster(demo.cluster()).service(demo.service())
        .taskSets(ts.taskSetArn())).taskSets().get(0);
  }
}
