package dev.teal.reconcile.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.aws.sdk.SdkEcsGateway;
import dev.teal.aws.sdk.SdkElbGateway;
import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.reconcile.FleetCheck;
import dev.teal.testing.SandboxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;

/**
 * The resync's fleet check: a settled deployment costs one batched ECS and one batched ELB describe and
 * no reconcile; one whose world drifted from its status, or whose status is not settled, is handed on.
 */
class FleetCheckTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  FleetCheck check() {
    return new FleetCheck(new SdkEcsGateway(sandbox.ecs()), new SdkElbGateway(sandbox.elb()));
  }

  Map<String, String> due(CycleHarness h) {
    return check().needingReconcile(List.of(h.store.get(CycleHarness.NAME).orElseThrow()));
  }

  @Test
  void aSettledDeploymentIsCheckedWithTwoDescribesAndNoTargetHealth() {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    sandbox.simulator().calls().reset();

    assertThat(due(h)).isEmpty();
    assertThat(sandbox.simulator().calls().countsByOperation())
        .containsExactlyInAnyOrderEntriesOf(Map.of("ecs:DescribeServices", 1L, "elb:DescribeRules", 1L));
  }

  /**
   * Shown to catch: comparing only which target groups a route names, not their weights (the hand change
   * below keeps both groups and swaps the weights).
   */
  @Test
  void aHandChangedRuleIsDueAndTheReconcileRestoresIt() {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    h.apply(h.spec("nginx:1.27", DesiredPhase.PREVIEW));
    String green = h.runUntilPhase(Phase.PREVIEWING).preview().targetGroup();
    sandbox.observerElb().modifyRule(r -> r.ruleArn(h.demo.testRuleArn()).actions(a -> a.type(ActionTypeEnum.FORWARD)
        .forwardConfig(f -> f.targetGroups(t -> t.targetGroupArn(green).weight(0),
            t -> t.targetGroupArn(h.demo.targetGroupArn()).weight(100)))));

    assertThat(due(h)).containsOnlyKeys(CycleHarness.NAME).containsValue("a route's weights differ from the status");
    h.reconcileOnce();
    assertThat(due(h)).isEmpty();
    assertThat(h.servedImage(h.demo.testListenerArn())).isEqualTo("nginx:1.27");
  }

  @Test
  void previewingWithoutAutoPromotionIsSettledButACreatedTaskSetIsNot() {
    CycleHarness h = new CycleHarness(sandbox);
    h.apply(h.spec("nginx:1.26", DesiredPhase.PREVIEW));
    h.runUntilQuiet();
    h.apply(h.spec("nginx:1.27", DesiredPhase.PREVIEW));
    assertThat(due(h)).containsValue("the spec changed");
    h.runUntilPhase(Phase.PREVIEWING);

    assertThat(due(h)).as("green is ready; nothing happens until someone promotes").isEmpty();

    sandbox.observerEcs().deleteTaskSet(r -> r.cluster(h.demo.cluster()).service(h.demo.service())
        .taskSet(h.status().preview().taskSet()).force(true));
    assertThat(due(h)).containsValue("task sets differ from the status");
  }
}
