package dev.teal.reconcile.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.sandbox.DemoService;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.TaskSet;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Whole blue/green cycles on services unlike the demo's {@code web} (issue 13, findings 1 and 2): one on
 * the FARGATE_SPOT capacity provider, one in the bridge network mode on EC2 capacity. Shown to catch:
 * green's CreateTaskSet without the stable task set's capacity provider strategy (it ran on the cluster's
 * default, EC2 here, where ECS refused the Fargate-only task definition), and green's target group
 * created with target type ip for the bridge service (ECS refused the pairing).
 */
class OtherCapacityCycleTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  @Test
  void aFargateSpotServiceGetsGreenOnFargateSpotThroughAWholeCycle() {
    CycleHarness h = new CycleHarness(sandbox);
    DemoService spot = sandbox.seedSpotService();

    cycle(h, spot, green -> {
      assertThat(green.launchType()).isNull();
      assertThat(green.capacityProviderStrategy()).singleElement()
          .satisfies(i -> assertThat(i.capacityProvider()).isEqualTo("FARGATE_SPOT"));
      assertThat(green.networkConfiguration().awsvpcConfiguration().subnets()).isNotEmpty();
    });
  }

  @Test
  void aBridgeServiceOnEc2GetsInstanceTargetGroupsThroughAWholeCycle() {
    CycleHarness h = new CycleHarness(sandbox);
    DemoService bridge = sandbox.seedBridgeService();

    cycle(h, bridge, green -> {
      assertThat(green.launchTypeAsString()).isEqualTo("EC2");
      assertThat(green.networkConfiguration()).isNull();
      String group = green.loadBalancers().get(0).targetGroupArn();
      assertThat(sandbox.observerElb().describeTargetGroups(r -> r.targetGroupArns(group)).targetGroups().get(0)
          .targetType()).isEqualTo(TargetTypeEnum.INSTANCE);
      assertThat(sandbox.observerElb().describeTargetHealth(r -> r.targetGroupArn(group)).targetHealthDescriptions())
          .isNotEmpty().allSatisfy(t -> assertThat(t.target().id()).startsWith("i-"));
    });
  }

  /** Adopt, preview, promote, scale blue down; {@code checkGreen} looks at green's task set once promoted. */
  private void cycle(CycleHarness h, DemoService service, Consumer<TaskSet> checkGreen) {
    String path = service.path().replace("*", "/");
    h.clock.advance(Duration.ofSeconds(60)); // its blue tasks start and pass their health checks
    h.apply(h.spec(service, "nginx:1.26", DesiredPhase.PREVIEW));
    DeploymentStatus adopted = h.runUntilQuiet();
    assertThat(adopted.phase()).isEqualTo(Phase.PROMOTED);
    assertThat(adopted.stable().taskSet()).isEqualTo(service.taskSetArn());

    h.apply(h.spec(service, "nginx:1.27", DesiredPhase.PREVIEW));
    h.runUntilPhase(Phase.PREVIEWING);
    assertThat(h.servedImage(h.demo.testListenerArn(), path)).isEqualTo("nginx:1.27");
    assertThat(h.servedImage(h.demo.productionListenerArn(), path)).isEqualTo("nginx:1.26");

    h.apply(h.spec(service, "nginx:1.27", DesiredPhase.PROMOTE));
    DeploymentStatus promoted = h.runUntilPhase(Phase.PROMOTED);
    assertThat(h.servedImage(h.demo.productionListenerArn(), path)).isEqualTo("nginx:1.27");
    assertThat(h.servedImage(h.demo.productionListenerArn())).as("web is untouched").isEqualTo("nginx:1.26");
    assertThat(h.taskSets()).filteredOn(t -> t.taskSetArn().equals(promoted.stable().taskSet())).singleElement()
        .satisfies(t -> assertThat(t.status()).isEqualTo("PRIMARY"))
        .satisfies(checkGreen);

    h.runUntil(s -> s.previous() != null && s.previous().taskSet() == null && s.retired().isEmpty(),
        Duration.ofHours(1));
    assertThat(h.taskSets()).filteredOn(t -> !"DRAINING".equals(t.status())).singleElement()
        .satisfies(t -> assertThat(t.taskSetArn()).isEqualTo(promoted.stable().taskSet()));
    h.assertIdempotent();
    h.assertInvariantsHeld();
  }
}
